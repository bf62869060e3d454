#!/usr/bin/env node
// Greps the logs of the whole server test run for secrets: every token, key and password the tests
// saw (they record them in .test-logs/secrets-*.txt) and the shapes below. `npm test` runs it after
// Vitest; it fails when it finds a leak, and also when it had nothing to examine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const logDir = fileURLToPath(new URL('../.test-logs/', import.meta.url));

const forbiddenShapes = [
  ['API key', /thk_[0-9a-z]{26}_[A-Za-z0-9_-]{43}/],
  ['session cookie', /th_session=[A-Za-z0-9_-]{20,}/],
  // Not the fraction of a float (Fastify logs responseTime as 0.051514000000679516).
  ['resident ID number', /(?<![\d.])\d{17}[\dX](?![\dA-Za-z])/],
  ['password field', /"password"\s*:\s*"(?!\[redacted\])/],
  ['authorization header', /"authorization"\s*:\s*"(?!\[redacted\])/],
];
const fixedSecrets = ['correct horse battery staple', 'tradehub-demo-2026'];

const fail = (message) => {
  console.error(`log audit: ${message}`);
  process.exit(1);
};

if (!existsSync(logDir)) {
  fail('no .test-logs directory: run the server tests first');
}
const files = readdirSync(logDir);
const secrets = files
  .filter((f) => f.startsWith('secrets-'))
  .flatMap((f) => readFileSync(join(logDir, f), 'utf8').split('\n'))
  .filter((s) => s.length > 0);
const logs = files.filter((f) => f.endsWith('.log'));
let lines = 0;
const leaks = [];
for (const file of logs) {
  const text = readFileSync(join(logDir, file), 'utf8');
  lines += text.split('\n').length - 1;
  for (const secret of [...secrets, ...fixedSecrets]) {
    if (text.includes(secret)) {
      leaks.push(`${file}: a secret the tests used (${secret.slice(0, 6)}…)`);
    }
  }
  for (const [label, shape] of forbiddenShapes) {
    if (shape.test(text)) {
      leaks.push(`${file}: ${label}`);
    }
  }
}
if (lines === 0 || secrets.length === 0) {
  fail(`examined ${lines} log lines against ${secrets.length} recorded secrets: nothing to prove`);
}
if (leaks.length > 0) {
  fail(`secrets found in logs:\n${leaks.join('\n')}`);
}
console.log(
  `log audit: ${lines} log lines in ${logs.length} files, ${secrets.length + fixedSecrets.length} secrets and ${forbiddenShapes.length} shapes: no leak`,
);
