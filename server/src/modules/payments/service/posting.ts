import { AppError, canonicalize, newId, sha256 } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import {
  type Account,
  type BalanceDelta,
  callPostMove,
  type Entry,
  findResolutions,
  findTransfers,
  findTransfersByClientIds,
  lockAccounts,
  type Transfer,
  writePostings,
} from '../repository.ts';
import { refused } from './context.ts';

/** A new movement: `single` posts at once, `pending` reserves until post, void or expiry. */
export type MoveSpec = {
  op: 'single' | 'pending';
  clientId: string;
  debitAccountId: string;
  creditAccountId: string;
  amountMinor: bigint;
  currency: string;
  expiresAt?: Date | null;
  reference?: string | null;
  reversesId?: string | null;
  fxQuoteId?: string | null;
  requestHash: Uint8Array;
  /** The use case chose the debit account itself (FX liquidity): skip the caller-owns-it check. */
  debitChosenBySystem?: boolean;
};

/** Resolves a pending transfer: post all or part of it, void it, or expire it. */
export type ResolveSpec = {
  op: 'post' | 'void' | 'expire';
  clientId: string;
  pendingId: string;
  /** Post only: at most the pending amount; the full amount when absent. */
  amountMinor?: bigint;
  reference?: string | null;
  requestHash: Uint8Array;
};

export type Spec = MoveSpec | ResolveSpec;

const isMove = (spec: Spec): spec is MoveSpec => spec.op === 'single' || spec.op === 'pending';

export type Posted = { transfer: Transfer; replayed: boolean };

export type PostingOptions = {
  organisationId: string;
  now: Date;
  batchId?: string | null;
  /** The expiry sweeper acts for the hub: it may resolve any pending transfer. */
  system?: boolean;
  /** Accounts the caller will touch later in the same transaction; locked with the others. */
  alsoLock?: readonly string[];
};

/** SHA-256 of the canonical JSON of what the client asked for: the idempotency fingerprint. */
export const requestHashOf = (request: Record<string, string | number | boolean | null>): Uint8Array =>
  sha256(new TextEncoder().encode(canonicalize(request)));

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

const zero: BalanceDelta = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };

const debitsWithinLimit = (a: Account) =>
  !a.debitsMustNotExceedCredits || a.debitsPending + a.debitsPosted <= a.creditsPosted + a.creditLimitMinor;
const creditsWithinLimit = (a: Account) =>
  !a.creditsMustNotExceedDebits || a.creditsPending + a.creditsPosted <= a.debitsPosted;

const plus = (a: Account, d: BalanceDelta): Account => ({
  ...a,
  debitsPending: a.debitsPending + d.debitsPending,
  debitsPosted: a.debitsPosted + d.debitsPosted,
  creditsPending: a.creditsPending + d.creditsPending,
  creditsPosted: a.creditsPosted + d.creditsPosted,
});

const accountNotFound = (field: string, id: string) =>
  refused('payments.account_not_found', `No account ${id}.`, field);
const transferNotFound = (id: string) => refused('payments.transfer_not_found', `No transfer ${id}.`);

/**
 * Posts `specs` in one database transaction, in this order: look up the pending transfers being
 * resolved, lock every account involved in id order (FOR NO KEY UPDATE), read the idempotency
 * keys and resolutions (now that concurrent writers on these accounts have committed), then check
 * each transfer in turn against the balances the ones before it left, and finally write the
 * transfers, the accounts' new balances and the entries in one statement (writePostings). Any
 * refusal throws, so the caller's transaction rolls back the whole set (a linked batch); the
 * thrown error names the index when there is more than one.
 */
export const postTransfers = async (
  trx: Executor,
  options: PostingOptions,
  specs: readonly Spec[],
): Promise<Posted[]> => {
  const atIndex = <T>(index: number, work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw specs.length > 1 ? inBatch(index, error) : error;
    }
  };
  const seen = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    atIndex(index, () => {
      if (seen.has(spec.clientId)) {
        throw refused('payments.duplicate_id', `The id ${spec.clientId} appears twice in the batch.`, 'id');
      }
      seen.add(spec.clientId);
    });
  }
  const pendingIds = specs.flatMap((spec) => (isMove(spec) ? [] : [spec.pendingId]));
  const pendings = await findTransfers(trx, pendingIds);
  const accountIds = specs.flatMap((spec) => {
    if (isMove(spec)) {
      return [spec.debitAccountId, spec.creditAccountId];
    }
    const pending = pendings.get(spec.pendingId);
    return pending === undefined ? [] : [pending.debitAccountId, pending.creditAccountId];
  });
  const accounts = await lockAccounts(trx, [...accountIds, ...(options.alsoLock ?? [])]);
  const existing = await findTransfersByClientIds(
    trx,
    options.organisationId,
    specs.map((spec) => spec.clientId),
  );
  const resolutions = await findResolutions(trx, pendingIds);

  const results: Posted[] = [];
  const newTransfers: Transfer[] = [];
  const newEntries: Entry[] = [];
  const touched = new Set<string>();
  for (const [index, spec] of specs.entries()) {
    const previous = existing.get(spec.clientId);
    if (previous !== undefined) {
      atIndex(index, () => {
        if (!sameBytes(previous.requestHash, spec.requestHash)) {
          throw refused(
            'payments.idempotency_conflict',
            `Transfer id ${spec.clientId} was used for another request.`,
            'id',
          );
        }
      });
      results.push({ transfer: previous, replayed: true });
      continue;
    }
    const plan = atIndex(index, () =>
      isMove(spec)
        ? planMove(options, accounts, spec)
        : planResolve(options, accounts, pendings, resolutions, spec),
    );
    const transfer: Transfer = {
      id: newId('trf'),
      organisationId: options.organisationId,
      clientId: spec.clientId,
      batchId: options.batchId ?? null,
      requestHash: spec.requestHash,
      createdAt: options.now,
      reference: spec.reference ?? null,
      ...plan.transfer,
    };
    if (transfer.pendingId !== null) {
      resolutions.set(transfer.pendingId, transfer);
    }
    newTransfers.push(transfer);
    for (const side of ['debit', 'credit'] as const) {
      const accountId = side === 'debit' ? transfer.debitAccountId : transfer.creditAccountId;
      const before = accounts.get(accountId);
      if (before === undefined) {
        throw new Error(`postTransfers: account ${accountId} was not locked`);
      }
      const after = {
        ...plus(before, side === 'debit' ? plan.debit : plan.credit),
        version: before.version + 1n,
      };
      accounts.set(accountId, after);
      touched.add(accountId);
      newEntries.push({
        transferId: transfer.id,
        accountId,
        side,
        amountMinor: transfer.amountMinor,
        balanceAfterMinor: after.creditsPosted - after.debitsPosted,
        pendingAfterMinor: after.creditsPending - after.debitsPending,
        accountVersion: after.version,
        createdAt: options.now,
      });
    }
    results.push({ transfer, replayed: false });
  }
  // Everything was decided on the locked snapshot: now one statement writes it all.
  await writePostings(
    trx,
    newTransfers,
    [...touched].map((id) => accounts.get(id) as Account),
    newEntries,
  );
  return results;
};

/** The words posting.ts uses for each refusal post_move answers with (its code and field). */
const moveRefusal = (code: string, field: string | null, spec: MoveSpec): AppError => {
  const on = field ?? undefined;
  switch (code) {
    case 'payments.idempotency_conflict':
      return refused(code, `Transfer id ${spec.clientId} was used for another request.`, on);
    case 'payments.account_not_found':
      return accountNotFound(
        field ?? 'debitAccountId',
        field === 'creditAccountId' ? spec.creditAccountId : spec.debitAccountId,
      );
    case 'payments.same_account':
      return refused(code, 'A transfer debits one account and credits another.', on);
    case 'payments.quote_required':
      return refused(code, 'The accounts hold different currencies: convert through an FX quote.', on);
    case 'payments.currency_mismatch':
      return refused(code, `The accounts do not hold ${spec.currency}.`, on);
    case 'payments.account_closed':
      return refused(code, 'An account of this transfer is closed.');
    case 'payments.exceeds_credit_limit':
      return refused(
        code,
        `Account ${spec.debitAccountId} does not have the funds (or the overdraft) for this debit.`,
        on,
      );
    case 'payments.exceeds_debit_limit':
      return refused(code, `Account ${spec.creditAccountId} may not be credited beyond its debits.`, on);
    default:
      throw new Error(`post_move answered an unknown outcome ${code}`);
  }
};

/**
 * One plain move (a transfer or a reservation between two accounts, the payer's own debit
 * account) in one round trip: `payments.post_move` (migration 0003) applies planMove's rules in
 * the database, in the same lock order. Moves the system makes for others (FX legs, sweeps,
 * reversals) and batches go through postTransfers.
 */
export const postMove = async (trx: Executor, options: PostingOptions, spec: MoveSpec): Promise<Posted> => {
  if (spec.debitChosenBySystem === true || options.system === true || spec.reversesId || spec.fxQuoteId) {
    const [posted] = await postTransfers(trx, options, [spec]);
    if (posted === undefined) {
      throw new Error('postTransfers returned no result');
    }
    return posted;
  }
  const id = newId('trf');
  const answer = await callPostMove(trx, {
    transferId: id,
    organisationId: options.organisationId,
    clientId: spec.clientId,
    debitAccountId: spec.debitAccountId,
    creditAccountId: spec.creditAccountId,
    amountMinor: spec.amountMinor,
    currency: spec.currency,
    kind: spec.op,
    expiresAt: spec.op === 'pending' ? (spec.expiresAt ?? null) : null,
    reference: spec.reference ?? null,
    requestHash: spec.requestHash,
    now: options.now,
  });
  if (answer.outcome === 'replayed') {
    const [previous] = (await findTransfers(trx, [answer.transferId ?? ''])).values();
    if (previous === undefined) {
      throw new Error(`post_move replayed a transfer it cannot find: ${answer.transferId}`);
    }
    return { transfer: previous, replayed: true };
  }
  if (answer.outcome !== 'posted') {
    throw moveRefusal(answer.outcome, answer.field, spec);
  }
  return {
    transfer: {
      id,
      organisationId: options.organisationId,
      clientId: spec.clientId,
      debitAccountId: spec.debitAccountId,
      creditAccountId: spec.creditAccountId,
      amountMinor: spec.amountMinor,
      currency: spec.currency,
      kind: spec.op,
      pendingId: null,
      expiresAt: spec.op === 'pending' ? (spec.expiresAt ?? null) : null,
      batchId: null,
      reversesId: null,
      fxQuoteId: null,
      reference: spec.reference ?? null,
      requestHash: spec.requestHash,
      createdAt: options.now,
    },
    replayed: false,
  };
};

type Plan = {
  transfer: Pick<
    Transfer,
    | 'debitAccountId'
    | 'creditAccountId'
    | 'amountMinor'
    | 'currency'
    | 'kind'
    | 'pendingId'
    | 'expiresAt'
    | 'reversesId'
    | 'fxQuoteId'
  >;
  debit: BalanceDelta;
  credit: BalanceDelta;
};

const checkLimits = (debit: Account, credit: Account) => {
  if (!debitsWithinLimit(debit)) {
    throw refused(
      'payments.exceeds_credit_limit',
      `Account ${debit.id} does not have the funds (or the overdraft) for this debit.`,
      'amount',
    );
  }
  if (!creditsWithinLimit(credit)) {
    throw refused(
      'payments.exceeds_debit_limit',
      `Account ${credit.id} may not be credited beyond its debits.`,
      'amount',
    );
  }
};

const planMove = (options: PostingOptions, accounts: Map<string, Account>, spec: MoveSpec): Plan => {
  const debit = accounts.get(spec.debitAccountId);
  if (
    debit === undefined ||
    (!spec.debitChosenBySystem && options.system !== true && debit.organisationId !== options.organisationId)
  ) {
    throw accountNotFound('debitAccountId', spec.debitAccountId);
  }
  const credit = accounts.get(spec.creditAccountId);
  if (credit === undefined) {
    throw accountNotFound('creditAccountId', spec.creditAccountId);
  }
  if (debit.id === credit.id) {
    throw refused(
      'payments.same_account',
      'A transfer debits one account and credits another.',
      'creditAccountId',
    );
  }
  if (debit.currency !== credit.currency) {
    throw refused(
      'payments.quote_required',
      `The accounts hold ${debit.currency} and ${credit.currency}: convert through an FX quote.`,
      'creditAccountId',
    );
  }
  if (spec.currency !== debit.currency) {
    throw refused(
      'payments.currency_mismatch',
      `The accounts hold ${debit.currency}, not ${spec.currency}.`,
      'currency',
    );
  }
  for (const account of [debit, credit]) {
    if (account.closed) {
      throw refused('payments.account_closed', `Account ${account.id} is closed.`);
    }
  }
  const amount = spec.amountMinor;
  const debitDelta =
    spec.op === 'single' ? { ...zero, debitsPosted: amount } : { ...zero, debitsPending: amount };
  const creditDelta =
    spec.op === 'single' ? { ...zero, creditsPosted: amount } : { ...zero, creditsPending: amount };
  checkLimits(plus(debit, debitDelta), plus(credit, creditDelta));
  return {
    transfer: {
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amountMinor: amount,
      currency: debit.currency,
      kind: spec.op,
      pendingId: null,
      expiresAt: spec.op === 'pending' ? (spec.expiresAt ?? null) : null,
      reversesId: spec.reversesId ?? null,
      fxQuoteId: spec.fxQuoteId ?? null,
    },
    debit: debitDelta,
    credit: creditDelta,
  };
};

const planResolve = (
  options: PostingOptions,
  accounts: Map<string, Account>,
  pendings: Map<string, Transfer>,
  resolutions: Map<string, Transfer>,
  spec: ResolveSpec,
): Plan => {
  const pending = pendings.get(spec.pendingId);
  const debit = pending === undefined ? undefined : accounts.get(pending.debitAccountId);
  const credit = pending === undefined ? undefined : accounts.get(pending.creditAccountId);
  if (pending === undefined || debit === undefined || credit === undefined) {
    throw transferNotFound(spec.pendingId);
  }
  // The payer posts; either side may call it off. Anyone else is told the transfer does not exist.
  const mayAct =
    options.system === true ||
    debit.organisationId === options.organisationId ||
    (spec.op === 'void' && credit.organisationId === options.organisationId);
  const mayRead =
    debit.organisationId === options.organisationId || credit.organisationId === options.organisationId;
  if (!mayAct) {
    throw mayRead
      ? new AppError('http.forbidden', 'Only the payer posts a pending transfer.')
      : transferNotFound(spec.pendingId);
  }
  if (pending.kind !== 'pending') {
    throw refused('payments.not_pending', `Transfer ${pending.id} is not a pending transfer.`);
  }
  const resolution = resolutions.get(pending.id);
  if (resolution !== undefined) {
    throw resolution.kind === 'expire'
      ? refused('payments.pending_expired', `Pending transfer ${pending.id} expired.`)
      : refused(
          'payments.pending_already_resolved',
          `Pending transfer ${pending.id} was already ${resolution.kind}ed.`,
          undefined,
          {
            resolvedBy: resolution.id,
          },
        );
  }
  if (spec.op !== 'expire' && pending.expiresAt !== null && pending.expiresAt <= options.now) {
    throw refused('payments.pending_expired', `Pending transfer ${pending.id} expired.`);
  }
  const reserved = pending.amountMinor;
  const posted = spec.op === 'post' ? (spec.amountMinor ?? reserved) : 0n;
  if (posted > reserved) {
    throw refused(
      'payments.exceeds_pending_amount',
      `At most ${reserved} minor units are reserved.`,
      'amount',
    );
  }
  if (spec.op === 'post' && (debit.closed || credit.closed)) {
    throw refused('payments.account_closed', 'An account of this transfer is closed.');
  }
  const debitDelta = { ...zero, debitsPending: -reserved, debitsPosted: posted };
  const creditDelta = { ...zero, creditsPending: -reserved, creditsPosted: posted };
  checkLimits(plus(debit, debitDelta), plus(credit, creditDelta));
  return {
    transfer: {
      debitAccountId: debit.id,
      creditAccountId: credit.id,
      amountMinor: spec.op === 'post' ? posted : reserved,
      currency: pending.currency,
      kind: spec.op,
      pendingId: pending.id,
      expiresAt: null,
      reversesId: null,
      fxQuoteId: null,
    },
    debit: debitDelta,
    credit: creditDelta,
  };
};

/** A refusal inside a linked batch: the same code, naming the index of the transfer that failed. */
export const inBatch = (index: number, error: unknown): unknown => {
  if (!(error instanceof AppError)) {
    return error;
  }
  const field = `transfers.${index}`;
  return new AppError(error.code, `Transfer ${index} of the batch: ${error.message}`, {
    details: { ...error.details, index },
    fieldErrors: (error.fieldErrors !== undefined && error.fieldErrors.length > 0
      ? error.fieldErrors
      : [{ field: '', code: error.code, message: error.message }]
    ).map((fieldError) => ({
      ...fieldError,
      field: fieldError.field === '' ? field : `${field}.${fieldError.field}`,
    })),
  });
};

/**
 * The database's own refusals, in words: the CHECK constraints on balances (a bug upstream, or a
 * limit lowered meanwhile) and the unique indexes that make ids, resolutions and reversals unique.
 */
export const rethrowLedgerConstraint = (error: unknown): never => {
  const pg = error as { code?: string; constraint?: string; message?: string };
  const text = `${pg.constraint ?? ''} ${pg.message ?? ''}`;
  if (pg.code === '23514' && text.includes('accounts_debits_within_limit')) {
    throw refused('payments.exceeds_credit_limit', 'The debit would exceed the account limit.', 'amount');
  }
  if (pg.code === '23514' && text.includes('accounts_credits_within_limit')) {
    throw refused('payments.exceeds_debit_limit', 'The credit would exceed the account limit.', 'amount');
  }
  // numeric_value_out_of_range: a balance or total would pass what a bigint holds. Amounts are
  // bounded one by one; their sum on an account is only bounded here.
  if (pg.code === '22003') {
    throw refused(
      'payments.balance_out_of_range',
      "The amount would take a balance beyond the ledger's range.",
      'amount',
    );
  }
  if (pg.code === '23505' && text.includes('transfers_resolve_once')) {
    throw refused('payments.pending_already_resolved', 'The pending transfer was already resolved.');
  }
  if (pg.code === '23505' && text.includes('transfers_reverse_once')) {
    throw refused('payments.already_reversed', 'The transfer was already reversed.');
  }
  if (pg.code === '23505' && text.includes('client_id')) {
    throw refused(
      'payments.idempotency_conflict',
      'This transfer id was just used by another request.',
      'id',
    );
  }
  throw error;
};
