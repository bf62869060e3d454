import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '@tradehub/kernel';
import { fromBase64, HASH_SIZE, toBase64 } from '@tradehub/verifier';
import { z } from 'zod';
import { isProcessAlive } from '../platform/db/index.ts';
import type { WitnessLog } from './types.ts';

/** The latest checkpoint a witness cosigned for one log. */
export type WitnessLogState = { size: number; rootHash: Uint8Array };

/** Where a witness keeps its state; `write` resolves only once the state is durable. */
export type WitnessStore = {
  read: (origin: string) => Promise<WitnessLogState | undefined>;
  write: (origin: string, state: WitnessLogState) => Promise<void>;
};

/** A store that lasts as long as the process: for witnesses run inside the hub's demo and tests. */
export const createMemoryWitnessStore = (): WitnessStore => {
  const states = new Map<string, WitnessLogState>();
  return {
    read: async (origin) => {
      const state = states.get(origin);
      return state === undefined ? undefined : { size: state.size, rootHash: state.rootHash.slice() };
    },
    write: async (origin, state) => {
      states.set(origin, { size: state.size, rootHash: state.rootHash.slice() });
    },
  };
};

const STATE_FORMAT = 'tradehub-witness-state/v1';

const ZLogEntry = z
  .object({
    /** The log key pinned on first contact; a different key at the log's URL is refused later. */
    verifierKey: z.string().min(1).optional(),
    /** Where the key was fetched from (`<url>/vkey`), to find the pinned key when the log is down. */
    url: z.string().min(1).optional(),
    size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    rootHash: z.string().optional(),
  })
  .strict()
  .refine((entry) => (entry.size === undefined) === (entry.rootHash === undefined), {
    message: 'size and rootHash go together',
  })
  .refine((entry) => entry.rootHash === undefined || fromBase64(entry.rootHash)?.length === HASH_SIZE, {
    message: `rootHash must be the base64 of ${HASH_SIZE} bytes`,
  });

const ZStateFile = z
  .object({ format: z.literal(STATE_FORMAT), logs: z.record(z.string().min(1), ZLogEntry) })
  .strict();

type StateFile = z.infer<typeof ZStateFile>;
type LogEntry = StateFile['logs'][string];

/** A log whose key the witness pinned on first contact. */
export type PinnedLog = WitnessLog & { url?: string };

/** A store in one JSON file, plus the log keys the `tradehub witness` command pinned. */
export type FileWitnessStore = WitnessStore & {
  path: string;
  /** The logs whose keys were pinned, in the order they were first seen. */
  pinnedLogs: () => PinnedLog[];
  /** Pins a log's key (and the URL it came from); refuses to replace a pinned key with another. */
  pinLog: (log: PinnedLog) => Promise<void>;
  /** Waits for writes in progress and releases the lock on the file. */
  close: () => Promise<void>;
};

const invalidState = (path: string, reason: string) =>
  new AppError('witness.state_file_invalid', `The witness state file ${path} is invalid: ${reason}`);

const readStateFile = async (path: string): Promise<StateFile> => {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      return { format: STATE_FORMAT, logs: {} };
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidState(path, 'not JSON');
  }
  const parsed = ZStateFile.safeParse(json);
  if (!parsed.success) {
    throw invalidState(path, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
};

// Write a temporary file, flush it, rename it over the old one and flush the directory: after a
// crash the file holds either the old state or the new one, never a mix or nothing.
const writeStateFile = async (path: string, state: StateFile): Promise<void> => {
  const temporary = `${path}.tmp`;
  const file = await open(temporary, 'w', 0o600);
  try {
    await file.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
};

// Two witness processes on one state file would each believe their own size: refuse the second.
const lockStateFile = async (path: string): Promise<() => Promise<void>> => {
  const lockFile = `${path}.lock`;
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') {
      throw error;
    }
    const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
      throw new AppError(
        'witness.state_file_locked',
        `Another witness process (pid ${holder}) is using ${path}; stop it first`,
      );
    }
    // Left behind by a process that is gone.
    await writeFile(lockFile, String(process.pid), { mode: 0o600 });
  }
  return async () => {
    const holder = await readFile(lockFile, 'utf8').catch(() => '');
    if (holder === String(process.pid)) {
      await rm(lockFile, { force: true });
    }
  };
};

const toState = (entry: LogEntry | undefined): WitnessLogState | undefined => {
  const rootHash = entry?.rootHash === undefined ? undefined : fromBase64(entry.rootHash);
  return entry?.size === undefined || rootHash === undefined ? undefined : { size: entry.size, rootHash };
};

/**
 * Opens (or starts) a witness state file: `{format, logs: {<origin>: {verifierKey?, size?,
 * rootHash?}}}`. Every write replaces the whole file atomically and durably; writes are queued so
 * they land in order. A lock file next to it keeps a second process away.
 */
export const openFileWitnessStore = async (path: string): Promise<FileWitnessStore> => {
  const release = await lockStateFile(path);
  let committed: StateFile;
  try {
    committed = await readStateFile(path);
  } catch (error) {
    await release();
    throw error;
  }
  let queue: Promise<unknown> = Promise.resolve();

  const update = (change: (logs: StateFile['logs']) => StateFile['logs']): Promise<void> => {
    const run = queue.then(async () => {
      const next: StateFile = { format: STATE_FORMAT, logs: change({ ...committed.logs }) };
      await writeStateFile(path, next);
      // Only what reached the disk is what the witness answers from.
      committed = next;
    });
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    path,
    read: async (origin) => toState(committed.logs[origin]),
    write: (origin, state) =>
      update((logs) => ({
        ...logs,
        [origin]: { ...logs[origin], size: state.size, rootHash: toBase64(state.rootHash) },
      })),
    pinnedLogs: () =>
      Object.entries(committed.logs).flatMap(([origin, entry]) =>
        entry.verifierKey === undefined
          ? []
          : [
              {
                origin,
                verifierKey: entry.verifierKey,
                ...(entry.url === undefined ? {} : { url: entry.url }),
              },
            ],
      ),
    pinLog: (log) =>
      update((logs) => {
        const pinned = logs[log.origin]?.verifierKey;
        if (pinned !== undefined && pinned !== log.verifierKey) {
          throw new AppError(
            'witness.log_key_changed',
            `The key of log ${log.origin} changed from the pinned ${pinned} to ${log.verifierKey}`,
          );
        }
        const url = log.url ?? logs[log.origin]?.url;
        return {
          ...logs,
          [log.origin]: {
            ...logs[log.origin],
            verifierKey: log.verifierKey,
            ...(url === undefined ? {} : { url }),
          },
        };
      }),
    close: async () => {
      await queue;
      await release();
    },
  };
};
