import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationSources } from '../../migration-sources.ts';
import { MigrationError } from './errors.ts';
import { loadMigrations } from './migrate.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'tradehub-migrations-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const folder = async (name: string, files: Record<string, string>): Promise<string> => {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    await writeFile(join(dir, file), text);
  }
  return dir;
};

describe('loadMigrations', () => {
  it('orders by source, then by number, and fingerprints each file', async () => {
    const alpha = await folder('alpha', {
      '0002_second.sql': 'select 2;',
      '0010_tenth.sql': 'select 10;',
      '0001_first.sql': 'select 1;',
      'README.md': 'not a migration',
    });
    const beta = await folder('beta', { '0001_only.sql': 'select 1;' });
    const migrations = await loadMigrations([
      { module: 'beta', dir: beta },
      { module: 'alpha', dir: alpha },
    ]);
    expect(migrations.map((m) => `${m.module}/${m.number}/${m.name}`)).toEqual([
      'beta/1/only',
      'alpha/1/first',
      'alpha/2/second',
      'alpha/10/tenth',
    ]);
    const first = migrations[1];
    expect(first?.file).toBe(join(alpha, '0001_first.sql'));
    expect(first?.sql).toBe('select 1;');
    expect(first?.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Same text, same fingerprint, whatever the module.
    expect(first?.sha256).toBe(migrations[0]?.sha256);
  });

  it('gives a CRLF checkout the fingerprint of the LF file', async () => {
    const lf = await folder('lf', { '0001_a.sql': 'select 1;\nselect 2;\n' });
    const crlf = await folder('crlf', { '0001_a.sql': 'select 1;\r\nselect 2;\r\n' });
    const [fromLf, fromCrlf] = await loadMigrations([
      { module: 'lf', dir: lf },
      { module: 'crlf', dir: crlf },
    ]);
    expect(fromCrlf?.sha256).toBe(fromLf?.sha256);
  });

  it('accepts a missing or empty folder', async () => {
    const empty = await folder('empty', {});
    await expect(
      loadMigrations([
        { module: 'gone', dir: join(root, 'does-not-exist') },
        { module: 'empty', dir: empty },
      ]),
    ).resolves.toEqual([]);
  });

  it.each(['1_short.sql', '0001-dash.sql', '0001_Upper.sql', '0000_zero.sql', 'create_things.sql'])(
    'rejects the badly named file %s, naming it',
    async (fileName) => {
      const dir = await folder('bad', { [fileName]: 'select 1;' });
      const failure = loadMigrations([{ module: 'bad', dir }]);
      await expect(failure).rejects.toBeInstanceOf(MigrationError);
      await expect(failure).rejects.toThrow(join(dir, fileName));
      await expect(failure).rejects.toMatchObject({ code: 'db.migration_invalid' });
    },
  );

  it('rejects two files with one number, naming both', async () => {
    const dir = await folder('twins', { '0001_one.sql': 'select 1;', '0001_other.sql': 'select 1;' });
    const failure = loadMigrations([{ module: 'twins', dir }]);
    await expect(failure).rejects.toThrow(join(dir, '0001_one.sql'));
    await expect(failure).rejects.toThrow(join(dir, '0001_other.sql'));
  });

  it('rejects two sources with one module name', async () => {
    const dir = await folder('a', {});
    await expect(
      loadMigrations([
        { module: 'same', dir },
        { module: 'same', dir },
      ]),
    ).rejects.toMatchObject({ code: 'db.migration_invalid' });
  });

  it('reads the real sources, platform first', async () => {
    const migrations = await loadMigrations(migrationSources);
    expect(migrations[0]).toMatchObject({ module: 'events', number: 1, name: 'outbox' });
    const kinds = migrationSources.map((source) =>
      source.dir.includes('/platform/') ? 'platform' : 'module',
    );
    expect(kinds).toEqual([...kinds].sort((a, b) => (a === b ? 0 : a === 'platform' ? -1 : 1)));
  });
});
