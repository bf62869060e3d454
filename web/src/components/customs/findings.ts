// The matching findings of a parcel as the parcel page shows them: one row per compared field,
// read defensively from the server's JSON (`findingsDetail`, the RuleFinding[] of the matching
// rules) so a finding of an unexpected shape still shows what it has instead of breaking the page.

export const DOCUMENT_KINDS = ['order', 'payment', 'waybill', 'inventory'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const SEVERITIES = ['reject', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type FindingSide = {
  document: DocumentKind | null;
  field: string;
  /** The goods line (`gnum`) of a line field. */
  gnum: number | null;
  /** The value as the server shows it (personal data already masked); null when absent. */
  value: string | null;
};

export type Finding = {
  rule: string;
  severity: Severity;
  /** `customs.match_*`, translated under `fieldErrors.`; '' when the server sent none. */
  code: string;
  /** The server's English sentence, the fallback when the code has no translation. */
  message: string;
  sides: FindingSide[];
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const sideOf = (value: unknown): FindingSide | null => {
  if (!isRecord(value)) {
    return null;
  }
  const document = (DOCUMENT_KINDS as readonly unknown[]).includes(value.document)
    ? (value.document as DocumentKind)
    : null;
  const raw = value.value;
  return {
    document,
    field: text(value.field),
    gnum: typeof value.gnum === 'number' && Number.isInteger(value.gnum) ? value.gnum : null,
    value: raw === null || raw === undefined ? null : typeof raw === 'string' ? raw : JSON.stringify(raw),
  };
};

/**
 * Findings from the parcel's `findingsDetail`, rejecting ones first (they are why a parcel failed),
 * otherwise in the server's order. Anything not an object is skipped; an unknown severity counts
 * as `warn` so it never claims to be the reason for a failure.
 */
export const readFindings = (detail: unknown): Finding[] => {
  if (!Array.isArray(detail)) {
    return [];
  }
  const findings = detail.filter(isRecord).map(
    (item): Finding => ({
      rule: text(item.rule),
      severity: item.severity === 'reject' ? 'reject' : 'warn',
      code: text(item.code),
      message: text(item.message),
      sides: Array.isArray(item.fields)
        ? item.fields.map(sideOf).filter((side): side is FindingSide => side !== null)
        : [],
    }),
  );
  return [
    ...findings.filter((finding) => finding.severity === 'reject'),
    ...findings.filter((finding) => finding.severity !== 'reject'),
  ];
};

/** Where a side's value lives: `acturalPaid`, `line 2 · gname`. */
export const fieldLabel = (side: FindingSide, lineWord: string): string =>
  side.gnum === null ? side.field : `${lineWord} ${side.gnum} · ${side.field}`;

/**
 * Whether the sides of a finding hold different values (a comparison finding), so the page can
 * highlight them; false for a finding with fewer than two sides.
 */
export const sidesDisagree = (finding: Finding): boolean =>
  finding.sides.length >= 2 && new Set(finding.sides.map((side) => side.value)).size > 1;

/** The rule id's pair (`order_payment`) and what it compares (`amount`), for grouping and labels. */
export const ruleParts = (rule: string): { pair: string; compared: string } => {
  const dot = rule.indexOf('.');
  return dot === -1
    ? { pair: '', compared: rule }
    : { pair: rule.slice(0, dot), compared: rule.slice(dot + 1) };
};
