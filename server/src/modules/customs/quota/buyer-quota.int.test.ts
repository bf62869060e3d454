import { isAppError, prcIdCheckCharacter } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import { createPersonalDataVault } from '../../../platform/crypto/index.ts';
import {
  admitParcelIn,
  consumeQuota,
  type QuotaDeps,
  quotaOf,
  refundQuota,
  releaseQuotaReservation,
  reserveQuota,
} from './index.ts';

// A fixed clock that tests move by hand; no timing assertions anywhere.
const clock = new Date('2026-03-01T08:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

const idNumber = (first17: string): string => `${first17}${prcIdCheckCharacter(first17)}`;
let buyerSeq = 0;
// A fresh buyer per test, so the tests share one database without seeing each other's quota.
const newBuyer = (): string => idNumber(`1101051990010${String(1000 + buyerSeq++).slice(-4)}`);

const ORG_A = 'org_quota_test_a';
const ORG_B = 'org_quota_test_b';

let db: TestDatabase;
let deps: QuotaDeps;

const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) {
      return error.code;
    }
    throw error;
  }
  throw new Error('expected an AppError');
};

beforeAll(async () => {
  db = await createTestDatabase();
  for (const id of [ORG_A, ORG_B]) {
    await sql`insert into identity.organisations (id, name_zh, name_en, kind, country)
      values (${id}, ${'测试企业'}, ${'Test enterprise'}, ${'company'}, ${'CN'})`.execute(db.kysely);
  }
  deps = { db, vault: createPersonalDataVault(new Uint8Array(32).fill(7)), now: () => clock };
});

afterAll(async () => {
  await db?.close();
});

const reserve = (
  buyerIdNumber: string,
  inventoryRef: string,
  amount: string,
  year = 2026,
  organisationId = ORG_A,
) => reserveQuota(deps, { buyerIdNumber, year, amount, inventoryRef, organisationId });

describe('reserveQuota', () => {
  it('admits up to 26,000 exactly and refuses what would go over', async () => {
    const buyer = newBuyer();
    expect(await reserve(buyer, 'inv-a1', '25999.99')).toEqual({
      admitted: true,
      usedAfter: '25999.99000',
      remaining: '0.01000',
      replayed: false,
    });
    expect(await reserve(buyer, 'inv-a2', '0.01001')).toEqual({
      admitted: false,
      used: '25999.99000',
      remaining: '0.01000',
      code: 'customs.over_annual_limit',
    });
    expect(await reserve(buyer, 'inv-a3', '0.01')).toMatchObject({ admitted: true, remaining: '0.00000' });
    // Another year is another quota.
    expect(await reserve(buyer, 'inv-a4', '100', 2027)).toMatchObject({
      admitted: true,
      usedAfter: '100.00000',
    });
    const quota = await quotaOf(deps, buyer, 2026);
    expect(quota).toMatchObject({ used: '26000.00000', remaining: '0.00000', reserved: '26000.00000' });
    expect(quota.entries.map((e) => e.inventoryRef)).toEqual(['inv-a1', 'inv-a3']);
  });

  it('is idempotent by inventory, and refuses the same inventory for another buyer or amount', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-b1', '1000');
    expect(await reserve(buyer, 'inv-b1', '1000.00000')).toEqual({
      admitted: true,
      usedAfter: '1000.00000',
      remaining: '25000.00000',
      replayed: true,
    });
    expect(await codeOf(reserve(buyer, 'inv-b1', '999'))).toBe('customs.quota_entry_conflict');
    expect(await codeOf(reserve(newBuyer(), 'inv-b1', '1000'))).toBe('customs.quota_entry_conflict');
    expect((await quotaOf(deps, buyer, 2026)).entries).toHaveLength(1);
  });

  it('refuses bad input with field errors, never echoing the ID number', async () => {
    const valid = newBuyer();
    // Any other check character than the right one.
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`;
    const attempt = reserveQuota(deps, {
      buyerIdNumber: wrongCheck,
      year: 1999,
      amount: '0',
      inventoryRef: '',
      organisationId: ORG_A,
    });
    try {
      await attempt;
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isAppError(error, 'customs.invalid_quota_input')).toBe(true);
      if (isAppError(error)) {
        expect(error.fieldErrors?.map((e) => e.field)).toEqual([
          'buyerIdNumber',
          'year',
          'amount',
          'inventoryRef',
        ]);
        expect(JSON.stringify(error)).not.toContain(wrongCheck.slice(0, 17));
        expect(error.message).not.toContain(wrongCheck.slice(0, 17));
      }
    }
  });

  it('stores the ID number only sealed, and under its keyed hash', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-c1', '10');
    const { rows } = await sql<Record<string, unknown>>`
      select y.*, e.* from customs.buyer_quota_years y join customs.buyer_quota_entries e using (buyer_hash, year)
      where e.inventory_ref = 'inv-c1'`.execute(db.kysely);
    const row = rows[0] as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(buyer);
    expect(JSON.stringify(row)).not.toContain(buyer.slice(0, 17));
    expect(row.buyer_hash).toBe(deps.vault.lookupHash(buyer));
    expect(deps.vault.decrypt(String(row.buyer_id_number_sealed))).toBe(buyer);
    expect(row.organisation_id).toBe(ORG_A);
    // A lower-case x is the same buyer.
    const withX = idNumber('11010519491231002');
    expect(withX.endsWith('X')).toBe(true);
    await reserve(withX, 'inv-c2', '1');
    expect(await reserve(withX.toLowerCase(), 'inv-c2', '1')).toMatchObject({ replayed: true });
    expect((await quotaOf(deps, buyer, 2026)).buyerIdNumberMasked).toBe(
      `${buyer.slice(0, 3)}${'*'.repeat(13)}${buyer.slice(-2)}`,
    );
  });

  it('admits exactly as many of 50 parallel reservations as fit (600 each: 43 × 600 = 25,800)', async () => {
    const buyer = newBuyer();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reserve(buyer, `inv-par-${i}`, '600', 2026, i % 2 === 0 ? ORG_A : ORG_B),
      ),
    );
    expect(results.filter((r) => r.admitted)).toHaveLength(43);
    const refused = results.filter((r) => !r.admitted);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r).toMatchObject({
        code: 'customs.over_annual_limit',
        used: '25800.00000',
        remaining: '200.00000',
      });
    }
    // Each admitted reservation saw the ones before it: the usedAfter values are 600, 1200, … 25,800.
    const usedAfter = results
      .flatMap((r) => (r.admitted ? [r.usedAfter] : []))
      .sort((a, b) => Number(a) - Number(b));
    expect(usedAfter).toEqual(Array.from({ length: 43 }, (_, i) => `${(i + 1) * 600}.00000`));
    const quota = await quotaOf(deps, buyer, 2026);
    expect(quota).toMatchObject({ used: '25800.00000', remaining: '200.00000' });
    expect(quota.entries).toHaveLength(43);
    const { rows } = await sql<{ reserved: string; consumed: string }>`
      select reserved, consumed from customs.buyer_quota_years
      where buyer_hash = ${deps.vault.lookupHash(buyer)} and year = 2026`.execute(db.kysely);
    expect(rows[0]).toEqual({ reserved: '25800.00000', consumed: '0.00000' });
  });

  it('admits exactly as many of 50 parallel parcel releases as fit, deciding on the use each one saw', async () => {
    const buyer = newBuyer();
    const seen: string[] = [];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction((trx) =>
          admitParcelIn(
            trx,
            deps,
            { buyerIdNumber: buyer, year: 2026, inventoryRef: `pcl-par-${i}`, organisationId: ORG_A },
            (usedBefore) => {
              seen.push(usedBefore);
              return { amount: '600', consume: i % 5 !== 0 };
            },
          ),
        ),
      ),
    );
    expect(results.filter((r) => r.outcome === 'admitted')).toHaveLength(43);
    expect(results.filter((r) => r.outcome === 'over_annual_limit')).toHaveLength(7);
    // Under the lock each caller saw every admission before it: 0, 600, … 25,200 and then 25,800.
    expect([...new Set(seen)].sort((a, b) => Number(a) - Number(b))).toEqual(
      Array.from({ length: 44 }, (_, i) => `${i * 600}.00000`),
    );
    const quota = await quotaOf(deps, buyer, 2026);
    expect(quota).toMatchObject({ used: '25800.00000', remaining: '200.00000' });
    const { rows } = await sql<{ total: string }>`
      select (reserved + consumed)::text as total from customs.buyer_quota_years
      where buyer_hash = ${deps.vault.lookupHash(buyer)} and year = 2026`.execute(db.kysely);
    expect(rows[0]?.total).toBe('25800.00000');
  });

  it('writes one reservation when the same inventory is reserved 20 times in parallel', async () => {
    const buyer = newBuyer();
    const results = await Promise.all(Array.from({ length: 20 }, () => reserve(buyer, 'inv-dup', '700')));
    expect(results.filter((r) => r.admitted && !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.admitted && r.usedAfter === '700.00000')).toBe(true);
    expect(await quotaOf(deps, buyer, 2026)).toMatchObject({
      used: '700.00000',
      entries: [{ kind: 'reserve' }],
    });
  });
});

describe('release, cancellation and return', () => {
  it('consume keeps the amount used; a refund within 30 days gives it back, once', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-d1', '20000');
    await reserve(buyer, 'inv-d2', '6000');
    const released = new Date('2026-03-02T00:00:00Z');
    expect(
      await consumeQuota(deps, { inventoryRef: 'inv-d1', organisationId: ORG_A, at: released }),
    ).toMatchObject({
      kind: 'consume',
      used: '26000.00000',
      replayed: false,
    });
    expect(await consumeQuota(deps, { inventoryRef: 'inv-d1', organisationId: ORG_A })).toMatchObject({
      replayed: true,
      used: '26000.00000',
    });
    expect(await reserve(buyer, 'inv-d3', '1')).toMatchObject({ admitted: false });
    const within = new Date(released.getTime() + 30 * DAY_MS);
    expect(
      await refundQuota(deps, { inventoryRef: 'inv-d1', organisationId: ORG_B, at: within }),
    ).toMatchObject({
      kind: 'refund',
      amount: '20000.00000',
      used: '6000.00000',
      remaining: '20000.00000',
      replayed: false,
    });
    expect(
      await refundQuota(deps, { inventoryRef: 'inv-d1', organisationId: ORG_B, at: within }),
    ).toMatchObject({
      replayed: true,
      used: '6000.00000',
    });
    expect(await reserve(buyer, 'inv-d3', '20000')).toMatchObject({ admitted: true, remaining: '0.00000' });
    const quota = await quotaOf(deps, buyer, 2026);
    expect(quota).toMatchObject({ used: '26000.00000', consumed: '0.00000', reserved: '26000.00000' });
    expect(quota.entries.map((e) => `${e.kind}:${e.inventoryRef}:${e.organisationId}`)).toEqual([
      `reserve:inv-d1:${ORG_A}`,
      `reserve:inv-d2:${ORG_A}`,
      `consume:inv-d1:${ORG_A}`,
      `refund:inv-d1:${ORG_B}`,
      `reserve:inv-d3:${ORG_A}`,
    ]);
  });

  it('refuses a refund after the window, before release, and for an unknown inventory', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-e1', '100');
    expect(await codeOf(refundQuota(deps, { inventoryRef: 'inv-e1', organisationId: ORG_A }))).toBe(
      'customs.quota_not_consumed',
    );
    const released = new Date('2026-03-02T00:00:00Z');
    await consumeQuota(deps, { inventoryRef: 'inv-e1', organisationId: ORG_A, at: released });
    const late = new Date(released.getTime() + 30 * DAY_MS + 1);
    expect(await codeOf(refundQuota(deps, { inventoryRef: 'inv-e1', organisationId: ORG_A, at: late }))).toBe(
      'customs.refund_window_closed',
    );
    expect(
      await codeOf(releaseQuotaReservation(deps, { inventoryRef: 'inv-e1', organisationId: ORG_A })),
    ).toBe('customs.quota_already_consumed');
    expect(await codeOf(consumeQuota(deps, { inventoryRef: 'inv-unknown', organisationId: ORG_A }))).toBe(
      'customs.quota_reservation_missing',
    );
    expect((await quotaOf(deps, buyer, 2026)).used).toBe('100.00000');
  });

  it('releasing a reservation gives it back; it can then be neither consumed nor reserved again', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-f1', '26000');
    expect(
      await releaseQuotaReservation(deps, { inventoryRef: 'inv-f1', organisationId: ORG_A }),
    ).toMatchObject({ used: '0.00000', remaining: '26000.00000', replayed: false });
    expect(
      await releaseQuotaReservation(deps, { inventoryRef: 'inv-f1', organisationId: ORG_A }),
    ).toMatchObject({ replayed: true, used: '0.00000' });
    expect(await codeOf(consumeQuota(deps, { inventoryRef: 'inv-f1', organisationId: ORG_A }))).toBe(
      'customs.quota_reservation_released',
    );
    // The reservation entry still exists, so the same inventory is a replay, not a new reservation.
    expect(await reserve(buyer, 'inv-f1', '26000')).toMatchObject({
      admitted: true,
      replayed: true,
      usedAfter: '0.00000',
    });
    expect(await reserve(buyer, 'inv-f2', '26000')).toMatchObject({ admitted: true, remaining: '0.00000' });
  });
});

describe('the database itself', () => {
  it('refuses a totals row over 26,000 and any change to a ledger entry', async () => {
    const buyer = newBuyer();
    await reserve(buyer, 'inv-g1', '26000');
    const hash = deps.vault.lookupHash(buyer);
    await expect(
      sql`update customs.buyer_quota_years set consumed = 1 where buyer_hash = ${hash}`.execute(db.kysely),
    ).rejects.toThrow();
    await expect(
      sql`update customs.buyer_quota_entries set amount = 1 where inventory_ref = 'inv-g1'`.execute(
        db.kysely,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from customs.buyer_quota_entries where inventory_ref = 'inv-g1'`.execute(db.kysely),
    ).rejects.toThrow(/append-only/);
  });
});
