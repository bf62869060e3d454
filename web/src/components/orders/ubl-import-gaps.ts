import type { ProblemFieldError } from '../../api/client.ts';

/** An order line of the file, as the importer sees it: its number in the file and what it is. */
export type UblFileLine = { lineId: string; description: string };

/** What a refused UBL Order lacks that the importer can state (the server's `completion`). */
export type UblImportGaps = {
  /** Lines whose HS code is missing or unusable, by position in the file. */
  hsLines: (UblFileLine & { index: number })[];
  incoterms: boolean;
  paymentTerms: boolean;
};

const HS_FIELD = /^lines\.(\d+)\.hsCode$/;

/**
 * The gaps of a refused import, or undefined when anything else is wrong with the file (a total
 * that does not add up, a bad currency): completing cannot fix those, so the refusal is shown.
 * `lineAt` reads the file's n-th order line (the server names lines by position, the completion
 * by the file's own line number).
 */
export const ublImportGaps = (
  errors: readonly ProblemFieldError[],
  lineAt: (index: number) => UblFileLine | undefined,
): UblImportGaps | undefined => {
  if (errors.length === 0) {
    return undefined;
  }
  const gaps: UblImportGaps = { hsLines: [], incoterms: false, paymentTerms: false };
  for (const error of errors) {
    const hs = HS_FIELD.exec(error.field);
    if (hs !== null) {
      const index = Number(hs[1]);
      const line = lineAt(index);
      if (line === undefined) {
        return undefined;
      }
      gaps.hsLines.push({ index, ...line });
    } else if (error.field === 'incoterms' || error.field.startsWith('incoterms.')) {
      gaps.incoterms = true;
    } else if (error.field === 'paymentTerms' && error.code === 'kernel.required') {
      gaps.paymentTerms = true;
    } else {
      return undefined;
    }
  }
  gaps.hsLines.sort((a, b) => a.index - b.index);
  return gaps;
};

/** The values the completion form collects. */
export type UblCompletionValues = {
  hsCodes: Record<string, string>;
  incotermsRule?: string;
  unlocode?: string;
  placeName?: string;
  paymentTerms?: string;
};

/** The server's `completion` body from the form values: only what the gaps asked for. */
export const ublCompletionOf = (gaps: UblImportGaps, values: UblCompletionValues) => ({
  ...(gaps.hsLines.length === 0
    ? {}
    : {
        hsCodes: Object.fromEntries(
          gaps.hsLines.map((line) => [
            line.lineId,
            (values.hsCodes[line.lineId] ?? '').replace(/[\s.]/g, ''),
          ]),
        ),
      }),
  ...(gaps.incoterms
    ? {
        incoterms: {
          rule: values.incotermsRule ?? '',
          namedPlace: {
            unlocode: (values.unlocode ?? '').toUpperCase(),
            ...(values.placeName?.trim() ? { name: values.placeName.trim() } : {}),
          },
        },
      }
    : {}),
  ...(gaps.paymentTerms ? { paymentTerms: (values.paymentTerms ?? '').trim() } : {}),
});

/** Where a server field error of the completion belongs in the form. */
export const completionFormPath = (field: string, gaps: UblImportGaps): (string | number)[] | undefined => {
  const hs = HS_FIELD.exec(field);
  if (hs !== null) {
    const line = gaps.hsLines.find((l) => l.index === Number(hs[1]));
    return line === undefined ? undefined : ['hsCodes', line.lineId];
  }
  if (field === 'incoterms.rule' || field === 'incoterms') {
    return ['incotermsRule'];
  }
  if (field === 'incoterms.namedPlace.unlocode') {
    return ['unlocode'];
  }
  if (field === 'paymentTerms') {
    return ['paymentTerms'];
  }
  return undefined;
};
