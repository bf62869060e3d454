#!/usr/bin/env node
// Runs dependency-cruiser over every source folder and fails when it examined nothing: a checker
// that cruises zero modules (as it does when the parser cannot read TypeScript) proves nothing.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// dependency-cruiser's swc parser reads TypeScript but not TSX, so the React files get a plain
// import scan with the one rule that matters for them: the web talks to the server over HTTP only.
const webBoundary = () => {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(path);
      } else if (/\.(ts|tsx)$/.test(entry.name)) {
        files.push(path);
      }
    }
  };
  walk('web/src');
  const importShape = /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  const bad = [];
  let imports = 0;
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(importShape)) {
      const target = match[1] ?? match[2] ?? '';
      imports += 1;
      const isTest = file.endsWith('.test.ts');
      if (
        /(^|\/)server\//.test(target) ||
        target.startsWith('@tradehub/server') ||
        (!isTest && target.startsWith('node:'))
      ) {
        bad.push(`${file} imports ${target}`);
      }
    }
  }
  return { files: files.length, imports, bad };
};

const web = webBoundary();
for (const line of web.bad) {
  console.error(`error web-talks-http-only: ${line}`);
}
console.log(`web import scan: ${web.files} files, ${web.imports} imports, ${web.bad.length} violations`);
if (web.files === 0 || web.imports === 0) {
  console.error('the web import scan examined nothing');
  process.exit(1);
}

const folders = ['packages/kernel/src', 'packages/verifier/src', 'server/src', 'server/test', 'web/src'];
const result = spawnSync(
  'npx',
  [
    'depcruise',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
    // node_modules stays in the graph (not followed, see doNotFollow) so rules about packages
    // such as "the verifier imports only @noble" can see those edges.
    '--exclude',
    '\\.tsx$|dist',
    ...folders,
  ],
  { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
if (result.stdout.trim() === '') {
  console.error(result.stderr);
  process.exit(1);
}
const report = JSON.parse(result.stdout);
const { totalCruised, violations } = report.summary;
const ours = report.modules.filter((m) => !m.source.includes('node_modules')).length;
for (const v of violations) {
  console.error(`${v.rule.severity} ${v.rule.name}: ${v.from} -> ${v.to}`);
}
console.log(
  `dependency-cruiser: ${ours} project modules (${totalCruised} with dependencies) cruised, ${violations.length} violations`,
);
if (ours < 50) {
  console.error('dependency-cruiser examined too few modules: the parser is not reading the sources');
  process.exit(1);
}
process.exit(violations.length > 0 || web.bad.length > 0 ? 1 : 0);
