// `tradehub customs import`: sends CEB message files to the hub as one organisation, in batches,
// the way a platform's system would through POST /api/customs/ceb/batch, and keeps the receipts.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Hub } from '../app.ts';
import { generateDemoParcels, signAsDemoDeclarant } from '../modules/customs/index.ts';
import type { Executor } from '../platform/access/index.ts';

const FILES_PER_BATCH = 100;

export type CustomsImportSummary = {
  byStatus: Record<string, number>;
  /** `file: status info` for every message customs refused. */
  rejected: string[];
};

export const importCustomsFiles = async (
  hub: Pick<Hub, 'customs'>,
  files: readonly string[],
  options: {
    organisationId: string;
    receiptsDir?: string;
    onProgress: (done: number, total: number) => void;
    audit: (
      ex: Executor,
      change: { organisationId: string | null; object: { type: string; id: string } | null },
    ) => Promise<void>;
  },
): Promise<CustomsImportSummary> => {
  const summary: CustomsImportSummary = { byStatus: {}, rejected: [] };
  if (options.receiptsDir !== undefined) {
    await mkdir(options.receiptsDir, { recursive: true });
  }
  options.onProgress(0, files.length);
  for (let start = 0; start < files.length; start += FILES_PER_BATCH) {
    const names = files.slice(start, start + FILES_PER_BATCH);
    const xmls = await Promise.all(names.map((file) => readFile(file, 'utf8')));
    const outcomes = await hub.customs.receiveMessages(
      { organisationId: options.organisationId, audit: options.audit },
      xmls,
    );
    for (const [i, outcome] of outcomes.entries()) {
      const file = names[i] as string;
      summary.byStatus[outcome.status] = (summary.byStatus[outcome.status] ?? 0) + 1;
      if (outcome.status === 'rejected') {
        summary.rejected.push(`${file}: ${outcome.returnStatus} ${outcome.returnInfo}`);
      }
      if (options.receiptsDir !== undefined && outcome.receiptXml !== '') {
        await writeFile(
          join(options.receiptsDir, `${basename(file, '.xml')}.${outcome.receiptType}.xml`),
          outcome.receiptXml,
        );
      }
    }
    options.onProgress(Math.min(start + names.length, files.length), files.length);
  }
  return summary;
};

/** Writes the demo generator's parcels as four CEB files each (the inventory list signed). */
export const writeDemoCustomsFiles = async (
  dir: string,
  options: {
    count: number;
    seed: number;
    defectRate: number;
    prefix: string;
    /** 1210 parcels out of this account book (the demo bonded warehouse). */
    bonded?: { emsNo: string; areaCode: string; areaName: string };
    onProgress: (done: number, total: number) => void;
  },
): Promise<{ files: number; defects: number }> => {
  await mkdir(dir, { recursive: true });
  const parcels = generateDemoParcels(options);
  let files = 0;
  for (const [index, parcel] of parcels.entries()) {
    const base = join(dir, parcel.orderNo);
    await writeFile(`${base}.CEB311.xml`, parcel.order);
    await writeFile(`${base}.CEB411.xml`, parcel.payment);
    await writeFile(`${base}.CEB511.xml`, parcel.waybill);
    await writeFile(`${base}.CEB621.xml`, await signAsDemoDeclarant(parcel.inventory));
    files += 4;
    if ((index + 1) % 50 === 0 || index + 1 === parcels.length) {
      options.onProgress(index + 1, parcels.length);
    }
  }
  return { files, defects: parcels.filter((p) => p.defect !== 'none').length };
};
