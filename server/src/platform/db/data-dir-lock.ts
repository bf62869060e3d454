import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@tradehub/kernel';

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
    if (existsSync(file) && readFileSync(file, 'utf8') === String(process.pid)) {
      rmSync(file, { force: true });
    }
  };
  process.once('exit', release);

  return release;
};
