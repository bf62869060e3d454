import { FINANCIER_KINDS } from '../../api/finance.ts';
import type { CreditSnapshot, FactorScore, SnapshotLog, SnapshotSummary } from '../../api/finance-credit.ts';

// Pure rules of the credit profile page, kept apart so they are tested without a browser.

/**
 * The figures of an explanation that are the factor's value (the rest are the points it gave):
 * what the "value" column shows, each labelled by `creditPage.figures.<name>`.
 */
const FACTOR_FIGURES: Record<string, readonly string[]> = {
  tradeVolume: ['completed'],
  orderReliability: ['completed', 'cancelled'],
  counterparties: ['counterparties'],
  settlement: ['released', 'split', 'refunded'],
  tenure: ['months'],
  financing: ['repaid', 'overdue'],
  disputes: ['lost'],
};

export type FactorRow = {
  factor: string;
  points: number;
  min: number;
  max: number;
  /** The i18n key of the sentence saying why, and the figures it is filled with. */
  explanationKey: string;
  values: Record<string, number>;
  figures: { name: string; value: number }[];
};

/** One row per factor of a signed score, in the scorecard's order, with its value and why. */
export const factorRows = (factors: readonly FactorScore[]): FactorRow[] =>
  factors.map((factor) => ({
    factor: factor.factor,
    points: factor.points,
    min: factor.min,
    max: factor.max,
    explanationKey: `credit.explain.${factor.explanation.key}`,
    values: factor.explanation.values,
    figures: (FACTOR_FIGURES[factor.factor] ?? [])
      .filter((name) => factor.explanation.values[name] !== undefined)
      .map((name) => ({ name, value: factor.explanation.values[name] ?? 0 })),
  }));

export type FactorChartData = {
  factors: string[];
  /** Points earned (0 for a penalty-only factor). */
  earned: number[];
  /** Points still to earn up to the factor's maximum. */
  open: number[];
  /** Penalties as negative numbers (0 when none). */
  penalty: number[];
};

/** The stacked bars of the factor chart: earned, still open, and penalties below zero. */
export const factorChartData = (factors: readonly FactorScore[]): FactorChartData => ({
  factors: factors.map((f) => f.factor),
  earned: factors.map((f) => Math.max(0, f.points)),
  open: factors.map((f) => Math.max(0, f.max - Math.max(0, f.points))),
  penalty: factors.map((f) => Math.min(0, f.points)),
});

/** The next better grade and how many points it needs, or null at the top grade. */
export const nextGrade = (
  grades: readonly { grade: string; from: number }[],
  total: number,
): { grade: string; missing: number } | null => {
  const better = grades.filter((g) => g.from > total).sort((a, b) => a.from - b.from)[0];
  return better ? { grade: better.grade, missing: better.from - total } : null;
};

export type LogState = { state: 'pending' } | { state: 'logged'; index: number; hasProof: boolean };

/** Whether a snapshot's log entry is covered by a checkpoint yet. */
export const logState = (log: Pick<SnapshotLog, 'index' | 'tlogProof'>): LogState =>
  log.index === null
    ? { state: 'pending' }
    : { state: 'logged', index: log.index, hasProof: log.tlogProof !== null };

type Directory = { organisationId: string; kind: string }[];

/** Financiers a snapshot may still be shared with: banks, payment institutions, insurers not yet given it. */
export const shareCandidates = <P extends Directory[number]>(
  partners: readonly P[],
  snapshot: Pick<CreditSnapshot, 'sharedWith'>,
): P[] => {
  const shared = new Set((snapshot.sharedWith ?? []).map((s) => s.organisationId));
  return partners.filter(
    (p) => (FINANCIER_KINDS as readonly string[]).includes(p.kind) && !shared.has(p.organisationId),
  );
};

/** The organisation's own snapshots and those shared with it, each newest first. */
export const splitSnapshots = (
  items: readonly SnapshotSummary[],
): { own: SnapshotSummary[]; shared: SnapshotSummary[] } => {
  const newest = (a: SnapshotSummary, b: SnapshotSummary) => b.createdAt.localeCompare(a.createdAt);
  return {
    own: items.filter((s) => s.own).sort(newest),
    shared: items.filter((s) => !s.own).sort(newest),
  };
};

/** A long hex or base64 value shortened for a table cell; the whole value stays copyable. */
export const shorten = (value: string, keep = 10): string =>
  value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;
