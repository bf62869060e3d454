import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentForms } from './forms.ts';
import { parseCsvRecords, readCsv, readXlsx, templateCsv, templateXlsx } from './upload.ts';

// Uploads are outside input: whatever bytes arrive, the readers answer values or cell-level errors,
// never throw.
const form = currentForms.monthly_services;
const valid = { usdCnyRate: '7.1', 'rows.SI.export': '1200', 'partners.1.country': 'US' };

const expectAnswer = (outcome: { ok: boolean }) => expect(typeof outcome.ok).toBe('boolean');

describe('report uploads', () => {
  it('reads its own templates back, CSV and XLSX', async () => {
    expect(readCsv(form, Buffer.from(templateCsv(form, 'zh', valid)))).toEqual({ ok: true, values: valid });
    expect(await readXlsx(form, await templateXlsx(form, 'en', valid))).toEqual({ ok: true, values: valid });
  });

  it('parses quoted CSV fields, and refuses an unclosed quote', () => {
    expect(parseCsvRecords('a,"b ""c"", d"\r\ne,f')).toEqual([
      ['a', 'b "c", d'],
      ['e', 'f'],
    ]);
    expect(parseCsvRecords('a,"b')).toBeUndefined();
  });

  it('never throws on random bytes, as CSV or as XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        expectAnswer(readCsv(form, Buffer.from(bytes)));
        expectAnswer(await readXlsx(form, Buffer.from(bytes)));
        // The ZIP signature in front, so the workbook reader itself meets the garbage.
        expectAnswer(
          await readXlsx(form, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from(bytes)])),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never throws on mutated valid files', async () => {
    const csv = Buffer.from(templateCsv(form, 'en', valid));
    const xlsx = await templateXlsx(form, 'en', valid);
    const mutate = (file: Buffer) =>
      fc
        .array(fc.tuple(fc.nat({ max: file.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        })
        .map((edits) => {
          const copy = Buffer.from(file);
          for (const [at, byte] of edits) {
            copy[at] = byte;
          }
          return copy;
        });
    await fc.assert(
      fc.asyncProperty(mutate(csv), async (bytes) => {
        expectAnswer(readCsv(form, bytes));
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(mutate(xlsx), async (bytes) => {
        expectAnswer(await readXlsx(form, bytes));
      }),
      { numRuns: 60 },
    );
  });

  it('names the sheet, row and column of a bad cell in a workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('report');
    sheet.addRow(['cell', 'label', 'value']);
    sheet.addRow(['rows.SI.export', '', -4]);
    sheet.addRow(['deliveredDigitally', '', 'maybe']);
    const outcome = await readXlsx(form, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          field: 'rows.SI.export',
          code: 'stats.report_negative',
          message: 'Sheet report, row 2, column C: Amounts cannot be negative.',
        },
        {
          field: 'deliveredDigitally',
          code: 'stats.report_invalid_value',
          message: 'Sheet report, row 3, column C: Answer yes or no.',
        },
      ],
    });
  });

  it('refuses a small workbook that unpacks to more than the limit, before the XLSX library reads it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('report');
    sheet.addRow(['cell', 'label', 'value']);
    // Shared strings deflate about a thousand to one: 40 MiB of text in a file of a few dozen KiB.
    for (let row = 0; row < 40; row += 1) {
      sheet.addRow(['note', '', `${row}`.padEnd(1024 * 1024, 'a')]);
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(await readXlsx(form, bytes)).toEqual({
      ok: false,
      errors: [
        {
          field: 'upload',
          code: 'stats.report_upload_unreadable',
          message:
            "The XLSX workbook unpacks to more than 32 MiB or 200 parts: send the form's own template.",
        },
      ],
    });
  });
});
