import type { JsonValue } from '@tradehub/kernel';
import { Descriptions, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../../api/codes.ts';
import { currencyName, formatAmount, formatDecimal } from './decimal-format.ts';
import { type DocumentLabels, useDocumentLabels } from './use-document-labels.ts';

type JsonObject = { [key: string]: JsonValue };

// Properties of the subject the page shows elsewhere (title, header).
const SHOWN_ELSEWHERE = new Set(['type', 'documentNumber']);
// Amounts that are in the subject's `currency` when they carry none of their own.
const AMOUNT_KEYS = new Set([
  'unitPrice',
  'lineAmount',
  'price',
  'amount',
  'totalAmount',
  'netAmount',
  'taxAmount',
]);
const QUANTITY_KEYS = new Set(['quantity', 'packageCount', 'grossWeightKg', 'netWeightKg']);
const COUNTRY_KEYS = new Set(['country', 'countryOfOrigin']);

const isObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ amount: '12.30', currency: 'USD' }`, the JSON form of Money. */
const isMoney = (value: JsonValue): value is { amount: string; currency: string } =>
  isObject(value) &&
  typeof value.amount === 'string' &&
  typeof value.currency === 'string' &&
  Object.keys(value).length === 2;

type Context = {
  labels: DocumentLabels;
  locale: string;
  currency: string | null;
  country: (code: string) => string;
};

const renderScalar = (key: string, value: string | number | boolean | null, ctx: Context): ReactNode => {
  if (value === null) {
    return '—';
  }
  if (typeof value === 'boolean') {
    return value ? '✓' : '✗';
  }
  const text = String(value);
  if (typeof value === 'string' && AMOUNT_KEYS.has(key) && ctx.currency) {
    return <span className="nowrap">{formatAmount(text, ctx.currency, ctx.locale)}</span>;
  }
  if (QUANTITY_KEYS.has(key)) {
    return formatDecimal(text, ctx.locale);
  }
  if (key === 'currency' && typeof value === 'string') {
    return `${text} · ${currencyName(text, ctx.locale)}`;
  }
  if (key === 'unitCode' && typeof value === 'string') {
    return ctx.labels.unit(text);
  }
  if (COUNTRY_KEYS.has(key) && typeof value === 'string') {
    return ctx.country(text);
  }
  return <span className="documents-breakable">{text}</span>;
};

const renderValue = (key: string, value: JsonValue, ctx: Context): ReactNode => {
  if (isMoney(value)) {
    return <span className="nowrap">{formatAmount(value.amount, value.currency, ctx.locale)}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isObject)) {
      return <ObjectTable rows={value} ctx={ctx} />;
    }
    return value.map((item, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity beyond their position
      <div key={index}>{renderValue(key, item, ctx)}</div>
    ));
  }
  if (isObject(value)) {
    return <ObjectDescriptions value={value} ctx={ctx} nested />;
  }
  return renderScalar(key, value, ctx);
};

const ObjectTable = ({ rows, ctx }: { rows: JsonObject[]; ctx: Context }) => {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return (
    <Table<JsonObject & { __row: number }>
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowKey="__row"
      dataSource={rows.map((row, index) => ({ ...row, __row: index }))}
      columns={[
        { key: '__row', title: '#', render: (_, row) => row.__row + 1 },
        ...keys.map((key) => ({
          key,
          title: ctx.labels.subjectField(key),
          render: (_: unknown, row: JsonObject) => {
            const cell = row[key];
            return cell === undefined ? '' : renderValue(key, cell, ctx);
          },
        })),
      ]}
    />
  );
};

const ObjectDescriptions = ({
  value,
  ctx,
  nested,
}: {
  value: JsonObject;
  ctx: Context;
  nested?: boolean;
}) => (
  <Descriptions
    size="small"
    bordered
    className="documents-subject"
    // One field per row: parties and line tables need the width, and labels stay next to values.
    column={1}
    items={Object.entries(value)
      .filter(([key]) => nested || !SHOWN_ELSEWHERE.has(key))
      .map(([key, item]) => ({
        key,
        label: ctx.labels.subjectField(key),
        children: renderValue(key, item, ctx),
      }))}
  />
);

/** The credential's subject as a reader would want it: labelled fields, money and lines formatted. */
export const SubjectView = ({ subject }: { subject: JsonObject }) => {
  const { t, i18n } = useTranslation();
  const labels = useDocumentLabels();
  const countries = useCountries();
  const zh = i18n.language === 'zh-CN';
  const ctx: Context = {
    labels,
    locale: i18n.language,
    currency: typeof subject.currency === 'string' ? subject.currency : null,
    country: (code) => {
      const country = countries.data?.items.find((item) => item.alpha2 === code);
      return country ? `${zh ? country.nameZh : country.nameEn} (${code})` : code;
    },
  };
  const shown = Object.keys(subject).filter((key) => !SHOWN_ELSEWHERE.has(key));
  if (shown.length === 0) {
    return <Typography.Text type="secondary">{t('documents.detail.noFields')}</Typography.Text>;
  }
  return (
    <div data-testid="document-subject">
      <ObjectDescriptions value={subject} ctx={ctx} />
    </div>
  );
};
