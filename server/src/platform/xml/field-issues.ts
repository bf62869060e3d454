import { AppError, type FieldError } from '@tradehub/kernel';
import type { XmlElement } from './xml-reader.ts';

/**
 * Collects the field errors of a file being read (or a message being built), each pointing at
 * the XML line it comes from, so a refusal names every problem at once and where it is.
 */
export class FieldIssues {
  readonly errors: FieldError[] = [];

  add(field: string, code: string, message: string, at?: XmlElement): void {
    this.errors.push({
      field,
      code,
      message: at === undefined ? message : `XML line ${at.line}: ${message}`,
    });
  }

  /** The AppError to throw when any error was collected. */
  failure(what: string): AppError | undefined {
    return this.errors.length === 0
      ? undefined
      : new AppError('http.validation_failed', `The ${what} was refused`, { fieldErrors: this.errors });
  }

  /** Throws the failure, when there is one. */
  throwIfAny(what: string): void {
    const failure = this.failure(what);
    if (failure !== undefined) {
      throw failure;
    }
  }
}

/** Trimmed text of an element, or undefined when it is absent or blank. */
export const textOf = (element: XmlElement | undefined): string | undefined => {
  const text = element?.text.trim();
  return text === undefined || text === '' ? undefined : text;
};
