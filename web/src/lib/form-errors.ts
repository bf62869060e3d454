import type { FormInstance } from 'antd';
import { isApiError, type ProblemFieldError } from '../api/client.ts';

/** `address.city`, `/address/city` → ['address', 'city'] (antd name paths). */
export const fieldPath = (field: string): string[] => field.split(/[./]/).filter((part) => part.length > 0);

/**
 * Puts the field errors of a 400 problem on the form fields they name and returns the ones no
 * field on this form displays, so the page can list them instead of dropping them.
 */
export const applyFieldErrors = (
  form: FormInstance,
  error: unknown,
  formFields: readonly string[],
  translate: (code: string, message: string) => string,
): ProblemFieldError[] => {
  if (!isApiError(error)) {
    return [];
  }
  const unmatched: ProblemFieldError[] = [];
  const fields: { name: string[]; errors: string[] }[] = [];
  for (const item of error.errors) {
    const path = fieldPath(item.field);
    if (formFields.includes(path.join('.'))) {
      fields.push({ name: path, errors: [translate(item.code, item.message)] });
    } else {
      unmatched.push(item);
    }
  }
  form.setFields(fields);
  return unmatched;
};
