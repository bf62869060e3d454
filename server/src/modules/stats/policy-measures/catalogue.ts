import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The policy's measures and responsible agencies: platform reference data, the same for every
 * programme, read once from `measures.zh-en.json` (checked against the policy text by
 * `catalogue.test.ts`). Tracking rows name a measure by its number and an agency by its code.
 */

const ZAgency = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9-]{1,47}$/),
  zh: z.string().min(1),
  en: z.string().min(1),
  /** Other spellings the text uses for the same agency (商务厅 for 省商务厅 in measure 17). */
  aliases: z.array(z.string()),
  /** A group rather than one body ("各有关市", "省级有关部门"): no single hub organisation stands for it. */
  collective: z.boolean(),
});
const ZCatalogue = z.strictObject({
  source: z.strictObject({
    titleZh: z.string(),
    titleEn: z.string(),
    file: z.string(),
    leadRule: z.string(),
  }),
  sections: z.array(z.strictObject({ number: z.number().int(), zh: z.string(), en: z.string() })),
  agencies: z.array(ZAgency),
  measures: z.array(
    z.strictObject({
      number: z.number().int().min(1),
      section: z.number().int().min(1),
      titleZh: z.string().min(1),
      titleEn: z.string().min(1),
      textZh: z.string().min(1),
      /** This project's translation; the Chinese text is the policy's own and prevails. */
      textEn: z.string().min(1),
      /** Agency codes in the order the policy lists them: the first leads. */
      agencies: z.array(z.string()),
    }),
  ),
});

export type PolicyCatalogue = z.infer<typeof ZCatalogue>;
export type PolicyAgency = PolicyCatalogue['agencies'][number];
export type PolicyMeasure = PolicyCatalogue['measures'][number];

export const readCatalogue = (): PolicyCatalogue =>
  ZCatalogue.parse(JSON.parse(readFileSync(new URL('./measures.zh-en.json', import.meta.url), 'utf8')));

export const catalogue: PolicyCatalogue = readCatalogue();

const agencyByCode: ReadonlyMap<string, PolicyAgency> = new Map(catalogue.agencies.map((a) => [a.code, a]));
const measureByNumber: ReadonlyMap<number, PolicyMeasure> = new Map(
  catalogue.measures.map((m) => [m.number, m]),
);

export const findAgency = (code: string): PolicyAgency | undefined => agencyByCode.get(code);
export const findMeasure = (number: number): PolicyMeasure | undefined => measureByNumber.get(number);

/** The lead agency of a measure (the first listed), or undefined for (一)–(三), which name none. */
export const leadAgencyOf = (measure: PolicyMeasure): string | undefined => measure.agencies[0];

/** A measure number written in a path ("4"), or undefined when it names no measure. */
export const measureNumberOf = (written: string): number | undefined => {
  if (!/^[1-9]\d?$/.test(written)) {
    return undefined;
  }
  return measureByNumber.has(Number(written)) ? Number(written) : undefined;
};
