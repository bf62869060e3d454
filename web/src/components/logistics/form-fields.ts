import type { FormInstance } from 'antd';
import { isApiError, type ProblemFieldError } from '../../api/client.ts';
import { fieldPath } from '../../lib/form-errors.ts';

// Field paths of the rows a form list holds now (`legs.0.origin`, `legs.1.origin`…), so the server's
// field errors on a list row land on the right input instead of a general alert.

export const listFieldPaths = (
  values: Record<string, unknown>,
  lists: Readonly<Record<string, readonly string[]>>,
): string[] =>
  Object.entries(lists).flatMap(([list, fields]) => {
    const rows = values[list];
    const count = Array.isArray(rows) ? rows.length : 0;
    return Array.from({ length: count }, (_, index) =>
      fields.map((field) => `${list}.${index}.${field}`),
    ).flat();
  });

/**
 * `containers.0.number` as the name path antd gives a form-list field: ['containers', 0, 'number'].
 * antd compares name parts strictly, so the row index must be a number, not the string "0".
 */
export const namePathOf = (field: string): (string | number)[] =>
  fieldPath(field).map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/**
 * applyFieldErrors (lib/form-errors.ts) for forms with lists: puts each field error of a problem
 * on the field it names, list rows included, and returns the ones no field on the form shows.
 */
export const applyListFieldErrors = (
  form: FormInstance,
  error: unknown,
  formFields: readonly string[],
  translate: (code: string, message: string) => string,
): ProblemFieldError[] => {
  if (!isApiError(error)) {
    return [];
  }
  const unmatched: ProblemFieldError[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const item of error.errors) {
    if (formFields.includes(fieldPath(item.field).join('.'))) {
      fields.push({ name: namePathOf(item.field), errors: [translate(item.code, item.message)] });
    } else {
      unmatched.push(item);
    }
  }
  form.setFields(fields);
  return unmatched;
};
