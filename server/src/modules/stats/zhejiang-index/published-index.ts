import type { CityCode } from '../facts/dimensions.ts';

/**
 * The Zhejiang Index of one year as the commerce department published it: what the public index
 * page, its downloads and the white paper all read, so the three never disagree. Scores are index
 * points (not money), kept as numbers rounded to the published precision.
 */
export type PublishedIndex = {
  year: number;
  /** The spec's id and version the numbers were computed with, and the engine's version. */
  specId: string;
  specVersion: number;
  engine: string;
  baseYear: number;
  /** Seed and replications of the uncertainty analysis, so anyone can re-run it. */
  seed: number;
  runs: number;
  /** True when any fact behind an indicator is synthetic: every page and report says so. */
  synthetic: boolean;
  publishedAt: string;
  publishedBy: string;
  /** The publishing department's Chinese name (publishedBy is its English name). */
  publishedByZh?: string | undefined;
  /** Every year with a published index, newest first (for a year picker). */
  publishedYears?: number[] | undefined;
  pillars: { id: string; nameZh: string; nameEn: string; weight: number }[];
  indicators: {
    id: string;
    pillar: string;
    nameZh: string;
    nameEn: string;
    unitZh: string;
    unitEn: string;
  }[];
  cities: PublishedCity[];
  /** The rebased index of every city and year up to `year`, for the trend chart. */
  series: { city: CityCode; year: number; rebased: number | null }[];
};

export type PublishedCity = {
  city: CityCode;
  /** The index score and the index rebased to 100 in the base year. */
  score: number;
  rebased: number | null;
  rank: number;
  previousRank: number | null;
  pillars: Record<string, { score: number; rank: number }>;
  /** Median rank and its 5–95 % band over the Monte Carlo replications. */
  uncertainty: { medianRank: number; q05Rank: number; q95Rank: number };
  /** Indicator ids where the city ranks best and worst (COINr's get_str_weak). */
  strengths: string[];
  weaknesses: string[];
};
