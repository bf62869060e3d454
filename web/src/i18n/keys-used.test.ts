import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from './en.json';
import zhCN from './zh-CN.json';

const srcDir = fileURLToPath(new URL('..', import.meta.url));

// Literal keys: t('a.b'), t("a.b") and the `labelKey: 'a.b'` / `descriptionKey: 'a.b'` entries of
// configuration objects (navigation) that are passed to t() later.
const KEY_PATTERNS = [/\bt\(\s*(['"])([^'"`$]+)\1/g, /\b\w+Key:\s*(['"])([^'"`$]+)\1/g];

const sourceFiles = (): string[] =>
  readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => join(srcDir, file));

const resolves = (tree: unknown, key: string): boolean => {
  let node: unknown = tree;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) {
      return false;
    }
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' && node.trim() !== '';
};

describe('translation keys used in the source', () => {
  it('exist in both languages', () => {
    const files = sourceFiles();
    const usages: { file: string; key: string }[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of KEY_PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          const key = match[2];
          if (key) {
            usages.push({ file: relative(srcDir, file), key });
          }
        }
      }
    }
    const tsxFiles = files.filter((file) => file.endsWith('.tsx')).length;
    console.info(
      `i18n: checked ${usages.length} literal key usages (${new Set(usages.map((u) => u.key)).size} distinct) in ${files.length} files (${tsxFiles} .tsx)`,
    );
    // A scan that finds nothing proves nothing (a moved folder, a changed call style).
    expect(tsxFiles).toBeGreaterThan(0);
    expect(usages.length).toBeGreaterThan(0);

    const missing = usages
      .flatMap(({ file, key }) => [
        resolves(zhCN, key) ? null : `${file}: ${key} (zh-CN)`,
        resolves(en, key) ? null : `${file}: ${key} (en)`,
      ])
      .filter((item): item is string => item !== null);
    expect(missing).toEqual([]);
  });
});
