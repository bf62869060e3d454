import { describe, expect, it } from 'vitest';
import type { Claim, CreditLimit, DeclarationSummary } from '../../api/finance-insurance.ts';
import {
  claimOpen,
  counterpartyOf,
  declarableLimits,
  declarationActions,
  declarationDateProblem,
  isIndemnityPercent,
  limitActions,
  limitHeadroom,
  payoutPreview,
  percentFactor,
  premiumPreview,
  utcToday,
} from './insurance-model.ts';

const eur = (amount: string) => ({ amount, currency: 'EUR' });

describe('limitActions', () => {
  it('lets the insurer decide a requested limit and reduce or cancel an approved one', () => {
    expect(limitActions('insurer', 'requested')).toEqual(['approve', 'refuse', 'cancel']);
    expect(limitActions('insurer', 'approved')).toEqual(['reduce', 'cancel']);
    expect(limitActions('insurer', 'refused')).toEqual([]);
    expect(limitActions('insurer', 'cancelled')).toEqual([]);
  });
  it('gives the exporter no decision', () => {
    for (const status of ['requested', 'approved', 'refused', 'cancelled'] as const) {
      expect(limitActions('exporter', status)).toEqual([]);
    }
  });
});

describe('declarationActions', () => {
  const claim = (status: Claim['status']) => ({ status }) as Claim;
  it('gives the exporter premium, settle and claim by status', () => {
    expect(declarationActions('exporter', { status: 'pending_premium', claim: null })).toEqual(['premium']);
    expect(declarationActions('exporter', { status: 'active', claim: null })).toEqual(['settle', 'claim']);
    expect(declarationActions('exporter', { status: 'settled', claim: null })).toEqual([]);
    expect(declarationActions('exporter', { status: 'claimed', claim: claim('filed') })).toEqual([]);
  });
  it('gives the insurer the claim decision while filed, and a retry of an accepted payout', () => {
    expect(declarationActions('insurer', { status: 'active', claim: null })).toEqual([]);
    expect(declarationActions('insurer', { status: 'claimed', claim: claim('filed') })).toEqual([
      'acceptClaim',
      'rejectClaim',
    ]);
    expect(declarationActions('insurer', { status: 'claimed', claim: claim('accepted') })).toEqual([
      'acceptClaim',
    ]);
    expect(declarationActions('insurer', { status: 'claimed', claim: claim('paid') })).toEqual([]);
    expect(declarationActions('insurer', { status: 'claimed', claim: claim('rejected') })).toEqual([]);
  });
});

describe('claimOpen and utcToday', () => {
  it('opens on the claimable day, in UTC', () => {
    expect(claimOpen({ claimableFrom: '2026-04-30' }, '2026-04-29')).toBe(false);
    expect(claimOpen({ claimableFrom: '2026-04-30' }, '2026-04-30')).toBe(true);
    expect(utcToday(new Date('2026-04-29T23:30:00-02:00'))).toBe('2026-04-30');
  });
});

describe('limitHeadroom', () => {
  const limit: Pick<CreditLimit, 'id' | 'approvedAmount' | 'requestedAmount'> = {
    id: 'icl_1',
    requestedAmount: eur('60000.00'),
    approvedAmount: eur('50000.00'),
  };
  const declaration = (limitId: string, status: DeclarationSummary['status'], amount: string) => ({
    limitId,
    status,
    invoiceAmount: eur(amount),
  });
  it('counts pending, active and claimed invoices of the limit, exactly', () => {
    expect(
      limitHeadroom(limit, [
        declaration('icl_1', 'active', '10030.10'),
        declaration('icl_1', 'pending_premium', '0.20'),
        declaration('icl_1', 'claimed', '9999.70'),
        declaration('icl_1', 'settled', '30000.00'),
        declaration('icl_2', 'active', '1000.00'),
      ]),
    ).toEqual({ exposure: '20030.00', left: '29970.00' });
  });
  it('is null when nothing is approved, and never below zero after a reduction', () => {
    expect(limitHeadroom({ ...limit, approvedAmount: null }, []).left).toBeNull();
    expect(
      limitHeadroom({ ...limit, approvedAmount: eur('5000.00') }, [
        declaration('icl_1', 'active', '8000.00'),
      ]),
    ).toEqual({ exposure: '8000.00', left: '0.00' });
  });
});

describe('premiumPreview and payoutPreview', () => {
  it('rounds half-up to the minor unit as the server does (docs/credit-insurance.md)', () => {
    expect(premiumPreview('10030.00', '0.0035', 'EUR')).toBe('35.11');
    expect(premiumPreview('1', '0.0035', 'EUR')).toBe('0.00');
    expect(premiumPreview('1000', '0.0035', 'JPY')).toBe('4');
    expect(payoutPreview('8765.43', '90', 'EUR')).toBe('7888.89');
    expect(payoutPreview('100.00', '87.5', 'EUR')).toBe('87.50');
    expect(payoutPreview('100.00', '100', 'EUR')).toBe('100.00');
  });
  it('previews nothing for an amount the server would refuse', () => {
    expect(premiumPreview('', '0.0035', 'EUR')).toBeNull();
    expect(premiumPreview('1.005', '0.0035', 'EUR')).toBeNull();
    expect(premiumPreview('-5', '0.0035', 'EUR')).toBeNull();
    expect(payoutPreview('100', 'ninety', 'EUR')).toBeNull();
  });
});

describe('percentFactor', () => {
  it('moves the point two places without floats', () => {
    expect(percentFactor('90')).toBe('0.90');
    expect(percentFactor('100')).toBe('1.00');
    expect(percentFactor('87.5')).toBe('0.875');
    expect(percentFactor('0.01')).toBe('0.0001');
    expect(percentFactor('9.123')).toBeNull();
  });
});

describe('isIndemnityPercent', () => {
  it('takes above 0 up to 100 with two decimals, as the server does', () => {
    for (const ok of ['90', '100', '87.5', '0.01', '100.00']) {
      expect(isIndemnityPercent(ok)).toBe(true);
    }
    for (const bad of ['0', '0.00', '100.01', '150', '-5', '9.123', '', 'abc']) {
      expect(isIndemnityPercent(bad)).toBe(false);
    }
  });
});

describe('declarationDateProblem', () => {
  const policy = { periodStart: '2026-01-01', periodEnd: '2026-12-31', maxCreditPeriodDays: 90 };
  it('names the field and the server’s code', () => {
    expect(declarationDateProblem(policy, '2025-12-31', '2026-02-01')).toEqual({
      field: 'shipmentDate',
      code: 'finance.insurance_outside_policy_period',
    });
    expect(declarationDateProblem(policy, '2026-03-01', '2026-02-28')).toEqual({
      field: 'dueDate',
      code: 'finance.insurance_due_before_shipment',
    });
    expect(declarationDateProblem(policy, '2026-03-01', '2026-05-31')).toEqual({
      field: 'dueDate',
      code: 'finance.insurance_credit_period_too_long',
    });
  });
  it('accepts the edges: the last day of the period and exactly the maximum credit period', () => {
    expect(declarationDateProblem(policy, '2026-12-31', '2027-03-31')).toBeNull();
    expect(declarationDateProblem(policy, '2026-03-01', '2026-05-30')).toBeNull();
    expect(declarationDateProblem(policy, '2026-03-01', '')).toBeNull();
  });
});

describe('counterpartyOf and declarableLimits', () => {
  it('names the other side of the policy', () => {
    const policy = { insurerOrganisationId: 'org_ins', exporterOrganisationId: 'org_exp' };
    expect(counterpartyOf({ ...policy, role: 'insurer' })).toBe('org_exp');
    expect(counterpartyOf({ ...policy, role: 'exporter' })).toBe('org_ins');
  });
  it('offers approved limits only for a declaration', () => {
    const limit = (id: string, status: CreditLimit['status']) => ({ id, status }) as CreditLimit;
    expect(
      declarableLimits([limit('a', 'requested'), limit('b', 'approved'), limit('c', 'refused')]).map(
        (l) => l.id,
      ),
    ).toEqual(['b']);
  });
});
