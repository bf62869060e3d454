import { type AppError, isAppError } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { parseTariffCsv } from './tariff.ts';

const HEADER = 'hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate,description_zh,description_en';

const refusal = (text: string): AppError => {
  try {
    parseTariffCsv(text);
  } catch (error) {
    if (isAppError(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the tariff to be refused');
};

const problems = (text: string) =>
  (
    (refusal(text).details?.problems ?? []) as { line: number; column: number; name: string; code: string }[]
  ).map((p) => `${p.line}:${p.column}:${p.name}:${p.code}`);

describe('parseTariffCsv', () => {
  it('parses rows with and without descriptions, skipping comments and blank lines', () => {
    const table = parseTariffCsv(
      `# illustrative\r\n${HEADER}\r\n\r\n3304990010,0.01,0.13,0.15,"化妆品, 高档",Cosmetics\r\n2204210000,0.14,0.13,0.10,,\r\n`,
    );
    expect(table.rows).toEqual([
      {
        hsCode: '3304990010',
        mfnDutyRate: '0.01',
        vatRate: '0.13',
        consumptionTaxRate: '0.15',
        descriptionZh: '化妆品, 高档',
        descriptionEn: 'Cosmetics',
      },
      { hsCode: '2204210000', mfnDutyRate: '0.14', vatRate: '0.13', consumptionTaxRate: '0.10' },
    ]);
    expect(table.lookup('2204210000')?.mfnDutyRate).toBe('0.14');
    expect(table.lookup('2204210001')).toBeUndefined();
    expect(
      parseTariffCsv('hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate\n4901990000,0,0.09,0').rows,
    ).toHaveLength(1);
  });

  it('reports every bad row with its line and column', () => {
    const text = [
      '# comment',
      HEADER,
      '330499001,0.01,0.13,0.15,a,b',
      '3304990010,0.01,13,0.15,a,b',
      '3304990011,0.01,0.13,1,a,b',
      '3304990012,-0.01,0.13,0.150000001,a,b',
      '3304990010,0.01,0.13,0.15,a,b',
      '3304990013,0.01,0.13',
      '3304990014,1e-2,0.13,0.15,a,b',
      '3304990015,0.075,1,0.999999,a,b',
    ].join('\n');
    expect(problems(text)).toEqual([
      '3:1:hs_code:customs.tariff_invalid_hs_code',
      '4:3:vat_rate:customs.tariff_invalid_rate',
      '5:4:consumption_tax_rate:customs.tariff_invalid_rate',
      '6:2:mfn_duty_rate:customs.tariff_invalid_rate',
      '6:4:consumption_tax_rate:customs.tariff_invalid_rate',
      '7:1:hs_code:customs.tariff_duplicate_hs_code',
      '8:4::customs.tariff_wrong_column_count',
      '9:2:mfn_duty_rate:customs.tariff_invalid_rate',
    ]);
    const error = refusal(text);
    expect(error.code).toBe('customs.invalid_tariff');
    expect(error.fieldErrors?.[1]).toMatchObject({
      field: 'rows[4].vat_rate',
      code: 'customs.tariff_invalid_rate',
      message: expect.stringContaining('Line 4, column 3'),
    });
  });

  it('refuses a wrong or missing header', () => {
    expect(problems('hs_code,vat_rate,mfn_duty_rate,consumption_tax_rate\n')).toEqual([
      '1:2:vat_rate:customs.tariff_bad_header',
    ]);
    expect(problems(`${HEADER},extra\n`)).toEqual(['1:7:extra:customs.tariff_bad_header']);
    expect(problems('# only a comment\n')).toEqual(['1:1::customs.tariff_bad_header']);
  });

  it('refuses a field that spans lines, so line numbers stay true', () => {
    expect(problems(`${HEADER}\n3304990010,0.01,0.13,0.15,"two\nlines",x\n`)).toEqual([
      '2:5:description_zh:customs.tariff_line_break_in_field',
    ]);
  });

  it('passes malformed CSV on as the kernel error with its position', () => {
    expect(refusal(`${HEADER}\n3304990010,0.01,0.13,0.15,"open,x\n`)).toMatchObject({
      code: 'kernel.invalid_csv',
      details: { line: 2, column: 27 },
    });
  });
});
