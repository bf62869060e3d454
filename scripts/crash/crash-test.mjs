// `npm run test:crash`: the ledger's crash test (issue 7). Clients post transfers under load while
// PostgreSQL, the hub, or both are killed with SIGKILL at random moments and restarted; then every
// request whose answer was lost is sent again, and the database is read directly to check that
// every acknowledged transfer is there as acknowledged, nothing else is, and the invariants hold.
// Runs on a private PostgreSQL cluster (private-postgres.mjs), never on the machine's own.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { registerParty } from '../../bench/hub-process.mjs';
import { startPrivatePostgres } from './private-postgres.mjs';

const usage = `usage: npm run test:crash -- [options]

  --kills <n>     SIGKILLs to deal out, mixing PostgreSQL, the hub and both (default 20)
  --seed <n>      seed of the random choices (default: from the clock, printed)
  --clients <n>   concurrent clients posting transfers (default 8)
  --help          this text

Runs on a private PostgreSQL cluster in a temporary folder (never the machine's own), removed at
the end. Prints one line per kill and a closing line "crash: <n> passed, <m> failed".
Exit: 0 every check passed, 1 a check failed (or setup failed), 2 bad options.`;

const serveHubPath = fileURLToPath(new URL('../../bench/serve-hub.mjs', import.meta.url));
/** The whole run stays within this; the kill loop stops early rather than overrun it. */
const budgetMs = 6 * 60_000;
const killLoopBudgetMs = 4 * 60_000;
const requestTimeoutMs = 10_000;
const readyTimeoutMs = 60_000;
const databaseName = 'tradehub_crash';
/** The only refusal a transfer may meet here: every other code means the ledger misbehaved. */
const legitimateMoveRefusals = new Set(['payments.exceeds_credit_limit']);

// ---- options and randomness -------------------------------------------------------------------

class UsageError extends Error {}

const positiveInt = (name, text, fallback, min = 1) => {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${name} must be a whole number >= ${min}, not ${JSON.stringify(text)}`);
  }
  return value;
};

const parseOptions = (argv) => {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kills: { type: 'string' },
        seed: { type: 'string' },
        clients: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error.message);
  }
  return {
    help: values.help,
    kills: positiveInt('kills', values.kills, 20),
    seed: positiveInt('seed', values.seed, Date.now() % 2_147_483_647, 0),
    clients: positiveInt('clients', values.clients, 8),
  };
};

/** mulberry32: small, fast and good enough to make a run repeatable from its seed. */
const randomFrom = (seed) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (line) => process.stdout.write(`${line}\n`);

// EUR and CNY both have two decimals; amounts are generated in minor units and sent as strings.
const decimal = (minor) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const minorOf = (text) => {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};

// ---- the hub process --------------------------------------------------------------------------

/**
 * Starts bench/serve-hub.mjs on the database; its stderr goes to `logPath` so the warnings of a
 * database being killed do not bury the progress lines.
 */
const startHub = (databaseUrl, logPath) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serveHubPath], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        // Thousands of writes a minute from a few API keys: the limiter is not under test.
        TRADEHUB_WRITE_RATE_MAX: '10000000',
      },
      stdio: ['pipe', 'pipe', openSync(logPath, 'a')],
    });
    // An EPIPE on a killed child's stdin is expected, not a crash of this process.
    child.stdin.on('error', () => {});
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hub did not start within ${readyTimeoutMs / 1000} s (log: ${logPath})`));
    }, readyTimeoutMs);
    const onExit = (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited while starting (code ${code}, signal ${signal}; log: ${logPath})`));
    };
    child.once('exit', onExit);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      try {
        const { port } = JSON.parse(line);
        resolve({ child, base: `http://127.0.0.1:${port}` });
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`the hub printed ${JSON.stringify(line)} where its port was expected`));
      }
    });
  });

const killHub = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
};

const stopHub = async (child) => {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  child.stdin.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
};

const waitReady = async (base) => {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) {
        return;
      }
    } catch {
      // not listening yet, or the database still starting
    }
    await sleep(100);
  }
  throw new Error(`${base}/readyz did not answer 200 within ${readyTimeoutMs / 1000} s`);
};

// ---- HTTP -------------------------------------------------------------------------------------

/**
 * One write, classified: `ack` (2xx), `refused` (4xx, with its code), `unknown` (no answer, or a
 * 5xx: the request may or may not have committed).
 */
const send = async (base, request) => {
  try {
    const response = await fetch(`${base}${request.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${request.apiKey}` },
      body: JSON.stringify(request.body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (response.status >= 200 && response.status < 300) {
      return { outcome: 'ack', status: response.status, json };
    }
    if (response.status >= 500) {
      return { outcome: 'unknown', status: response.status, detail: json?.code ?? text.slice(0, 200) };
    }
    return {
      outcome: 'refused',
      status: response.status,
      code: json?.code ?? `(no code: ${text.slice(0, 200)})`,
    };
  } catch (error) {
    return { outcome: 'unknown', status: 0, detail: error.cause?.code ?? error.name ?? String(error) };
  }
};

const setupPost = async (base, path, body, cookie) => {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(requestTimeoutMs),
  });
  const json = await response.json();
  if (response.status !== 201) {
    throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(json)}`);
  }
  return json;
};

/** The transfers a 2xx answer carries: one for a transfer or resolution, several for a batch. */
const transfersOf = (json) => (Array.isArray(json?.transfers) ? json.transfers : [json]);

// ---- the run ----------------------------------------------------------------------------------

const run = async (options, resources) => {
  const started = Date.now();
  const rng = randomFrom(options.seed);
  const checks = [];
  const check = (name, ok, detail = '') => {
    checks.push({ name, ok });
    say(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail === '' ? '' : `: ${detail}`}`);
  };

  // 1. cluster, database, hub, parties, accounts, funding
  const cluster = await startPrivatePostgres();
  resources.cluster = cluster;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const databaseUrl = new URL(cluster.url);
  databaseUrl.pathname = `/${databaseName}`;
  const workDir = mkdtempSync(join(tmpdir(), 'tradehub-crash-'));
  resources.workDir = workDir;
  const logPath = join(workDir, 'hub.log');
  say(`crash test: seed ${options.seed}, ${options.kills} kills, ${options.clients} clients`);
  say(`private PostgreSQL on ${new URL(cluster.url).host}, hub log ${logPath}`);

  const hub = { child: undefined, base: '', unexpectedExits: 0, killedByUs: false };
  const launchHub = async () => {
    const launched = await startHub(databaseUrl.href, logPath);
    hub.child = launched.child;
    hub.base = launched.base;
    hub.killedByUs = false;
    resources.hubChild = launched.child;
    launched.child.once('exit', () => {
      if (!hub.killedByUs && !resources.stopping) {
        hub.unexpectedExits += 1;
      }
    });
    await waitReady(hub.base);
  };
  await launchHub();

  const bank = await registerParty(hub.base, { kind: 'bank', scopes: ['read', 'write'] });
  const customers = [];
  for (const kind of ['exporter', 'importer', 'ecommerce_platform']) {
    customers.push(await registerParty(hub.base, { kind, scopes: ['read', 'write'] }));
  }
  const currencies = ['EUR', 'CNY'];
  const openAccount = (party, body) =>
    setupPost(hub.base, `/api/orgs/${party.organisationId}/payments/accounts`, body, party.cookie);
  for (const currency of currencies) {
    // The bank's source of money: an overdraft account, so its limit is checked too.
    const account = await openAccount(bank, {
      currency,
      code: `treasury.${currency.toLowerCase()}`,
      kind: 'settlement',
      creditLimit: '100000000.00',
    });
    bank[currency] = account.id;
    for (const customer of customers) {
      customer[currency] = (
        await openAccount(customer, { currency, code: `main.${currency.toLowerCase()}` })
      ).id;
    }
  }
  const parties = [bank, ...customers];
  const accounts = new Map();
  for (const party of parties) {
    for (const currency of currencies) {
      accounts.set(party[currency], { owner: party, currency });
    }
  }

  /** Every request a client sent, with its final classification. */
  const records = [];
  const stats = { ack: 0, refused: 0, unknown: 0, illegitimate: [] };
  const record = (client, party, kind, path, body, extra = {}) => {
    const entry = { seq: records.length, client, party, kind, path, body, apiKey: party.apiKey, ...extra };
    records.push(entry);
    return entry;
  };
  const classify = (entry, answer, legitimate) => {
    entry.outcome = answer.outcome;
    entry.status = answer.status;
    entry.answer = answer;
    stats[answer.outcome] += 1;
    if (answer.outcome === 'refused' && !legitimate.has(answer.code)) {
      stats.illegitimate.push(`${entry.kind} ${JSON.stringify(entry.body)}: ${answer.status} ${answer.code}`);
    }
    return answer;
  };
  const transferPath = (party) => `/api/orgs/${party.organisationId}/payments/transfers`;

  for (const customer of customers) {
    for (const currency of currencies) {
      const body = {
        id: `fund-${customer.organisationId}-${currency}`,
        debitAccountId: bank[currency],
        creditAccountId: customer[currency],
        amount: decimal(500_000),
        currency,
      };
      const entry = record('setup', bank, 'move', transferPath(bank), body);
      const answer = classify(entry, await send(hub.base, entry), new Set());
      if (answer.outcome !== 'ack') {
        throw new Error(`funding ${customer[currency]} failed: ${JSON.stringify(answer)}`);
      }
    }
  }
  say(
    `setup: bank and ${customers.length} customers, ${accounts.size} accounts, funded (${seconds(Date.now() - started)})`,
  );

  // 2. load: clients post while the gate is open; a kill closes it until the hub is ready again.
  let gate = Promise.resolve();
  let openGate = () => {};
  const closeGate = () => {
    gate = new Promise((resolve) => {
      openGate = resolve;
    });
  };
  let loadStopped = false;

  // Customers mostly pay each other and the bank tops them up, so refusals for want of funds stay
  // a minority of the load rather than its bulk.
  const otherAccount = (crng, party, currency) => {
    const payees = customers.filter((p) => p !== party);
    return (party !== bank && crng.next() < 0.1 ? bank : crng.pick(payees))[currency];
  };

  const runClient = async (client) => {
    const crng = randomFrom(options.seed * 31 + client + 1);
    // The last client is the bank topping customers up; the others are customers paying around.
    const party = client === options.clients - 1 ? bank : customers[client % customers.length];
    let n = 0;
    while (!loadStopped) {
      await gate;
      if (loadStopped) {
        break;
      }
      n += 1;
      const id = `c${client}-${n}`;
      const roll = crng.next();
      const currency = crng.pick(currencies);
      const move = (suffix) => ({
        id: `${id}${suffix}`,
        debitAccountId: party[currency],
        creditAccountId: otherAccount(crng, party, currency),
        amount: decimal(crng.int(1, 30_000)),
        currency,
      });
      if (roll < 0.45) {
        const entry = record(client, party, 'move', transferPath(party), move(''));
        classify(entry, await send(hub.base, entry), legitimateMoveRefusals);
      } else if (roll < 0.75) {
        const entry = record(client, party, 'move', transferPath(party), { ...move(''), pending: true });
        const answer = classify(entry, await send(hub.base, entry), legitimateMoveRefusals);
        if (answer.outcome !== 'ack' || loadStopped) {
          continue;
        }
        const pending = answer.json;
        await gate;
        const op = crng.next() < 0.6 ? 'post' : 'void';
        // Either side may void; only the payer posts.
        const actor =
          op === 'void' && crng.next() < 0.3 ? accounts.get(pending.creditAccountId).owner : party;
        const body = { id: `${id}.${op}` };
        if (op === 'post' && crng.next() < 0.3) {
          body.amount = decimal(Math.max(1, Number(minorOf(pending.amount) / 2n)));
        }
        const resolve = record(client, actor, op, `${transferPath(actor)}/${pending.id}/${op}`, body, {
          pending: { ...pending, amountMinor: minorOf(pending.amount) },
        });
        classify(resolve, await send(hub.base, resolve), new Set());
      } else {
        const size = crng.int(2, 4);
        const transfers = Array.from({ length: size }, (_, i) => ({
          ...move(`.${i}`),
          ...(crng.next() < 0.2 ? { pending: true } : {}),
        }));
        // A batch may mix currencies: each transfer stays within its own.
        for (const transfer of transfers) {
          const c = crng.pick(currencies);
          transfer.currency = c;
          transfer.debitAccountId = party[c];
          transfer.creditAccountId = otherAccount(crng, party, c);
        }
        const entry = record(client, party, 'batch', `${transferPath(party)}/batch`, { transfers });
        classify(entry, await send(hub.base, entry), legitimateMoveRefusals);
      }
    }
  };
  const clients = Array.from({ length: options.clients }, (_, client) => runClient(client));

  // 3. the kill loop
  const targets = ['postgres', 'hub', 'both'];
  // The first three cover every kind, whatever the seed; the rest are drawn.
  const firstThree = [...targets].sort(() => rng.next() - 0.5);
  const kills = { postgres: 0, hub: 0, both: 0 };
  const names = { postgres: 'PostgreSQL', hub: 'hub', both: 'PostgreSQL and hub' };
  const loopStarted = Date.now();
  let killsDone = 0;
  for (let k = 0; k < options.kills; k += 1) {
    if (Date.now() - loopStarted > killLoopBudgetMs) {
      say(`kill loop stopped after ${seconds(Date.now() - loopStarted)}: over its time budget`);
      break;
    }
    const waitMs = rng.int(300, 2_000);
    await sleep(waitMs);
    const target = k < 3 ? firstThree[k] : rng.pick(targets);
    closeGate();
    const killedAt = Date.now();
    if (target !== 'postgres') {
      hub.killedByUs = true;
    }
    await Promise.all([
      target === 'hub' ? undefined : cluster.kill(),
      target === 'postgres' ? undefined : killHub(hub.child),
    ]);
    if (target !== 'hub') {
      await cluster.start();
    }
    // A hub that died on its own when the database went away is restarted too, and reported.
    if (target !== 'postgres' || hub.child.exitCode !== null || hub.child.signalCode !== null) {
      await launchHub();
    } else {
      await waitReady(hub.base);
    }
    openGate();
    killsDone += 1;
    kills[target] += 1;
    say(
      `kill ${k + 1}/${options.kills}: ${names[target]} after ${seconds(waitMs)}, ${stats.ack} acknowledged, ` +
        `${stats.unknown} unknown, back in ${seconds(Date.now() - killedAt)}`,
    );
  }
  // Let the load run a little on the recovered system, then stop it and let requests finish.
  await sleep(500);
  loadStopped = true;
  openGate();
  await Promise.all(clients);
  const unknownAfterLoad = records.filter((r) => r.outcome === 'unknown').length;
  say(
    `load: ${records.length} requests, ${stats.ack} acknowledged, ${stats.refused} refused, ` +
      `${unknownAfterLoad} unknown; kills: ${kills.postgres} PostgreSQL, ${kills.hub} hub, ${kills.both} both`,
  );

  // 4a. resend every request whose answer was lost, identically, in the order first sent.
  const resent = { committedBefore: 0, performedNow: 0, refusedNow: 0, stillUnknown: 0 };
  const resendIllegitimate = [];
  for (const entry of records.filter((r) => r.outcome === 'unknown')) {
    let answer;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      answer = await send(hub.base, entry);
      if (answer.outcome !== 'unknown') {
        break;
      }
      await waitReady(hub.base);
    }
    entry.outcome = answer.outcome;
    entry.answer = answer;
    entry.resent = true;
    if (answer.outcome === 'ack') {
      if (answer.status === 200) {
        resent.committedBefore += 1;
      } else {
        resent.performedNow += 1;
      }
    } else if (answer.outcome === 'refused') {
      resent.refusedNow += 1;
      const legitimate = entry.kind === 'move' || entry.kind === 'batch' ? legitimateMoveRefusals : new Set();
      if (!legitimate.has(answer.code)) {
        resendIllegitimate.push(
          `${entry.kind} ${JSON.stringify(entry.body)}: ${answer.status} ${answer.code}`,
        );
      }
    } else {
      resent.stillUnknown += 1;
    }
  }
  say(
    `resent ${unknownAfterLoad} unknown: ${resent.committedBefore} had committed (200), ` +
      `${resent.performedNow} performed now (201), ${resent.refusedNow} refused now, ${resent.stillUnknown} still unknown`,
  );

  // 4b. replaying acknowledged requests answers the original transfers (the keys survived).
  const acknowledged = records.filter((r) => r.outcome === 'ack');
  const sample = [...acknowledged].sort(() => rng.next() - 0.5).slice(0, 50);
  const replayMismatches = [];
  for (const entry of sample) {
    const answer = await send(hub.base, entry);
    const before = transfersOf(entry.answer.json).map((t) => t.id);
    const after = answer.outcome === 'ack' ? transfersOf(answer.json).map((t) => t.id) : [];
    if (answer.status !== 200 || before.join() !== after.join()) {
      replayMismatches.push(`${entry.path} ${entry.body.id ?? entry.body.transfers[0].id}: ${answer.status}`);
    }
  }

  // 5. the database itself
  const db = new pg.Client({ connectionString: databaseUrl.href });
  await db.connect();
  resources.db = db;
  const rows = (
    await db.query(
      `select id, organisation_id, client_id, debit_account_id, credit_account_id, amount::text as amount,
         currency, kind, pending_id from payments.transfers`,
    )
  ).rows;
  const byKey = new Map(rows.map((row) => [`${row.organisation_id}/${row.client_id}`, row]));

  /** What each acknowledged request must have written, derived from the request itself. */
  const expectedRows = [];
  for (const entry of acknowledged) {
    const answered = transfersOf(entry.answer.json);
    const org = entry.party.organisationId;
    if (entry.kind === 'move' || entry.kind === 'batch') {
      const bodies = entry.kind === 'batch' ? entry.body.transfers : [entry.body];
      bodies.forEach((body, i) => {
        expectedRows.push({
          key: `${org}/${body.id}`,
          id: answered[i]?.id,
          kind: body.pending === true ? 'pending' : 'single',
          debit: body.debitAccountId,
          credit: body.creditAccountId,
          amount: minorOf(body.amount),
          currency: body.currency,
          pendingId: null,
        });
      });
    } else {
      const pending = entry.pending;
      expectedRows.push({
        key: `${org}/${entry.body.id}`,
        id: answered[0]?.id,
        kind: entry.kind,
        debit: pending.debitAccountId,
        credit: pending.creditAccountId,
        amount:
          entry.kind === 'void'
            ? pending.amountMinor
            : entry.body.amount === undefined
              ? pending.amountMinor
              : minorOf(entry.body.amount),
        currency: pending.currency,
        pendingId: pending.id,
      });
    }
  }
  const missing = [];
  const different = [];
  for (const expected of expectedRows) {
    const row = byKey.get(expected.key);
    if (row === undefined) {
      missing.push(expected.key);
      continue;
    }
    if (
      row.id !== expected.id ||
      row.kind !== expected.kind ||
      row.debit_account_id !== expected.debit ||
      row.credit_account_id !== expected.credit ||
      BigInt(row.amount) !== expected.amount ||
      row.currency !== expected.currency ||
      row.pending_id !== expected.pendingId
    ) {
      different.push(`${expected.key}: stored ${JSON.stringify(row)}`);
    }
  }
  const expectedKeys = new Set(expectedRows.map((e) => e.key));
  const extra = rows.filter((row) => !expectedKeys.has(`${row.organisation_id}/${row.client_id}`));
  const refusedKeys = records
    .filter((r) => r.outcome === 'refused')
    .flatMap((r) =>
      (r.kind === 'batch' ? r.body.transfers : [r.body]).map((b) => `${r.party.organisationId}/${b.id}`),
    );
  const refusedButStored = refusedKeys.filter((key) => byKey.has(key));

  const resolvedTwice = (
    await db.query(
      `select pending_id from payments.transfers where pending_id is not null
       group by pending_id having count(*) > 1`,
    )
  ).rows;
  const entriesPerTransfer = (
    await db.query(
      `select t.id from payments.transfers t left join payments.entries e on e.transfer_id = t.id
       group by t.id having count(e.*) <> 2
         or count(*) filter (where e.side = 'debit' and e.account_id = t.debit_account_id) <> 1
         or count(*) filter (where e.side = 'credit' and e.account_id = t.credit_account_id) <> 1`,
    )
  ).rows;
  // Each account's four totals recomputed from its entries (a resolution releases the pending
  // transfer's full reservation, whatever part of it is posted).
  const totalsVsEntries = (
    await db.query(
      `with e as (
         select e.account_id, e.side,
           case when t.kind in ('single', 'post') then e.amount else 0 end as posted,
           case when t.kind = 'pending' then t.amount
                when t.kind in ('post', 'void', 'expire') then -p.amount else 0 end as pending
         from payments.entries e
         join payments.transfers t on t.id = e.transfer_id
         left join payments.transfers p on p.id = t.pending_id)
       select a.id from payments.accounts a left join e on e.account_id = a.id
       group by a.id
       having a.debits_posted <> coalesce(sum(e.posted) filter (where e.side = 'debit'), 0)
         or a.credits_posted <> coalesce(sum(e.posted) filter (where e.side = 'credit'), 0)
         or a.debits_pending <> coalesce(sum(e.pending) filter (where e.side = 'debit'), 0)
         or a.credits_pending <> coalesce(sum(e.pending) filter (where e.side = 'credit'), 0)`,
    )
  ).rows;
  // The same totals from what the clients were told, so a lost or doubled entry cannot hide.
  const model = new Map([...accounts.keys()].map((id) => [id, { dp: 0n, dq: 0n, cp: 0n, cq: 0n }]));
  for (const expected of expectedRows) {
    const debit = model.get(expected.debit);
    const credit = model.get(expected.credit);
    if (debit === undefined || credit === undefined) {
      continue;
    }
    if (expected.kind === 'single' || expected.kind === 'post') {
      debit.dp += expected.amount;
      credit.cp += expected.amount;
    }
    if (expected.kind === 'pending') {
      debit.dq += expected.amount;
      credit.cq += expected.amount;
    }
    if (expected.kind === 'post' || expected.kind === 'void') {
      const reserved = rows.find((row) => row.id === expected.pendingId);
      const amount = reserved === undefined ? 0n : BigInt(reserved.amount);
      debit.dq -= amount;
      credit.cq -= amount;
    }
  }
  const accountRows = (
    await db.query(
      `select id, debits_posted::text as dp, debits_pending::text as dq, credits_posted::text as cp,
         credits_pending::text as cq from payments.accounts`,
    )
  ).rows;
  const modelMismatch = accountRows.filter((row) => {
    const m = model.get(row.id);
    return (
      m === undefined ||
      BigInt(row.dp) !== m.dp ||
      BigInt(row.dq) !== m.dq ||
      BigInt(row.cp) !== m.cp ||
      BigInt(row.cq) !== m.cq
    );
  });

  // The ledger's own invariant check, loaded from the server's code as bench/serve-hub.mjs does.
  const { register } = await import('tsx/esm/api');
  register();
  const { openDatabase } = await import('../../server/src/platform/db/index.ts');
  const { ledgerInvariants } = await import('../../server/src/modules/payments/index.ts');
  const ledgerDb = await openDatabase({ databaseUrl: databaseUrl.href });
  resources.ledgerDb = ledgerDb;
  const invariants = await ledgerInvariants(ledgerDb.kysely);
  await ledgerDb.close();
  resources.ledgerDb = undefined;
  await db.end();
  resources.db = undefined;

  // 6. the verdict
  const list = (items) => items.slice(0, 5).join('; ') + (items.length > 5 ? ` … (${items.length})` : '');
  say('');
  check(
    `at least ${options.kills} kills, of every kind`,
    killsDone >= options.kills && Object.values(kills).every((n) => n > 0),
    `${killsDone} (${kills.postgres} PostgreSQL, ${kills.hub} hub, ${kills.both} both)`,
  );
  check(
    'the hub survived every PostgreSQL kill',
    hub.unexpectedExits === 0,
    `${hub.unexpectedExits} exits of its own`,
  );
  check('transfers were acknowledged under load', stats.ack > options.kills, `${stats.ack}`);
  check('every refusal under load was legitimate', stats.illegitimate.length === 0, list(stats.illegitimate));
  check(
    'every unknown request was settled by resending it',
    resent.stillUnknown === 0,
    `${unknownAfterLoad} resent`,
  );
  check(
    'every resend answered the original or performed it (or refused legitimately)',
    resendIllegitimate.length === 0,
    list(resendIllegitimate),
  );
  check(
    'replays of acknowledged requests answer the original transfers',
    replayMismatches.length === 0,
    `${sample.length} replayed${replayMismatches.length === 0 ? '' : `; ${list(replayMismatches)}`}`,
  );
  check(
    'every acknowledged transfer is stored',
    missing.length === 0,
    `${expectedRows.length} expected${missing.length === 0 ? '' : `; missing ${list(missing)}`}`,
  );
  check(
    'every stored transfer is as acknowledged (id, kind, accounts, amount)',
    different.length === 0,
    list(different),
  );
  check(
    'no transfer is stored that was not acknowledged',
    extra.length === 0,
    `${rows.length} stored${extra.length === 0 ? '' : `; extra ${list(extra.map((r) => `${r.id} ${r.client_id}`))}`}`,
  );
  check('refused requests left nothing', refusedButStored.length === 0, list(refusedButStored));
  check(
    'every pending transfer resolved at most once',
    resolvedTwice.length === 0,
    list(resolvedTwice.map((r) => r.pending_id)),
  );
  check(
    'every transfer has its debit and credit entry',
    entriesPerTransfer.length === 0,
    list(entriesPerTransfer.map((r) => r.id)),
  );
  check(
    "every account's totals equal the sum of its entries",
    totalsVsEntries.length === 0,
    list(totalsVsEntries.map((r) => r.id)),
  );
  check(
    "every account's totals equal what the clients were told",
    modelMismatch.length === 0,
    list(modelMismatch.map((r) => r.id)),
  );
  check(
    'conservation per currency (ledgerInvariants)',
    invariants.currencies.every(
      (c) =>
        c.net === 0n &&
        c.pendingNet === 0n &&
        c.postedByTransfers === c.debitsPosted &&
        c.pendingByTransfers === c.debitsPending,
    ),
    invariants.currencies
      .map(
        (c) =>
          `${c.currency} debits ${c.debitsPosted} = credits ${c.creditsPosted}, pending ${c.debitsPending}`,
      )
      .join('; '),
  );
  check(
    'no account beyond its limit',
    invariants.accountsBeyondLimit.length === 0,
    list(invariants.accountsBeyondLimit),
  );
  check(
    "every account's last entry shows its totals",
    invariants.entriesOutOfStep.length === 0,
    list(invariants.entriesOutOfStep),
  );
  check(
    'the run stayed within its time budget',
    Date.now() - started < budgetMs,
    seconds(Date.now() - started),
  );

  say('');
  say(
    `summary: seed ${options.seed}, ${killsDone} kills, ${records.length} requests, ${expectedRows.length} transfers ` +
      `acknowledged, ${unknownAfterLoad} answers lost and resent, ${seconds(Date.now() - started)}`,
  );
  return checks;
};

// ---- clean-up, always -------------------------------------------------------------------------

const cleanUp = async (resources, keepLog) => {
  resources.stopping = true;
  await resources.db?.end().catch(() => {});
  await resources.ledgerDb?.close().catch(() => {});
  if (resources.hubChild !== undefined) {
    await stopHub(resources.hubChild);
  }
  await resources.cluster?.stop();
  if (resources.workDir !== undefined) {
    if (keepLog) {
      say(`hub log kept: ${join(resources.workDir, 'hub.log')}`);
    } else {
      rmSync(resources.workDir, { recursive: true, force: true });
    }
  }
};

const main = async () => {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      process.exit(2);
    }
    throw error;
  }
  if (options.help) {
    say(usage);
    return 0;
  }
  const resources = { stopping: false };
  let cleaning;
  const interrupted = (signal) => {
    say(`\n${signal}: cleaning up`);
    cleaning ??= cleanUp(resources, false);
    void cleaning.finally(() => {
      say('crash: 0 passed, 1 failed');
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let checks;
  try {
    checks = await run(options, resources);
  } catch (error) {
    say(`FAIL the run stopped: ${error.stack ?? error}`);
    const logPath = resources.workDir === undefined ? undefined : join(resources.workDir, 'hub.log');
    if (logPath !== undefined) {
      try {
        const tail = readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
        say(`last lines of the hub log:\n${tail}`);
      } catch {
        // no log yet
      }
    }
    checks = [{ name: 'run', ok: false }];
  }
  const failed = checks.filter((c) => !c.ok).length;
  cleaning ??= cleanUp(resources, failed > 0);
  await cleaning;
  say(`crash: ${checks.length - failed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
};

process.exit(await main());
