#!/usr/bin/env node
// `npm start`: builds the web bundle when it is missing or older than its sources, then starts the
// hub. A newcomer needs no other command.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'web', 'dist', 'index.html');
const sources = [
  join(root, 'web', 'src'),
  join(root, 'web', 'index.html'),
  join(root, 'web', 'vite.config.ts'),
  join(root, 'packages', 'kernel', 'src'),
];

const newestMtime = (path) => {
  if (!existsSync(path)) {
    return 0;
  }
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
};

const bundleIsCurrent = () =>
  existsSync(bundle) && statSync(bundle).mtimeMs >= Math.max(...sources.map(newestMtime));

if (!bundleIsCurrent()) {
  console.log('Building the web interface (first start, or its sources changed)...');
  const build = spawnSync('npm', ['run', 'build', '-w', '@tradehub/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('The web build failed; see the output above.');
    process.exit(build.status ?? 1);
  }
}

process.argv = [process.argv[0] ?? 'node', 'tradehub', 'start', ...process.argv.slice(2)];
await import('../server/bin/tradehub.mjs');
