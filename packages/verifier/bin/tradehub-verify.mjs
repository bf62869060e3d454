#!/usr/bin/env node
// tradehub-verify: verifies a tradehub document offline (see the package README). This file only
// gives the CLI (src/cli.ts) Node's file system, zlib and fetch. Inside the tradehub repository it
// runs the TypeScript source through tsx, so it is never stale; an installed package runs the
// self-contained build in dist/ (npm run build), which needs nothing but Node 20.
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { constants, inflateSync } from 'node:zlib';

const source = new URL('../src/cli.ts', import.meta.url);
const built = new URL('../dist/cli.mjs', import.meta.url);
const FETCH_TIMEOUT_MS = 15_000;

async function loadCli() {
  if (process.env.TRADEHUB_VERIFY_BUILT !== '1' && existsSync(source)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(source.href);
    } catch (error) {
      if (!existsSync(built)) {
        throw error;
      }
    }
  }
  return import(built.href);
}

const io = {
  async readFile(path, maxBytes) {
    const { size } = await stat(path);
    if (size > maxBytes) {
      throw new Error(`larger than ${maxBytes} bytes`);
    }
    return new Uint8Array(await readFile(path));
  },
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }),
  inflate(data, maxBytes) {
    try {
      // Z_SYNC_FLUSH reads streams whose writer left out the zlib trailer, as many PDF tools do.
      return new Uint8Array(
        inflateSync(data, { maxOutputLength: maxBytes, finishFlush: constants.Z_SYNC_FLUSH }),
      );
    } catch {
      return undefined;
    }
  },
};

try {
  const { runCli } = await loadCli();
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (error) {
  process.stderr.write(`tradehub-verify: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
