import { AppError, newId, validateEmail } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { identityEvents } from '../events.ts';
import { findUserByEmail, identityTables } from '../repository.ts';

export type CreateUserInput = {
  email: string;
  displayName: string;
  password: string;
  locale?: 'zh-CN' | 'en' | null;
};

export const passwordLengthMin = 10;

const emailTaken = () =>
  new AppError('identity.email_taken', 'An account with this e-mail already exists.', {
    fieldErrors: [{ field: 'email', code: 'identity.email_taken', message: 'already registered' }],
  });

/** Registers a person inside the caller's transaction. Duplicate e-mail gives 409. */
export const createUser = async (deps: IdentityDeps, trx: Transaction<object>, input: CreateUserInput) => {
  const email = validateEmail(input.email);
  if (!email.ok) {
    throw new AppError('http.validation_failed', 'The e-mail address is not valid.', {
      fieldErrors: [{ field: 'email', code: email.code, message: email.message }],
    });
  }
  if (input.password.length < passwordLengthMin) {
    throw new AppError('http.validation_failed', 'The password is too short.', {
      fieldErrors: [
        { field: 'password', code: 'kernel.too_short', message: `at least ${passwordLengthMin} characters` },
      ],
    });
  }
  if ((await findUserByEmail(trx, email.value)) !== undefined) {
    throw emailTaken();
  }
  const id = newId('usr');
  const row = await identityTables(trx)
    .insertInto('identity.users')
    .values({
      id,
      email: email.value,
      display_name: input.displayName.trim(),
      password_hash: await deps.passwords.hash(input.password),
      locale: input.locale ?? null,
      disabled_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch((error: unknown) => {
      // Two sign-ups for one address can both pass the check above; the unique index decides,
      // and the loser gets the same 409 as a sequential duplicate.
      throw (error as { code?: unknown }).code === '23505' ? emailTaken() : error;
    });
  await publishEvent(trx, {
    topic: identityEvents.userRegistered,
    organisationId: null,
    payload: { userId: id },
  });

  return row;
};
