import { AppError, type FieldError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';

type AddressInput = {
  street?: string | null | undefined;
  city?: string | null | undefined;
  postcode?: string | null | undefined;
  unlocode?: string | null | undefined;
};

/** Columns of an address patch, with the UN/LOCODE checked against the loaded code list. */
export const addressColumns = (deps: IdentityDeps, address: AddressInput | undefined) => {
  if (address === undefined) {
    return {};
  }
  const columns: Record<string, string | null> = {};
  if (address.street !== undefined) {
    columns.address_street = address.street;
  }
  if (address.city !== undefined) {
    columns.address_city = address.city;
  }
  if (address.postcode !== undefined) {
    columns.address_postcode = address.postcode;
  }
  if (address.unlocode !== undefined) {
    columns.address_unlocode = address.unlocode;
    columns.unlocode_status = address.unlocode === null ? null : unlocodeStatus(deps, address.unlocode);
  }
  return columns;
};

const unlocodeStatus = (deps: IdentityDeps, code: string): 'verified' | 'unverified' => {
  const status = deps.checkUnlocode(code);
  if (status === 'invalid') {
    throw new AppError('http.validation_failed', `UN/LOCODE ${code} is not in the code list.`, {
      fieldErrors: [
        {
          field: 'address.unlocode',
          code: 'kernel.unknown_code',
          message: `${code} is not a known UN/LOCODE`,
        },
      ],
    });
  }
  return status;
};

// The unique indexes on USCC and LEI are the real guard (two requests may race); this turns their
// violation into a 409 that names the field.
export const rethrowIdentifierConflict = (error: unknown): never => {
  const pgError = error as { code?: string; constraint?: string; message?: string };
  if (pgError.code === '23505') {
    const text = `${pgError.constraint ?? ''} ${pgError.message ?? ''}`;
    const field = text.includes('lei') ? 'lei' : text.includes('uscc') ? 'uscc' : undefined;
    if (field !== undefined) {
      const fieldErrors: FieldError[] = [
        { field, code: 'identity.identifier_taken', message: 'another organisation is registered with it' },
      ];
      throw new AppError('identity.identifier_taken', `Another organisation already has this ${field}.`, {
        fieldErrors,
      });
    }
  }
  throw error;
};
