import { describe, expect, it } from 'vitest';
import type { DashboardState } from '../../pages/stats/stats-model.ts';
import { canReadEnterprises, enterpriseQuery } from './enterprise-drilldown.tsx';

// The drill-down to enterprises: offered to a regulator's admins and owners only (the server's
// stats.read_enterprises), and asked with the dashboard's filters plus the row clicked.

const state: DashboardState = {
  year: 2026,
  throughMonth: 10,
  dimension: 'partner',
  customsMode: '9710',
  flow: 'export',
  digitalOnly: true,
};

describe('enterprise drill-down', () => {
  it('is offered to a regulator’s admins and owners only', () => {
    expect(canReadEnterprises('regulator', 'owner')).toBe(true);
    expect(canReadEnterprises('regulator', 'admin')).toBe(true);
    expect(canReadEnterprises('regulator', 'member')).toBe(false);
    expect(canReadEnterprises('customs_authority', 'owner')).toBe(false);
    expect(canReadEnterprises('exporter', 'owner')).toBe(false);
  });

  it('asks with the drilled mode and the row’s key under its own filter', () => {
    expect(enterpriseQuery(state, { dimension: 'partner', key: 'US' })).toEqual({
      year: 2026,
      throughMonth: 10,
      digitalOnly: 'true',
      flow: 'export',
      customsMode: '9710',
      partner: 'US',
      limit: 50,
    });
    // A mode row is the mode itself; EBOPS (services) has no mode.
    expect(
      enterpriseQuery({ ...state, dimension: 'mode' }, { dimension: 'mode', key: '9610' }),
    ).toMatchObject({
      customsMode: '9610',
    });
    expect(
      enterpriseQuery({ ...state, dimension: 'ebops' }, { dimension: 'ebops', key: 'SI' }),
    ).not.toHaveProperty('customsMode');
  });
});
