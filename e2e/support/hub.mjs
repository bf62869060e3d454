// Starts the real hub the way a user would (`tradehub start` on PGlite in a fresh data directory),
// waits until it answers /readyz, and stops it again. Its output is kept, not printed, so the run
// log stays readable; it is written to the artifacts directory for post-mortems.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The demo seed runs before the hub answers ready: about a minute on a quiet 2-core machine,
// twice that while other work shares the cores.
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL_LINES = 60;

/** A port the OS just handed out; the tiny race until the hub binds it is acceptable for a test run. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const isReady = async (baseUrl) => {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 200;
  } catch {
    return false;
  }
};

/**
 * Environment of a first-time user: the caller's (PATH and the like) without any PostgreSQL or
 * tradehub setting that could leak in from the shell (TRADEHUB_DEMO=false would empty the hub),
 * plus the hub's own.
 */
const hubEnv = (port, dataDir, baseUrl) => {
  const inherited = Object.entries(process.env).filter(
    ([name]) => name !== 'DATABASE_URL' && !name.startsWith('TRADEHUB_'),
  );
  return {
    ...Object.fromEntries(inherited),
    PORT: String(port),
    HOST: '127.0.0.1',
    TRADEHUB_DATA_DIR: dataDir,
    TRADEHUB_PUBLIC_URL: baseUrl,
    // An operator's setting, raised so the customs journey always finds parcels under inspection
    // (at the default 2% a day of 160 parcels has none one time in 25).
    TRADEHUB_CUSTOMS_INSPECTION_RATE: '0.25',
  };
};

const waitForReady = async (hub, log) => {
  const started = Date.now();
  let lastReport = started;
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (hub.exited) {
      throw new Error(`the hub exited (code ${hub.child.exitCode}) before it was ready:\n${hub.tail()}`);
    }
    if (await isReady(hub.baseUrl)) {
      log(`hub ready at ${hub.baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      log(`waiting for ${hub.baseUrl}/readyz … ${Math.round((lastReport - started) / 1000)} s`);
    }
    await sleep(250);
  }
  throw new Error(`the hub was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${hub.tail()}`);
};

/** Starts the hub; resolves once /readyz answers 200. Always pair with stopHub, even on failure. */
export const startHub = async ({ repoRoot, log }) => {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'tradehub-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['server/bin/tradehub.mjs', 'start'], {
    cwd: repoRoot,
    env: hubEnv(port, dataDir, baseUrl),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = [];
  const keep = (chunk) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const hub = {
    child,
    baseUrl,
    dataDir,
    exited: false,
    lines,
    tail: () => lines.slice(-LOG_TAIL_LINES).join('\n'),
  };
  hub.exit = new Promise((resolve) => {
    const done = () => {
      hub.exited = true;
      resolve();
    };
    child.on('exit', done);
    // A process that could not be spawned emits 'error' and never 'exit'.
    child.on('error', (error) => {
      lines.push(String(error));
      done();
    });
  });
  log(`starting hub on ${baseUrl} (PGlite in ${dataDir})`);
  try {
    await waitForReady(hub, log);
  } catch (error) {
    await stopHub(hub);
    throw error;
  }
  return hub;
};

/** SIGTERM (the hub drains and closes PGlite), SIGKILL if it hangs; then the data directory goes. */
export const stopHub = async (hub, { logFile } = {}) => {
  if (!hub) {
    return;
  }
  if (!hub.exited) {
    hub.child.kill('SIGTERM');
    const stopped = await Promise.race([hub.exit.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      hub.child.kill('SIGKILL');
      await hub.exit;
    }
  }
  if (logFile) {
    await writeFile(logFile, `${hub.lines.join('\n')}\n`).catch(() => {});
  }
  await rm(hub.dataDir, { recursive: true, force: true });
};
