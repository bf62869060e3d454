// `tradehub witness`: run a standalone C2SP tlog-witness for one or more tradehub logs, as an
// independent party (a customs office, a bank) would, and `tradehub witness keygen` to make its key.

import { open, readFile, stat } from 'node:fs/promises';
import { AppError, isAppError } from '@tradehub/kernel';
import {
  generateWitnessKey,
  isValidKeyName,
  parseVerifierKey,
  parseWitnessSignerKey,
} from '@tradehub/verifier';
import { type Command, CommanderError } from 'commander';
import { createLogger } from '../platform/logging/index.ts';
import {
  createWitness,
  createWitnessHttpServer,
  type FileWitnessStore,
  openFileWitnessStore,
  type PinnedLog,
  type WitnessAnswer,
} from '../witness/index.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`warning: ${line}\n`);
const usage = (message: string) => new CommanderError(2, 'tradehub.usage', `error: ${message}`);

const VKEY_TIMEOUT_MS = 10_000;
const MAX_VKEY_BYTES = 4096;

const keygen = async (options: { name: string; out: string }) => {
  if (!isValidKeyName(options.name)) {
    throw usage('--name must be a key name without spaces or "+", e.g. customs.example/witness');
  }
  const { signerKey, verifierKey } = generateWitnessKey(options.name);
  let file: Awaited<ReturnType<typeof open>>;
  try {
    // 'wx': an existing key is never overwritten, since a lost witness key cannot be recovered.
    file = await open(options.out, 'wx', 0o600);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST') {
      throw new AppError('witness.key_file_exists', `${options.out} already exists; not overwriting it`);
    }
    throw error;
  }
  try {
    await file.writeFile(`${signerKey}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  say(`Wrote the private key of witness ${options.name} to ${options.out} (mode 0600); keep it secret.`);
  say('Verifier key (give it to the logs and verifiers that trust this witness):');
  say(verifierKey);
};

const readWitnessKey = async (path: string) => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('witness.invalid_key_file', `Cannot read the witness key ${path}`, { cause: error });
  }
  const parsed = parseWitnessSignerKey(text.trim());
  if (!parsed.ok) {
    throw new AppError('witness.invalid_key_file', `${path} is not a witness key: ${parsed.message}`);
  }
  if (((await stat(path)).mode & 0o077) !== 0) {
    warn(`${path} can be read by other users; chmod 600 it`);
  }
  return parsed.key;
};

// The log's key as it publishes it at `<url>/vkey`; its name is the log's origin.
const fetchLogKey = async (url: string): Promise<PinnedLog> => {
  let response: Response;
  try {
    response = await fetch(`${url}/vkey`, {
      signal: AbortSignal.timeout(VKEY_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    throw new AppError('witness.log_unreachable', `Cannot reach ${url}/vkey: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status !== 200 || text.length > MAX_VKEY_BYTES) {
    throw new AppError('witness.log_unreachable', `${url}/vkey answered HTTP ${response.status}`);
  }
  const parsed = parseVerifierKey(text.trim());
  if (!parsed.ok) {
    throw new AppError('witness.invalid_log_key', `${url}/vkey is not a log verifier key: ${parsed.message}`);
  }
  return { origin: parsed.key.name, verifierKey: text.trim(), url };
};

// First contact pins the key; afterwards a different key is refused, and a log that is down is
// witnessed with the key pinned before.
const pinLogKey = async (store: FileWitnessStore, url: string): Promise<PinnedLog> => {
  let fetched: PinnedLog;
  try {
    fetched = await fetchLogKey(url);
  } catch (error) {
    const pinned = store.pinnedLogs().find((log) => log.url === url);
    if (pinned === undefined || !isAppError(error, 'witness.log_unreachable')) {
      throw error;
    }
    warn(`${error.message}; using the key pinned for ${pinned.origin}`);
    return pinned;
  }
  await store.pinLog(fetched);
  return fetched;
};

const parsePort = (text: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw usage('--port must be a number from 0 to 65535');
  }
  return port;
};

const levelOf = (answer: WitnessAnswer) =>
  ['rolled_back', 'forked', 'inconsistent', 'failed'].includes(answer.verdict)
    ? 'error'
    : answer.verdict === 'cosigned'
      ? 'info'
      : 'warn';

type RunOptions = { log: string[]; key?: string; state?: string; port: string; host: string; prefix: string };

const run = async (options: RunOptions) => {
  if (options.key === undefined || options.log.length === 0) {
    throw usage('--log <url> and --key <file> are required (make a key with `tradehub witness keygen`)');
  }
  const port = parsePort(options.port);
  const urls = options.log.map((url) => {
    if (!/^https?:\/\/[^/]/.test(url)) {
      throw usage(`--log must be an http(s) URL such as https://hub.example/log, not ${url}`);
    }
    return url.replace(/\/+$/, '');
  });
  const signer = await readWitnessKey(options.key);
  const statePath = options.state ?? `${options.key}.state.json`;
  const store = await openFileWitnessStore(statePath);
  try {
    const logs: PinnedLog[] = [];
    for (const url of urls) {
      logs.push(await pinLogKey(store, url));
    }
    const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
    const witness = createWitness({
      name: signer.name,
      signer,
      logs: logs.map(({ origin, verifierKey }) => ({ origin, verifierKey })),
      store,
      now: () => new Date(),
      onAnswer: (answer) =>
        logger[levelOf(answer)](
          { verdict: answer.verdict, status: answer.status, origin: answer.origin, size: answer.size },
          answer.message,
        ),
    });
    const server = await createWitnessHttpServer(witness, {
      port,
      host: options.host,
      prefix: options.prefix,
    });
    // Listening for signals before announcing the address: whoever reads it may stop us at once.
    const stopped = new Promise<string>((resolve) => {
      const stop = (name: string) => () => {
        process.off('SIGINT', onInt);
        process.off('SIGTERM', onTerm);
        resolve(name);
      };
      const onInt = stop('SIGINT');
      const onTerm = stop('SIGTERM');
      process.on('SIGINT', onInt);
      process.on('SIGTERM', onTerm);
    });
    say(`tradehub witness ${witness.name}`);
    say(`  verifier key: ${witness.verifierKey}`);
    for (const log of logs) {
      say(`  witnessing ${log.origin} (${log.url}), log key ${log.verifierKey}`);
    }
    say(`  state: ${statePath}`);
    say(`  listening on ${server.url} (POST ${server.url}/add-checkpoint)`);
    say('Press Ctrl+C to stop.');
    const signal = await stopped;
    say(`${signal}: finishing requests in flight, then stopping.`);
    await server.close();
  } finally {
    await store.close();
  }
};

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds `tradehub witness` and `tradehub witness keygen` to the CLI. */
export const registerWitnessCommand = (program: Command) => {
  const witness = program
    .command('witness')
    .description(
      'Run a standalone C2SP tlog-witness that cosigns a tradehub log’s checkpoints (make its key with `witness keygen`)',
    )
    .option(
      '--log <url>',
      'the log to witness, e.g. https://hub.example/log (repeat for several)',
      collect,
      [],
    )
    .option('--key <file>', 'the witness key file made by `tradehub witness keygen`')
    .option('--state <file>', 'where the witness keeps its state (default: <key file>.state.json)')
    .option('--port <port>', 'port to listen on', '7380')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--prefix <path>', 'URL path before /add-checkpoint', '')
    .action(run);
  witness
    .command('keygen')
    .description('Make a witness key (signed-note format, type 0x04) and print its verifier key')
    .requiredOption('--name <name>', 'the witness name, e.g. customs.example/witness')
    .requiredOption('--out <file>', 'where to write the private key (never overwritten)')
    .action(keygen);
};
