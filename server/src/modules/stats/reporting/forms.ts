import { createHash } from 'node:crypto';
import { type EbopsCategory, ebopsCategories } from '../facts/dimensions.ts';

/**
 * Report forms as versioned definitions. A report keeps the form version it was filled against, so
 * a later edition of a form never reinterprets an old report; the stored hash catches a definition
 * edited in place without a new version.
 */

export type CellType = 'money' | 'integer' | 'percentage' | 'decimal' | 'text' | 'yes_no';

export type CellDefinition = {
  /** The cell's name, as errors, uploads and comments name it: `rows.SI.export`. */
  name: string;
  type: CellType;
  required: boolean;
  /** Inclusive bounds as decimal strings in the cell's own unit (cents for money). */
  min?: string;
  max?: string;
  label: { en: string; zh: string };
};

export type FormDefinition = {
  code: FormCode;
  version: number;
  period: 'month' | 'year';
  title: { en: string; zh: string };
  cells: readonly CellDefinition[];
  /** Each total must equal the sum of its parts. */
  totals: readonly { total: string; parts: readonly string[] }[];
  /** Amounts compared with the last accepted period: a jump beyond ×3 or ÷3 is a warning to confirm. */
  jumpChecked: readonly string[];
};

export const formCodes = ['monthly_services', 'annual_digital_survey'] as const;
export type FormCode = (typeof formCodes)[number];

const ebopsNames: Record<EbopsCategory, { en: string; zh: string }> = {
  SA: { en: 'Manufacturing services on inputs owned by others', zh: '加工服务' },
  SB: { en: 'Maintenance and repair services', zh: '维护和维修服务' },
  SC: { en: 'Transport', zh: '运输' },
  SD: { en: 'Travel', zh: '旅行' },
  SE: { en: 'Construction', zh: '建设' },
  SF: { en: 'Insurance and pension services', zh: '保险和养老金服务' },
  SG: { en: 'Financial services', zh: '金融服务' },
  SH: { en: 'Charges for the use of intellectual property', zh: '知识产权使用费' },
  SI: { en: 'Telecommunications, computer and information services', zh: '电信、计算机和信息服务' },
  SJ: { en: 'Other business services', zh: '其他商业服务' },
  SK: { en: 'Personal, cultural and recreational services', zh: '个人、文化和娱乐服务' },
  SL: { en: 'Government goods and services n.i.e.', zh: '别处未提及的政府服务' },
};

/** UNCTAD's potentially ICT-enabled services: the categories that can be delivered over networks. */
export const ictEnabledCategories: ReadonlySet<string> = new Set(['SF', 'SG', 'SH', 'SI', 'SJ', 'SK']);

const flows = [
  { key: 'export', en: 'export', zh: '出口' },
  { key: 'import', en: 'import', zh: '进口' },
] as const;
export const TOP_PARTNERS = 3;
// Ten billion USD a month from one enterprise is a typing error, not a figure.
const MAX_MONTHLY_CENTS = '1000000000000';

const monthlyServices: FormDefinition = {
  code: 'monthly_services',
  version: 1,
  period: 'month',
  title: { en: 'Monthly services trade report', zh: '服务贸易月度直报表' },
  cells: [
    {
      name: 'usdCnyRate',
      type: 'decimal',
      required: true,
      min: '1',
      max: '20',
      label: { en: 'USD/CNY central parity on the last day of the month', zh: '月末美元兑人民币中间价' },
    },
    {
      name: 'deliveredDigitally',
      type: 'yes_no',
      required: true,
      label: {
        en: 'Services delivered remotely over computer networks',
        zh: '服务通过计算机网络远程交付',
      },
    },
    ...ebopsCategories.flatMap((category) =>
      flows.map(
        (flow): CellDefinition => ({
          name: `rows.${category}.${flow.key}`,
          type: 'money',
          required: true,
          min: '0',
          max: MAX_MONTHLY_CENTS,
          label: {
            en: `${category} ${ebopsNames[category].en}: ${flow.en} (USD cents)`,
            zh: `${category} ${ebopsNames[category].zh}：${flow.zh}（美分）`,
          },
        }),
      ),
    ),
    ...flows.map(
      (flow): CellDefinition => ({
        name: `rows.total.${flow.key}`,
        type: 'money',
        required: true,
        min: '0',
        label: { en: `Total: ${flow.en} (USD cents)`, zh: `合计：${flow.zh}（美分）` },
      }),
    ),
    ...Array.from({ length: TOP_PARTNERS }, (_, index) => index + 1).flatMap((rank): CellDefinition[] => [
      {
        name: `partners.${rank}.country`,
        type: 'text',
        required: false,
        label: { en: `Partner ${rank}: country (ISO code)`, zh: `伙伴 ${rank}：国家（ISO 代码）` },
      },
      ...flows.map(
        (flow): CellDefinition => ({
          name: `partners.${rank}.${flow.key}`,
          type: 'money',
          required: false,
          min: '0',
          max: MAX_MONTHLY_CENTS,
          label: { en: `Partner ${rank}: ${flow.en} (USD cents)`, zh: `伙伴 ${rank}：${flow.zh}（美分）` },
        }),
      ),
    ]),
  ],
  totals: flows.map((flow) => ({
    total: `rows.total.${flow.key}`,
    parts: ebopsCategories.map((category) => `rows.${category}.${flow.key}`),
  })),
  jumpChecked: flows.flatMap((flow) => [
    ...ebopsCategories.map((category) => `rows.${category}.${flow.key}`),
    `rows.total.${flow.key}`,
  ]),
};

const annualSurvey: FormDefinition = {
  code: 'annual_digital_survey',
  version: 1,
  period: 'year',
  title: { en: 'Annual digital-trade survey', zh: '数字贸易年度调查表' },
  cells: [
    {
      name: 'digitalTradeShare',
      type: 'percentage',
      required: true,
      min: '0',
      max: '1',
      label: { en: 'Digital trade as a share of all trade (0 to 1)', zh: '数字贸易占全部贸易比重（0 至 1）' },
    },
    {
      name: 'rdSpend',
      type: 'money',
      required: true,
      min: '0',
      label: { en: 'Research and development spend (USD cents)', zh: '研发支出（美分）' },
    },
    {
      name: 'crossBorderPlatformUse',
      type: 'yes_no',
      required: true,
      label: { en: 'Sells through cross-border e-commerce platforms', zh: '通过跨境电商平台销售' },
    },
    {
      name: 'platformsUsed',
      type: 'text',
      required: false,
      label: { en: 'Platforms used', zh: '使用的平台' },
    },
    {
      name: 'dataExportGigabytes',
      type: 'integer',
      required: true,
      min: '0',
      label: { en: 'Data exported across borders (GB)', zh: '跨境数据出境量（GB）' },
    },
    {
      name: 'employees',
      type: 'integer',
      required: true,
      min: '0',
      max: '10000000',
      label: { en: 'Employees at year end', zh: '年末从业人数' },
    },
  ],
  totals: [],
  jumpChecked: [],
};

/** The current edition of each form. */
export const currentForms: Readonly<Record<FormCode, FormDefinition>> = {
  monthly_services: monthlyServices,
  annual_digital_survey: annualSurvey,
};

/** Every edition the code knows, so a report filled against an old version still reads. */
const allForms: readonly FormDefinition[] = [monthlyServices, annualSurvey];

export const findForm = (code: string, version: number): FormDefinition | undefined =>
  allForms.find((form) => form.code === code && form.version === version);

/** The SHA-256 of the definition's canonical JSON (keys sorted), hex. */
export const formHash = (form: FormDefinition): string => {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, inner]) => [key, canonical(inner)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(form)))
    .digest('hex');
};

export const cellOf = (form: FormDefinition, name: string): CellDefinition | undefined =>
  form.cells.find((cell) => cell.name === name);
