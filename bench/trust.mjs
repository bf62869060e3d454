// `npm run bench -- trust`: tradehub's trust layer against OpenAttestation v2 on the same
// generated commercial invoices, in one run. For each size N:
//   OpenAttestation: wrapDocuments, signDocument for every document (secp256k1), then the
//     offline integrity check verifySignature (and, beside it, recovering the signer);
//   tradehub: issue through the documents module's batch function (JCS + SHA-256 + Ed25519
//     credential proof + signed 266-byte log entry, stored and queued in the same transactions),
//     integrate the log until a signed checkpoint covers every entry, build the
//     tradehub-bundle/v1 of every document, and verify every bundle offline with
//     @tradehub/verifier against the hub's trust policy, in this thread only (per-core figure).
// Every figure is printed with the load average at the time: other work on the machine lowers it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MerkleTree } from '@govtechsg/open-attestation';
import { exitFailure, exitOk, exitUsage, note, positiveInt, say, UsageError } from './cli-support.mjs';
import { benchSeller, countLeafFields, generateInvoices } from './invoices.mjs';
import { benchWallet, measureOpenAttestation, openAttestationVersion } from './trust-oa.mjs';

/** The acceptance goals (DESIGN.md §4). Missing one is reported, not failed. */
const goal = {
  issueDocsPerSecond: 20_000,
  issueTimesOpenAttestation: 20,
  verifyDocsPerSecondPerCore: 6_000,
  logEntriesPerSecond: 20_000,
};

const usage = `usage: npm run bench -- trust [options]

  --sizes <n,n,...>     documents per measured run (default 10000,100000)
  --seed <n>            seed of the invoice generator (default 1): same seed, same invoices
  --database-url <url>  PostgreSQL to issue into (migrated, a new organisation per size);
                        default: PGlite in a new temporary directory, removed at the end
  --skip-oa             measure tradehub only
  --oa-max <n>          most documents OpenAttestation wraps in one batch (default: the largest size)
  --oa-budget <s>       seconds OpenAttestation's wrap may be predicted to take at a size before it
                        is measured at the largest size that fits instead (default 600)
  --log-batch <n>       entries integrated per log transaction (default 1024)
  --chunk <n>           bundles built, then verified, per chunk: bounds memory (default 5000)
  --verify-max <n>      build and verify bundles for at most n documents per size, evenly spread
                        (default: every document)
  --skip-pipelined      skip the second tradehub issuance, made with the hub's sequencer running
  --profile <dir>       write a V8 CPU profile of each tradehub phase into <dir>
  --help                this text

Exit: 0 every document verified (both systems), 1 a verification failed, nothing was verified,
or setup failed, 2 bad options.`;

const parseOptions = (argv) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        sizes: { type: 'string' },
        seed: { type: 'string' },
        'database-url': { type: 'string' },
        'skip-oa': { type: 'boolean', default: false },
        'skip-pipelined': { type: 'boolean', default: false },
        'oa-max': { type: 'string' },
        'oa-budget': { type: 'string' },
        'log-batch': { type: 'string' },
        chunk: { type: 'string' },
        'verify-max': { type: 'string' },
        profile: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const { values } = parsed;
  const sizes = (values.sizes ?? '10000,100000')
    .split(',')
    .map((text) => positiveInt('sizes', text.trim().replaceAll('_', '')));
  // Ascending, so OpenAttestation's cost at a larger size can be predicted from a smaller one.
  const sortedSizes = [...new Set(sizes)].sort((a, b) => a - b);
  return {
    help: values.help,
    sizes: sortedSizes,
    seed: positiveInt('seed', values.seed, 1),
    databaseUrl: values['database-url'],
    skipOa: values['skip-oa'],
    skipPipelined: values['skip-pipelined'],
    oaMax: positiveInt('oa-max', values['oa-max'], sortedSizes.at(-1)),
    oaBudgetS: positiveInt('oa-budget', values['oa-budget'], 600),
    logBatch: positiveInt('log-batch', values['log-batch'], 1024),
    chunk: positiveInt('chunk', values.chunk, 5000),
    verifyMax: positiveInt('verify-max', values['verify-max'], Number.MAX_SAFE_INTEGER),
    profileDir: values.profile,
  };
};

// ---- formatting -----------------------------------------------------------------------------

const count = (n) => Math.round(n).toLocaleString('en');
const rate = (n, s) => (s > 0 ? n / s : Number.POSITIVE_INFINITY);
const secondsText = (s) => `${s < 10 ? s.toFixed(3) : s.toFixed(1)}s`;
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join('/');

const met = (value, target) => (value >= target ? 'met' : 'NOT met');

// ---- OpenAttestation: which size fits the budget ----------------------------------------------

/**
 * Seconds one `MerkleTree.getProof` takes in a tree of `n` leaves. wrapDocuments calls it once
 * per document and it scans the leaves with findIndex, so this is the part of wrapping that
 * grows with n²; everything else grows with n.
 */
const proofSecondsAt = (n) => {
  const leaves = Array.from({ length: n }, (_, i) => {
    const leaf = Buffer.alloc(32);
    leaf.writeUInt32BE(i, 0);
    leaf.writeUInt32BE(Math.imul(i, 2654435761) >>> 0, 4);
    return leaf;
  });
  const tree = new MerkleTree(leaves);
  const samples = Math.min(n, 200);
  const start = performance.now();
  for (let i = 0; i < samples; i += 1) {
    tree.getProof(leaves[Math.floor(((i + 0.5) * n) / samples)]);
  }
  return (performance.now() - start) / 1000 / samples;
};

/**
 * Predicts wrapDocuments at `n` from a measured run at `measured.n`: the per-document linear
 * cost from that run plus the proof scan measured at `n` itself.
 */
const predictWrapSeconds = (measured, n) => {
  const linearPerDoc = Math.max(0, measured.wrap.wallS / measured.n - proofSecondsAt(measured.n));
  const proofAtN = proofSecondsAt(n);
  // The parts measured apart add up to less than a real wrap of n documents, whose heap is
  // larger (the first PostgreSQL run predicted 600 s at 60,000 and took 882 s): allow for it.
  const margin = 1.5;
  return {
    seconds: margin * n * (linearPerDoc + proofAtN),
    linearPerDoc: margin * linearPerDoc,
    proofPerLeafPerDoc: (margin * proofAtN) / n,
  };
};

/** The largest multiple of `step` whose predicted wrap time fits `budgetS`. */
const sizeWithin = (prediction, budgetS, step) => {
  const a = prediction.proofPerLeafPerDoc;
  const b = prediction.linearPerDoc;
  const n = a > 0 ? (-b + Math.sqrt(b * b + 4 * a * budgetS)) / (2 * a) : budgetS / b;
  return Math.max(step, Math.floor(n / step) * step);
};

const printOpenAttestation = (oa, label) => {
  say(costLine('oa.wrap', oa.n, oa.wrap, 'docs/s', `wrapDocuments, one Merkle tree${label}`));
  say(costLine('oa.sign', oa.n, oa.sign, 'docs/s', `signDocument per document, secp256k1${label}`));
  say(costLine('oa.issue', oa.n, oa.issue, 'docs/s', `wrap + sign${label}`));
  say(
    costLine(
      'oa.verify.integrity',
      oa.n,
      oa.verify,
      'docs/s',
      `verifySignature: ${count(oa.integrityValid)} passed${label}`,
    ),
  );
  say(
    costLine(
      'oa.verify.with-signer',
      oa.n,
      oa.verifyWithSigner,
      'docs/s',
      `integrity + signer recovered from the proof: ${count(oa.signatureValid)} passed${label}`,
    ),
  );
  say(`${'oa.size'.padEnd(24)}  ${count(oa.sampleBytes)} bytes per signed wrapped document (JSON)`);
};

// ---- the run --------------------------------------------------------------------------------

const describeInvoices = (invoices, seed) => {
  let bytes = 0;
  let leaves = 0;
  let lines = 0;
  for (const invoice of invoices) {
    bytes += Buffer.byteLength(JSON.stringify(invoice.payload));
    leaves += countLeafFields(invoice.payload);
    lines += invoice.payload.lineItems.length;
  }
  const n = invoices.length;
  return `seed ${seed}, ${count(n)} invoices, mean ${count(bytes / n)} bytes of JSON payload, ${(leaves / n).toFixed(1)} leaf fields, ${(lines / n).toFixed(1)} line items`;
};

const machineLine = (database, oaVersion) => {
  const cpus = os.cpus();
  return [
    'machine'.padEnd(24),
    `cpu="${cpus[0]?.model ?? 'unknown'}"`,
    `cores=${os.availableParallelism()}`,
    `memory=${(os.totalmem() / 1024 ** 3).toFixed(1)}GiB`,
    `node=${process.version}`,
    `load-before=${load()}`,
    `database="${database}"`,
    ...(oaVersion === undefined ? [] : [`open-attestation=${oaVersion}`]),
  ].join('  ');
};

const runOpenAttestation = async (options, invoices, state) => {
  const n = invoices.length;
  let target = Math.min(n, options.oaMax);
  let reason = target < n ? `--oa-max ${count(options.oaMax)}` : undefined;
  if (state.last !== undefined && target > state.last.n) {
    const prediction = predictWrapSeconds(state.last, target);
    if (prediction.seconds > options.oaBudgetS) {
      // Round to two significant figures of the size asked for: 100,000 -> steps of 10,000.
      const step = Math.max(1, 10 ** Math.floor(Math.log10(target)) / 10);
      const fits = Math.min(target, sizeWithin(prediction, options.oaBudgetS, step));
      reason = `wrapping ${count(target)} predicted to take ${secondsText(prediction.seconds)} (not measured), over the ${options.oaBudgetS}s budget`;
      target = Math.max(fits, state.last.n);
    }
  }
  if (state.measured.has(target)) {
    const oa = state.measured.get(target);
    say(
      `${'oa.measured-at'.padEnd(24)}  OA measured at ${count(target)}, not ${count(n)}: ${reason}; figures above`,
    );
    return oa;
  }
  if (target < n) {
    say(`${'oa.measured-at'.padEnd(24)}  OA measured at ${count(target)}, not ${count(n)}: ${reason}`);
  }
  const oa = await measureOpenAttestation({
    invoices: target === n ? invoices : invoices.slice(0, target),
    wallet: state.wallet,
    issuerName: benchSeller.name,
    progress: note,
  });
  state.measured.set(target, oa);
  state.last = oa;
  printOpenAttestation(oa, target < n ? ` (OA measured at ${count(target)})` : '');
  return oa;
};

/**
 * A tradehub figure: wall-clock rate, then the CPU it cost (this process, and PostgreSQL's
 * backends for this database) and the rate per CPU-second, which other work on the machine
 * does not lower.
 */
const costLine = (name, n, cost, unit, extra = '') => {
  const cpuS = cost.cpuS + (cost.dbCpuS ?? 0);
  const db = (cost.dbCpuS ?? 0) > 0 ? ` + postgres ${cost.dbCpuS.toFixed(2)}s` : '';
  return [
    name.padEnd(24),
    `n=${count(n)}`.padEnd(10),
    secondsText(cost.wallS).padStart(9),
    `${count(rate(n, cost.wallS))} ${unit}`.padStart(18),
    `cpu=${cost.cpuS.toFixed(2)}s${db} (${count(rate(n, cpuS))} ${unit} per cpu-s)`,
    ...(cost.queries === undefined
      ? []
      : [`queries=${count(cost.queries)} (${(cost.queries / n).toFixed(2)}/item)`]),
    `load=${load()}`,
    extra,
  ]
    .join('  ')
    .trimEnd();
};

const cpuRate = (n, cost) => rate(n, cost.cpuS + (cost.dbCpuS ?? 0));

const runTradehub = async (options, invoices, hub) => {
  const n = invoices.length;
  const result = await hub.measure(invoices, {
    chunk: options.chunk,
    logBatch: options.logBatch,
    verifyMax: options.verifyMax,
    profileDir: options.profileDir,
    progress: note,
  });
  const anchor = {
    wallS: result.issue.wallS + result.log.wallS,
    cpuS: result.issue.cpuS + result.log.cpuS,
    dbCpuS: result.issue.dbCpuS + result.log.dbCpuS,
    queries: result.issue.queries + result.log.queries,
  };
  const issueRate = rate(n, anchor.wallS);
  const logRate = rate(result.integrated, result.log.wallS);
  const verifyRate = rate(result.verified, result.verify.wallS);
  const verifyCpuRate = cpuRate(result.verified, result.verify);
  say(costLine('hub.issue', n, result.issue, 'docs/s', result.issueNote));
  say(
    costLine(
      'hub.log.integrate',
      result.integrated,
      result.log,
      'entries/s',
      // Issuance now queues one ISSUE_BATCH entry per 1,000 documents, too few entries to time
      // the log's append rate: that goal is judged only when this phase integrated many entries.
      `${count(result.checkpoints)} checkpoints, batch ${options.logBatch} (goal >= ${count(goal.logEntriesPerSecond)} entries/s on PostgreSQL: ${
        result.integrated < 10_000
          ? 'not judged here: one ISSUE_BATCH entry per 1,000 documents, see `npm run bench -- log`'
          : hub.engine === 'postgres'
            ? met(logRate, goal.logEntriesPerSecond)
            : 'not judged on PGlite'
      })`,
    ),
  );
  say(
    costLine(
      'hub.issue+anchor',
      n,
      anchor,
      'docs/s',
      `issue, then integrate: every document signed and covered by a signed checkpoint (goal >= ${count(goal.issueDocsPerSecond)}: ${met(issueRate, goal.issueDocsPerSecond)})`,
    ),
  );
  let pipelined;
  if (!options.skipPipelined) {
    pipelined = await hub.measurePipelined(invoices, { profileDir: options.profileDir, progress: note });
    const pipelinedRate = rate(n, pipelined.anchor.wallS);
    say(
      costLine(
        'hub.issue+anchor.piped',
        n,
        pipelined.anchor,
        'docs/s',
        `again for a new organisation with the hub's sequencer running (batch ${options.logBatch}, 500 ms): issued after ${secondsText(pipelined.issueS)} (goal >= ${count(goal.issueDocsPerSecond)}: ${met(pipelinedRate, goal.issueDocsPerSecond)})`,
      ),
    );
  }
  say(
    costLine(
      'hub.bundle',
      result.verified,
      result.bundle,
      'docs/s',
      'tradehub-bundle/v1 of each verified document (documents.getBundle)',
    ),
  );
  say(
    costLine(
      'hub.verify',
      result.verified,
      result.verify,
      'docs/s',
      `@tradehub/verifier, one document at a time in the main thread: ${count(result.valid)} VALID of ${count(result.verified)}${result.sampled ? ` (a sample evenly spread over the ${count(n)} issued, --verify-max)` : ''} (goal >= ${count(goal.verifyDocsPerSecondPerCore)}/core: ${met(verifyCpuRate, goal.verifyDocsPerSecondPerCore)} per cpu-s, ${met(verifyRate, goal.verifyDocsPerSecondPerCore)} on the wall clock)`,
    ),
  );
  say(
    `${'hub.verify.setup'.padEnd(24)}  ${result.verifierNote}; trust policy: GET /log/trust-policy + the issuer's DID document pinned`,
  );
  say(
    `${'hub.size'.padEnd(24)}  ${count(result.sampleBundleBytes)} bytes per bundle (JSON), ${count(result.sampleCredentialBytes)} of them the credential`,
  );
  return { ...result, anchor, pipelined };
};

/** "12.3x wall, 10.1x cpu": a ratio of rates on the wall clock and per CPU-second. */
const ratioText = (hubN, hubCost, oaN, oaCost) => {
  const wall = rate(hubN, hubCost.wallS) / rate(oaN, oaCost.wallS);
  const cpu = cpuRate(hubN, hubCost) / cpuRate(oaN, oaCost);
  return { wall, cpu, text: `${wall.toFixed(1)}x wall clock, ${cpu.toFixed(1)}x per cpu-s` };
};

const printRatios = (n, hub, oa) => {
  const label =
    oa.n === n ? '' : ` (OA measured at ${count(oa.n)}, where it is faster per document than at ${count(n)})`;
  const issue = ratioText(n, hub.anchor, oa.n, oa.issue);
  const goalText = (ratio) =>
    `goal >= ${goal.issueTimesOpenAttestation}x: ${met(ratio.wall, goal.issueTimesOpenAttestation)} on the wall clock, ${met(ratio.cpu, goal.issueTimesOpenAttestation)} per cpu-s`;
  say(
    `${'ratio.issue'.padEnd(24)}  n=${count(n)}  tradehub issue+anchor / OA wrap+sign = ${issue.text}  (${goalText(issue)})${label}`,
  );
  if (hub.pipelined !== undefined) {
    const piped = ratioText(n, hub.pipelined.anchor, oa.n, oa.issue);
    say(
      `${'ratio.issue.piped'.padEnd(24)}  n=${count(n)}  tradehub issue+anchor, sequencer running / OA wrap+sign = ${piped.text}  (${goalText(piped)})${label}`,
    );
  }
  say(
    `${'ratio.issue.wrap-only'.padEnd(24)}  n=${count(n)}  tradehub issue+anchor / OA wrap alone = ${ratioText(n, hub.anchor, oa.n, oa.wrap).text}${label}`,
  );
  say(
    `${'ratio.verify'.padEnd(24)}  n=${count(n)}  tradehub full offline verification / OA integrity only = ${ratioText(hub.verified, hub.verify, oa.n, oa.verify).text}; / OA integrity + signer = ${ratioText(hub.verified, hub.verify, oa.n, oa.verifyWithSigner).text}${label}`,
  );
};

/** Every gate the run must pass; each failure is named on stderr. */
const gates = (n, hub, oa) => {
  const failures = [];
  if (hub.verified === 0) {
    failures.push(`n=${n}: tradehub verified nothing`);
  }
  if (hub.valid !== hub.verified || (!hub.sampled && hub.verified !== n)) {
    failures.push(
      `n=${n}: tradehub verified ${hub.valid} of ${hub.verified} documents as VALID (${n} issued)`,
    );
    for (const sample of hub.failures.slice(0, 5)) {
      failures.push(`  ${sample}`);
    }
  }
  if (!hub.tamperedRejected) {
    failures.push(`n=${n}: tradehub's verifier accepted a tampered credential`);
  }
  if (oa !== undefined) {
    if (oa.integrityValid !== oa.n || oa.signatureValid !== oa.n) {
      failures.push(
        `n=${n}: OpenAttestation passed ${oa.integrityValid} (integrity) and ${oa.signatureValid} (signer) of ${oa.n}`,
      );
    }
    if (!oa.tamperedRejected) {
      failures.push(`n=${n}: OpenAttestation accepted a tampered document`);
    }
  }
  return failures;
};

const benchmark = async (options) => {
  const { openTradehub } = await import('./trust-hub.mjs');
  const largest = options.sizes.at(-1);
  note(`generating ${count(largest)} invoices (seed ${options.seed}) ...`);
  // One list for every size: the run at 10,000 uses the first 10,000 of the run at 100,000.
  const allInvoices = generateInvoices({ count: largest, seed: options.seed });
  const temporaryDir =
    options.databaseUrl === undefined ? await mkdtemp(join(os.tmpdir(), 'tradehub-bench-trust-')) : undefined;
  const hub = await openTradehub({
    databaseUrl: options.databaseUrl,
    dataDir: temporaryDir === undefined ? undefined : join(temporaryDir, 'pgdata'),
    logBatch: options.logBatch,
    progress: note,
  });
  const oaState = { wallet: benchWallet(options.seed), measured: new Map(), last: undefined };
  const failures = [];
  try {
    say(machineLine(hub.label, options.skipOa ? undefined : await openAttestationVersion()));
    for (const n of options.sizes) {
      const invoices = n === largest ? allInvoices : allInvoices.slice(0, n);
      say(`${'invoices'.padEnd(24)}  ${describeInvoices(invoices, options.seed)}`);
      const oa = options.skipOa ? undefined : await runOpenAttestation(options, invoices, oaState);
      const result = await runTradehub(options, invoices, hub);
      if (oa !== undefined) {
        printRatios(n, result, oa);
      }
      failures.push(...gates(n, result, oa));
    }
  } finally {
    await hub.close();
    if (temporaryDir !== undefined) {
      await rm(temporaryDir, { recursive: true, force: true });
    }
  }
  for (const failure of failures) {
    note(`FAILED: ${failure}`);
  }
  return failures.length === 0;
};

export const run = async (argv) => {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) {
      throw error;
    }
    note(`error: ${error.message}\n\n${usage}`);
    return exitUsage;
  }
  if (options.help) {
    say(usage);
    return exitOk;
  }
  try {
    return (await benchmark(options)) ? exitOk : exitFailure;
  } catch (error) {
    note(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return exitFailure;
  }
};
