import { describe, expect, it } from 'vitest';
import { buildNavigation, MODULE_NAV, navItemVisible } from '../../layout/navigation.tsx';

// The statistics entry is the commerce department's and customs': other organisations would only
// meet stats.regulators_only behind it.

const paths = (moduleIds: string[], canManage: boolean, kind?: string) =>
  buildNavigation(moduleIds, canManage, kind).flatMap((group) => group.items.map((item) => item.path));

describe('statistics in the menu', () => {
  it('is shown to regulators and the customs authority, whatever their role', () => {
    expect(paths(['stats', 'identity'], false, 'regulator')).toContain('/stats');
    expect(paths(['stats'], true, 'customs_authority')).toContain('/stats');
    const group = buildNavigation(['stats'], false, 'regulator').find((entry) => entry.key === 'statistics');
    expect(group?.items.map((item) => item.testId)).toEqual([
      'nav-stats',
      'nav-stats-policy',
      'nav-stats-reporting-review',
      'nav-stats-index-runs',
      'nav-zhejiang-index',
    ]);
  });

  it('is not shown to enterprises, to an unknown kind, or when the server has no stats module', () => {
    expect(paths(['stats', 'identity'], true, 'exporter')).not.toContain('/stats');
    expect(paths(['stats'], true, undefined)).toEqual([]);
    expect(paths(['identity'], true, 'regulator')).not.toContain('/stats');
    // Entries without kinds stay as they were: every organisation kind sees its profile.
    expect(paths(['identity'], false, 'exporter')).toContain('/org/profile');
  });

  it('decides item by item, for the overview quick links too', () => {
    const item = MODULE_NAV.stats?.items[0];
    expect(item).toBeDefined();
    if (item) {
      expect(navItemVisible(item, false, 'regulator')).toBe(true);
      expect(navItemVisible(item, true, 'ecommerce_platform')).toBe(false);
    }
  });
});
