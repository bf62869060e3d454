import { type MoneyJson, moneyFromJson, moneyToJson } from '@tradehub/kernel';
import type { OrderContent, OrderLine } from './order-content.ts';

/** An order line as JSON carries it: Money as `{ amount, currency }` strings. */
export type OrderLineJson = Omit<OrderLine, 'unitPrice' | 'lineTotal'> & {
  unitPrice: MoneyJson;
  lineTotal: MoneyJson;
};

/** OrderContent as stored (jsonb) and as the API shows it. */
export type OrderContentJson = Omit<OrderContent, 'lines' | 'total'> & {
  lines: OrderLineJson[];
  total: MoneyJson;
};

/** What a client sends: line numbers and totals may be left out, the server computes them. */
export type OrderLineInput = Omit<OrderLineJson, 'lineNumber' | 'lineTotal'> & {
  lineNumber?: number | undefined;
  lineTotal?: MoneyJson | undefined;
};
export type OrderContentInput = Omit<OrderContentJson, 'lines' | 'total' | 'issueDate'> & {
  issueDate?: string | undefined;
  lines: OrderLineInput[];
  total?: MoneyJson | undefined;
};

/** The JSON form of an order's content (what the database stores and the API answers). */
export const orderContentToJson = (content: OrderContent): OrderContentJson => ({
  ...content,
  lines: content.lines.map((line) => ({
    ...line,
    unitPrice: moneyToJson(line.unitPrice),
    lineTotal: moneyToJson(line.lineTotal),
  })),
  total: moneyToJson(content.total),
});

/** OrderContent from its JSON form (stored content is valid: it was checked when written). */
export const orderContentFromJson = (json: OrderContentJson): OrderContent => ({
  ...json,
  lines: json.lines.map((line) => ({
    ...line,
    unitPrice: moneyFromJson(line.unitPrice),
    lineTotal: moneyFromJson(line.lineTotal),
  })),
  total: moneyFromJson(json.total),
});
