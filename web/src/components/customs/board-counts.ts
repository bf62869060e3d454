import { type ClearanceBoard, PARCEL_STATES } from '../../api/customs.ts';

// The board's counts come as (state, trade mode, count) rows; the page shows them summed one way
// and the other.

/** Counts per state in the board's fixed order (states the server adds later come last). */
export const countsByState = (board: ClearanceBoard): { state: string; count: number }[] => {
  const totals = new Map<string, number>(PARCEL_STATES.map((state) => [state, 0]));
  for (const row of board.byState) {
    totals.set(row.state, (totals.get(row.state) ?? 0) + row.count);
  }
  return [...totals].map(([state, count]) => ({ state, count }));
};

/** Counts per trade mode, most parcels first; parcels without a mode yet (no inventory) under null. */
export const countsByTradeMode = (board: ClearanceBoard): { tradeMode: string | null; count: number }[] => {
  const totals = new Map<string | null, number>();
  for (const row of board.byState) {
    totals.set(row.tradeMode, (totals.get(row.tradeMode) ?? 0) + row.count);
  }
  return [...totals]
    .map(([tradeMode, count]) => ({ tradeMode, count }))
    .sort((a, b) => b.count - a.count || String(a.tradeMode).localeCompare(String(b.tradeMode)));
};
