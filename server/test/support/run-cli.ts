import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { runCli } from '../../src/cli.ts';

/** The installed program; tests that need a process of its own (signals, exit codes) spawn it. */
export const cliBin = fileURLToPath(new URL('../../bin/tradehub.mjs', import.meta.url));

export type CliResult = { code: number; out: string; err: string };

const replaceEnvironment = (next: NodeJS.ProcessEnv) => {
  for (const name of Object.keys(process.env)) {
    delete process.env[name];
  }
  Object.assign(process.env, next);
};

/**
 * Runs one `tradehub` command through the entry point the program itself calls (`runCli`, whose
 * result the bin exits with), in this process: the command sees exactly `env` as its environment,
 * and what it writes to stdout and stderr is captured. Starting the program loads the whole hub,
 * seconds per process, which is why most command tests run here and only a few spawn the bin.
 * Commands run one at a time (the environment and the streams are the process's).
 */
export const runCliInProcess = async (
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<CliResult> => {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(capture(out));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(capture(err));
  replaceEnvironment(env);
  try {
    const code = await runCli([process.execPath, cliBin, ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    replaceEnvironment(saved);
  }
};
