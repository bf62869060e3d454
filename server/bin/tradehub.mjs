#!/usr/bin/env node
// The CLI is TypeScript run through tsx's loader, so `npx tradehub` works from a fresh clone
// without a build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli.ts');
const code = await runCli(process.argv);
if (process.argv[2] !== 'start' || code !== 0) {
  process.exit(code);
}
