import { readFileSync } from 'node:fs';
import { z } from 'zod';

// EBOPS 2010 (the services classification of MSITS 2010) as SDMX item codes, shipped with the
// module so a service's category is checked against the real list, not a pattern.
const ZEbops = z.object({
  source: z.string(),
  items: z.array(
    z.object({ code: z.string(), parent: z.string().nullable(), en: z.string(), zh: z.string() }),
  ),
});

export type EbopsItem = z.infer<typeof ZEbops>['items'][number];

const data = ZEbops.parse(JSON.parse(readFileSync(new URL('./ebops-2010.json', import.meta.url), 'utf8')));
const byCode: ReadonlyMap<string, EbopsItem> = new Map(data.items.map((item) => [item.code, item]));

export const ebopsSource = data.source;
export const ebopsItems: readonly EbopsItem[] = data.items;

/** The EBOPS 2010 item, if the code is one. */
export const findEbops = (code: string): EbopsItem | undefined => byCode.get(code);
