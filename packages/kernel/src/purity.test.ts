import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as kernel from './index.ts';

const sourceDir = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(sourceDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .map((file) => ({ file, text: readFileSync(join(sourceDir, file), 'utf8') }));

describe('the kernel stays pure', () => {
  it('examines every source file', () => {
    expect(sources.length).toBeGreaterThanOrEqual(20);
  });

  it.each([
    ['node: imports', /from\s+'node:/],
    ['process', /\bprocess\./],
    ['require', /\brequire\(/],
    ['Buffer', /\bBuffer\b/],
    ['fs', /from\s+'fs'/],
    ['the shared reference directory', /\/work\/shared/],
    ['imports without the .ts extension', /from\s+'\.{1,2}\/[^']*(?<!\.ts)'/],
  ])('uses no %s outside tests', (_, pattern) => {
    expect(sources.filter(({ text }) => pattern.test(text)).map(({ file }) => file)).toEqual([]);
  });

  it('gives every exported declaration a doc comment', () => {
    const exported = sources
      .filter(({ file }) => !file.endsWith('.generated.ts'))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/^(?<before>.*)\n(?:export (?:const|function|class|type) (?<name>\w+))/gm)].map(
          (match) => ({
            name: `${file}: ${match.groups?.name}`,
            documented: /\*\/\s*$/.test(match.groups?.before ?? ''),
          }),
        ),
      );
    expect(exported.length).toBeGreaterThan(80);
    expect(exported.filter(({ documented }) => !documented).map(({ name }) => name)).toEqual([]);
  });

  it('exports every public name from index.ts', () => {
    const values = Object.entries(kernel);
    expect(values.length).toBeGreaterThan(60);
    for (const [name, value] of values) {
      expect(value, name).toBeDefined();
    }
  });
});
