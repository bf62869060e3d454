// The hub under test in a process of its own (serve-hub.mjs), the database it runs on, and the
// party requests are made as: shared by the HTTP benchmarks (http, cbec).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { note } from './cli-support.mjs';

const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const readyTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;
export const requestTimeoutMs = 15_000;
const serveHubPath = fileURLToPath(new URL('./serve-hub.mjs', import.meta.url));

// ---- database -------------------------------------------------------------------------------

const withAdminClient = async (work) => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Where the server keeps its data, and how to remove it afterwards. */
export const prepareDatabase = async (options) => {
  if (options.pglite) {
    return { url: undefined, label: 'PGlite in memory (in the server process)', drop: async () => {} };
  }
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, label: 'PostgreSQL via DATABASE_URL', drop: async () => {} };
  }
  // Hex only, so the name needs no quoting; random, so parallel runs cannot collide.
  const name = `tradehub_bench_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    label: `PostgreSQL, fresh database ${name}`,
    // FORCE ends connections a killed server may have left behind.
    drop: () => withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)),
  };
};

// ---- server process -------------------------------------------------------------------------

const serverEnv = (databaseUrl) => {
  const env = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' };
  delete env.DATABASE_URL;
  return databaseUrl === undefined ? env : { ...env, DATABASE_URL: databaseUrl };
};

/**
 * The server's stdout as a sequence of JSON answers: the handshake first, then one per `stats`
 * request. `next()` rejects when the server exits or stays silent.
 */
const answersOf = (child) => {
  const waiting = [];
  let exited;
  const fail = (error) => {
    for (const waiter of waiting.splice(0)) {
      waiter.reject(error);
    }
  };
  child.once('exit', (code, signal) => {
    exited = new Error(`the server exited (code ${code}, signal ${signal})`);
    fail(exited);
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const waiter = waiting.shift();
    if (waiter === undefined) {
      note(`server: ${line}`);
      return;
    }
    try {
      waiter.resolve(JSON.parse(line));
    } catch {
      waiter.reject(new Error(`the server printed ${JSON.stringify(line)} where JSON was expected`));
    }
  });
  return {
    next: (timeoutMs) =>
      new Promise((resolve, reject) => {
        if (exited !== undefined) {
          reject(exited);
          return;
        }
        const timer = setTimeout(
          () => reject(new Error(`the server did not answer within ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        const settle = (fn) => (value) => {
          clearTimeout(timer);
          fn(value);
        };
        waiting.push({ resolve: settle(resolve), reject: settle(reject) });
      }),
  };
};

export const startServer = async (databaseUrl, profileDir, extraEnv = {}) => {
  const nodeArgs = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const child = spawn(process.execPath, [...nodeArgs, serveHubPath], {
    env: { ...serverEnv(databaseUrl), ...extraEnv },
    // stdin is the server's lifeline: it stops when this process goes away.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers = answersOf(child);
  try {
    const ready = await answers.next(readyTimeoutMs);
    const stats = () => {
      const answer = answers.next(requestTimeoutMs);
      child.stdin.write('stats\n');
      return answer;
    };
    return { child, stats, ...ready };
  } catch (error) {
    await stopServer(child);
    throw error;
  }
};

export const stopServer = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
  await exited;
  clearTimeout(timer);
};

// ---- the party the reads are made as ---------------------------------------------------------

const post = async (base, path, body, headers = {}) => {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  if (response.status !== 201) {
    throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response;
};

const sessionCookieOf = (response) => {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('th_session='));
  if (cookie === undefined) {
    throw new Error('POST /api/auth/register set no th_session cookie');
  }
  return cookie.split(';')[0];
};

/** Registers a person over HTTP, creates their organisation and a read-only API key for it. */
export const registerParty = async (base, { kind = 'exporter', scopes = ['read'] } = {}) => {
  const tag = randomBytes(4).toString('hex');
  const registered = await post(base, '/api/auth/register', {
    email: `bench-${tag}@bench.example`,
    displayName: 'Bench Person',
    password: randomBytes(18).toString('base64url'),
  });
  const cookie = sessionCookieOf(registered);
  const organisation = await post(
    base,
    '/api/orgs',
    { nameZh: '基准测试有限公司', nameEn: 'Bench Ltd', kind, country: 'CN' },
    { cookie },
  ).then((r) => r.json());
  const key = await post(
    base,
    `/api/orgs/${organisation.id}/api-keys`,
    { name: 'bench', scopes },
    { cookie },
  ).then((r) => r.json());

  return { organisationId: organisation.id, cookie, apiKey: key.secret };
};
