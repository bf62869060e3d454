import { AppError } from '../errors.ts';

/** A code list file whose content is not what its format promises; `row` is 1-based, counting the header. */
export function codeListError(list: string, row: number, reason: string): AppError {
  return new AppError('kernel.invalid_code_list', `${list}, row ${row}: ${reason}`, {
    details: { list, row },
  });
}
