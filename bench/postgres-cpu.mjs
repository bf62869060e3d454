// The CPU PostgreSQL spends for one benchmark database, read from /proc: shared by the benches
// that print a PostgreSQL CPU figure beside their own (trust, payments).
import { readdirSync, readFileSync } from 'node:fs';

const clockTicksPerSecond = 100; // USER_HZ on Linux; /proc/<pid>/stat counts in these

/** CPU ticks of each PostgreSQL backend connected to `database`, by pid (empty off Linux). */
const postgresTicks = (database) => {
  const ticks = new Map();
  if (database === undefined) {
    return ticks;
  }
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ticks;
  }
  for (const pid of pids) {
    try {
      // A backend's title is "postgres: <user> <database> <client> <state>".
      const title = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replaceAll('\0', ' ');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) {
        continue;
      }
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return ticks;
};

/**
 * PostgreSQL CPU of one stretch: backends are sampled every half second, because the pool
 * closes idle connections and a backend that exits takes its counters with it. What a backend
 * used after its last sample before exiting is missed, so the figure errs low, never negative.
 * Each sample reads /proc for a few milliseconds, counted in the bench process's own CPU.
 */
export const watchPostgres = (database) => {
  const first = postgresTicks(database);
  const last = new Map(first);
  const sample = () => {
    for (const [pid, ticks] of postgresTicks(database)) {
      last.set(pid, ticks);
    }
  };
  const timer = database === undefined ? undefined : setInterval(sample, 500);
  timer?.unref();
  return () => {
    clearInterval(timer);
    sample();
    let ticks = 0;
    for (const [pid, value] of last) {
      ticks += value - (first.get(pid) ?? 0);
    }
    return ticks / clockTicksPerSecond;
  };
};
