import { randomUUID } from 'node:crypto';
import { AppError, canonicalize, newId } from '@tradehub/kernel';
import type { PaymentsDeps } from '../deps.ts';
import { parseAmountMinor, parseCurrency } from '../domain/amount.ts';
import { findAccount, findAccountByCode, insertAccount } from '../repository.ts';
import { refused, type WriteContext } from '../service/context.ts';
import { postTransfers, requestHashOf, rethrowLedgerConstraint } from '../service/posting.ts';
import { isRailAccount, RAIL_ACCOUNT_CODE_PREFIX, RAIL_ACCOUNT_PREFIX } from './guard.ts';
import { type OutboundRecord, railsSettingsOf } from './outbound-json.ts';
import { rails, routeOf } from './rails.ts';
import {
  findOutboundPaymentByClientId,
  insertOutboundEvent,
  insertOutboundPayment,
  listOutboundEvents,
  type OutboundPayment,
} from './repository.ts';
import { submitOutboundPayment } from './submit-outbound-payment.ts';
import type { Beneficiary, Debtor, RailId } from './types.ts';

export type OutboundInput = {
  /** The client's id for the payment: its idempotency key within the organisation. */
  id: string;
  rail: RailId;
  debitAccountId: string;
  amount: string;
  currency: string;
  debtor: Debtor;
  beneficiary: Beneficiary;
  remittanceInformation?: string;
  purposeCode?: string;
};

/** The code of the payer's account that mirrors money on its way out over a rail. */
export const inTransitCode = (rail: RailId) => `${RAIL_ACCOUNT_CODE_PREFIX}${rail}:in-transit`;

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

// The builder names fields as the message does; the API answers with the request's own paths, so
// the form can point at the field.
const FIELD_PREFIXES: [string, string][] = [
  ['creditorAccount.', 'beneficiary.account.'],
  ['creditorAccount', 'beneficiary.account'],
  ['creditorAgent.bic', 'beneficiary.agentBic'],
  ['instructedAgent.bic', 'beneficiary.agentBic'],
  ['creditor.', 'beneficiary.'],
  ['interbankSettlementAmount', 'amount'],
  ['debtorAccount', 'debitAccountId'],
  ['endToEndId', 'id'],
];

const requestField = (field: string) => {
  const match = FIELD_PREFIXES.find(([prefix]) => field.startsWith(prefix));
  return match === undefined ? field : match[1] + field.slice(match[0].length);
};

const prepareOrRefuse = <T>(work: () => T): T => {
  try {
    return work();
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors !== undefined) {
      throw new AppError(error.code, error.message, {
        fieldErrors: error.fieldErrors.map((e) => ({ ...e, field: requestField(e.field) })),
        ...(error.details === undefined ? {} : { details: error.details }),
      });
    }
    throw error;
  }
};

const isoSeconds = (at: Date) => `${at.toISOString().slice(0, 19)}+00:00`;

const replayOrConflict = async (
  deps: PaymentsDeps,
  previous: OutboundPayment,
  requestHash: Uint8Array,
): Promise<OutboundRecord & { replayed: true }> => {
  if (!sameBytes(previous.requestHash, requestHash)) {
    throw refused(
      'payments.idempotency_conflict',
      `Payment id ${previous.clientId} was used for another request.`,
      'id',
    );
  }
  return { payment: previous, events: await listOutboundEvents(deps.db.kysely, previous.id), replayed: true };
};

/**
 * Prepares an outbound payment and sends it: checks the rail carries the currency on this route
 * and the beneficiary as the rail needs it, builds the real message (a refusal names each bad
 * field, nothing reserved), then in one transaction reserves the amount from the payer's account
 * into its in-transit account for the rail (a pending transfer without expiry: only the rail's
 * answer resolves it) and records the payment. Then it submits it (see submitOutboundPayment).
 * The same id and request replay the first answer; the same id with another request is a 409.
 */
export const createOutboundPayment = async (
  deps: PaymentsDeps,
  ctx: WriteContext,
  organisationId: string,
  input: OutboundInput,
): Promise<OutboundRecord & { replayed: boolean }> => {
  const now = deps.now();
  const currency = parseCurrency(input.currency);
  const amountMinor = parseAmountMinor(input.amount, currency);
  const requestHash = requestHashOf({ request: canonicalize({ ...input, amount: amountMinor.toString() }) });
  const previous = await findOutboundPaymentByClientId(deps.db.kysely, organisationId, input.id);
  if (previous !== undefined) {
    return replayOrConflict(deps, previous, requestHash);
  }
  const rail = rails[input.rail];
  const route = routeOf(input.debtor.postalAddress.country, input.beneficiary.postalAddress.country);
  if (!rail.supports(currency, route)) {
    throw refused(
      'payments.rail_unsupported',
      `The ${rail.id} rail does not carry ${currency} ${route === 'domestic' ? 'domestically' : 'across borders'}.`,
      'rail',
      { rail: rail.id, currency, route },
    );
  }
  const problems = rail.checkBeneficiary(input.beneficiary);
  if (problems.length > 0) {
    throw new AppError('http.validation_failed', 'The beneficiary was refused', { fieldErrors: problems });
  }
  const id = newId('opm');
  const prepared = prepareOrRefuse(() =>
    rail.prepare({
      paymentId: id,
      messageId: id,
      endToEndId: input.id.length <= 35 ? input.id : id,
      uetr: randomUUID(),
      amountMinor,
      currency,
      createdAt: isoSeconds(now),
      settlementDate: now.toISOString().slice(0, 10),
      debtor: input.debtor,
      debtorAccount: { id: { other: input.debitAccountId }, currency },
      beneficiary: input.beneficiary,
      ...(input.remittanceInformation === undefined
        ? {}
        : { remittanceInformation: input.remittanceInformation }),
      ...(input.purposeCode === undefined ? {} : { purposeCode: input.purposeCode }),
      instructingAgentBic: railsSettingsOf(deps).instructingAgentBic,
    }),
  );
  const message = prepared[0];
  if (message === undefined) {
    throw new Error(`rail ${rail.id} prepared no message`);
  }
  const uetr = /<UETR>([^<]+)<\/UETR>/.exec(message.xml)?.[1] ?? '';
  const created = await deps.db
    .transaction(async (trx) => {
      const debit = await findAccount(trx, input.debitAccountId);
      if (debit === undefined || debit.organisationId !== organisationId) {
        throw refused('payments.account_not_found', `No account ${input.debitAccountId}.`, 'debitAccountId');
      }
      if (debit.currency !== currency) {
        throw refused(
          'payments.currency_mismatch',
          `Account ${debit.id} does not hold ${currency}.`,
          'currency',
        );
      }
      // Created on first use; it only ever receives, so the usual no-overdraft rule costs nothing.
      const code = inTransitCode(rail.id);
      const inTransit =
        (await findAccountByCode(trx, organisationId, currency, code)) ??
        (await insertAccount(trx, {
          id: newId(RAIL_ACCOUNT_PREFIX),
          organisationId,
          currency,
          kind: 'settlement',
          code,
          debitsMustNotExceedCredits: true,
          creditsMustNotExceedDebits: false,
          creditLimitMinor: 0n,
          createdAt: now,
        })) ??
        (await findAccountByCode(trx, organisationId, currency, code));
      if (inTransit === undefined || !isRailAccount(inTransit.id)) {
        throw new Error(`no in-transit account ${code}`);
      }
      const [reserved] = await postTransfers(trx, { organisationId, now }, [
        {
          op: 'pending',
          // '#' never appears in a client's id, so the rail's transfers cannot collide with one.
          clientId: `#rail:${id}`,
          debitAccountId: debit.id,
          creditAccountId: inTransit.id,
          amountMinor,
          currency,
          expiresAt: null,
          reference: id,
          requestHash: requestHashOf({ op: 'rail.reserve', paymentId: id }),
        },
      ]);
      if (reserved === undefined) {
        throw new Error('postTransfers returned no result');
      }
      const payment = {
        id,
        organisationId,
        clientId: input.id,
        requestHash,
        rail: rail.id,
        debitAccountId: debit.id,
        inTransitAccountId: inTransit.id,
        pendingTransferId: reserved.transfer.id,
        amountMinor,
        currency,
        beneficiary: input.beneficiary,
        debtor: input.debtor,
        remittanceInformation: input.remittanceInformation ?? null,
        messageId: message.messageId,
        endToEndId: input.id.length <= 35 ? input.id : id,
        uetr,
        messageDefinition: message.definition,
        messageXml: message.xml,
        createdAt: now,
      };
      await insertOutboundPayment(trx, payment);
      await insertOutboundEvent(trx, {
        paymentId: id,
        kind: 'prepared',
        status: 'prepared',
        isoStatus: null,
        reasonCode: null,
        detail: `${message.definition} built; ${reserved.transfer.id} reserves the amount`,
        statusMessageId: null,
        statusXml: null,
        transferId: reserved.transfer.id,
        byLabel: ctx.actor?.label ?? 'tradehub',
        at: now,
      });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'outbound_payment', id },
        detail: { rail: rail.id, transferId: reserved.transfer.id },
      });
      return true as const;
    })
    .catch(async (error: unknown): Promise<OutboundPayment> => {
      // Two requests with one id at once: the second finds the first's row and replays or conflicts.
      const pg = error as { code?: string; message?: string; constraint?: string };
      if (
        pg.code === '23505' &&
        `${pg.constraint ?? ''} ${pg.message ?? ''}`.includes('outbound_payments_client_id')
      ) {
        const first = await findOutboundPaymentByClientId(deps.db.kysely, organisationId, input.id);
        if (first !== undefined) {
          return first;
        }
      }
      return rethrowLedgerConstraint(error);
    });
  if (created !== true) {
    return replayOrConflict(deps, created, requestHash);
  }
  return { ...(await submitOutboundPayment(deps, ctx, organisationId, id, 'auto')), replayed: false };
};
