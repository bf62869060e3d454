// What every benchmark's command line shares: exit codes, output, and option checks.

export const exitOk = 0;
export const exitFailure = 1;
export const exitUsage = 2;

/** Figures go to stdout; progress and notes to stderr, so a redirected report stays clean. */
export const say = (line) => process.stdout.write(`${line}\n`);
export const note = (line) => process.stderr.write(`${line}\n`);

/** A wrong command line: the benchmark prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** The option's value as a positive whole number, `fallback` when it was not given. */
export const positiveInt = (name, text, fallback) => {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(`--${name} must be a positive whole number, not ${JSON.stringify(text)}`);
  }
  return value;
};
