import { rmSync } from 'node:fs';
import { testLogDir } from './support/test-hub.ts';

/** Starts each run with no logs, so `scripts/audit-test-logs.mjs` examines this run's logs only. */
export default function setup() {
  rmSync(testLogDir, { recursive: true, force: true });
}
