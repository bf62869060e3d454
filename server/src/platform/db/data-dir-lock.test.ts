import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

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
});
