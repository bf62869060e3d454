import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@tradehub/kernel';
import { type Database, openDatabase } from './database.ts';

/** True when a process with this pid exists (ours or another user's). */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: string }).code === 'EPERM';
  }
};

/**
 * PGlite does not lock its data directory, and two processes writing one directory corrupt it.
 * This lock file makes a second `tradehub` command on the same directory stop with a message
 * instead. A lock left by a crashed process (its pid is gone) is taken over.
 */
export const lockDataDir = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'tradehub.lock');
  if (existsSync(file)) {
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isProcessAlive(holder)) {
      throw new AppError(
        'db.data_dir_locked',
        `Another tradehub process (pid ${holder}) is using ${dataDir}; stop it first, or set TRADEHUB_DATA_DIR.`,
      );
    }
  }
  writeFileSync(file, String(process.pid));
  const release = () => {
    process.off('exit', release);
    if (existsSync(file) && readFileSync(file, 'utf8') === String(process.pid)) {
      rmSync(file, { force: true });
    }
  };
  process.once('exit', release);

  return release;
};

/**
 * The database a command works on, locked for this process when it is a PGlite data directory;
 * closing it gives the directory back, so a process that runs several commands (or a command and
 * then a server) does not lock itself out.
 */
export const openCommandDatabase = async (target: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> => {
  if (target.databaseUrl !== undefined) {
    return openDatabase({ databaseUrl: target.databaseUrl });
  }
  const release = lockDataDir(target.dataDir);
  try {
    const db = await openDatabase({ dataDir: target.dataDir });
    return {
      ...db,
      close: async () => {
        try {
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
};
