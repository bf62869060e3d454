#!/usr/bin/env node
// Lists the test files that can reach a database: those whose relative imports lead, directly or
// through other files, to server/test/support/test-db.ts (the only way a test opens one). CI runs
// these again on PostgreSQL; the rest is pure code that answers the same on either engine. Read
// from the imports rather than recorded while the tests run, so that a file skipped on PGlite (a
// PostgreSQL-only check) is still listed, and Vitest may share modules between files.
//
// Prints one path per line (relative to the repository) and, on stderr, how many files it read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const gateway = join(root, 'server/test/support/test-db.ts');
const roots = ['server', 'packages', 'web'].map((dir) => join(root, dir));

const testFiles = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) {
      continue;
    }
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
    } else if (name.endsWith('.test.ts') && !name.endsWith('.interop.test.ts')) {
      testFiles.push(path);
    }
  }
};
for (const dir of roots) {
  walk(dir);
}

// Static `import … from './x.ts'`, `export … from './x.ts'`, side-effect `import './x.ts'` and
// dynamic `import('./x.ts')` with a literal: the forms the code base uses for relative modules.
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

const reaches = new Map();
let filesRead = 0;

const reachesDatabase = (file, visiting = new Set()) => {
  if (file === gateway) {
    return true;
  }
  const known = reaches.get(file);
  if (known !== undefined) {
    return known;
  }
  if (visiting.has(file)) {
    return false;
  }
  visiting.add(file);
  let source;
  try {
    source = readFileSync(file, 'utf8');
    filesRead += 1;
  } catch {
    reaches.set(file, false);
    return false;
  }
  let found = false;
  for (const match of source.matchAll(IMPORT)) {
    if (reachesDatabase(resolve(dirname(file), match[1]), visiting)) {
      found = true;
      break;
    }
  }
  visiting.delete(file);
  reaches.set(file, found);
  return found;
};

const listed = testFiles.filter((file) => reachesDatabase(file)).map((file) => relative(root, file));
listed.sort();
process.stdout.write(listed.map((file) => `${file}\n`).join(''));
process.stderr.write(
  `database test files: ${listed.length} of ${testFiles.length} test files reach ${relative(root, gateway)} (${filesRead} files read)\n`,
);
if (testFiles.length === 0 || listed.length === 0) {
  process.exit(1);
}
