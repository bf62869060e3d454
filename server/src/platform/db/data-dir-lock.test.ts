import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir, openCommandDatabase } from './data-dir-lock.ts';

describe('data directory lock', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradehub-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a directory held by another live process and names it', async () => {
    const dir = newDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      writeFileSync(join(dir, 'tradehub.lock'), String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(`pid ${other.pid}`);
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose process is gone, and releases it', () => {
    const dir = newDir();
    writeFileSync(join(dir, 'tradehub.lock'), '999999999');
    const release = lockDataDir(dir);
    expect(existsSync(join(dir, 'tradehub.lock'))).toBe(true);
    release();
    expect(existsSync(join(dir, 'tradehub.lock'))).toBe(false);
  });

  it('holds the lock while a command database is open and gives it back when it closes', async () => {
    const dir = newDir();
    const lockFile = join(dir, 'tradehub.lock');
    const exitListeners = process.listenerCount('exit');
    for (let command = 1; command <= 2; command += 1) {
      const db = await openCommandDatabase({ dataDir: dir });
      expect(existsSync(lockFile), `command ${command} holds the lock`).toBe(true);
      await db.ping();
      await db.close();
      expect(existsSync(lockFile), `command ${command} gave the lock back`).toBe(false);
    }
    // A process running many commands (tests, a hub after a migration) gathers no listeners.
    expect(process.listenerCount('exit')).toBe(exitListeners);
  }, 60_000);
});
