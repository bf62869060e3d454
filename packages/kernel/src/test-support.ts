// Helpers shared by the kernel's tests; not exported from the package.
import { AppError } from './errors.ts';

/** What `run` throws; fails the test when it does not throw. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** The AppError that `run` throws, after checking its code; fails the test otherwise. */
export function thrownAppError(run: () => unknown, code: string): AppError {
  const error = thrown(run);
  if (!(error instanceof AppError) || error.code !== code) {
    throw new Error(`expected AppError ${code}, got ${String(error)}`, { cause: error });
  }
  return error;
}
