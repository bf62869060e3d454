import { sql } from 'kysely';
import type { PaymentsDeps } from '../deps.ts';
import { formatRate, parseRate } from '../domain/fx.ts';

/** How far back a rate still stands for a day with no quote (a weekend, a holiday). */
const LOOKBACK_DAYS = 7;

/**
 * The rate of `from` into `to` for a day (YYYY-MM-DD, UTC): the last quote any institution made
 * for the pair by the end of that day, within the week before it; undefined when there is none.
 * For reporting (statistics), never for moving money: a conversion uses its own live quote.
 */
export const dayRate = async (
  deps: PaymentsDeps,
  from: string,
  to: string,
  day: string,
): Promise<{ rate: string; quotedAt: Date } | undefined> => {
  const end = new Date(`${day}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const start = new Date(end.getTime() - (LOOKBACK_DAYS + 1) * 24 * 60 * 60 * 1000);
  const { rows } = await sql<{ rate: string; created_at: Date }>`
    select rate::text as rate, created_at from payments.fx_quotes
    where from_currency = ${from} and to_currency = ${to} and created_at < ${end} and created_at >= ${start}
    order by created_at desc, id desc
    limit 1`.execute(deps.db.kysely);
  const row = rows[0];
  return row === undefined ? undefined : { rate: formatRate(parseRate(row.rate)), quotedAt: row.created_at };
};
