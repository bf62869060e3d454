import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../platform/http/index.ts';
import type { PaymentsDeps } from './deps.ts';
import { refuseRailAccountCode, refuseRailAccounts, refuseRailTransferId } from './rails/guard.ts';
import { registerRailRoutes } from './rails/routes.ts';
import {
  ZAccount,
  ZAccountInput,
  ZConversionInput,
  ZEntry,
  ZQuote,
  ZQuoteInput,
  ZResolveInput,
  ZReverseInput,
  ZTransfer,
  ZTransferInput,
} from './schemas.ts';
import type { WriteContext } from './service/context.ts';
import { convertCurrency } from './service/convert-currency.ts';
import { createAccount } from './service/create-account.ts';
import { createBatch } from './service/create-batch.ts';
import { createFxQuote } from './service/create-fx-quote.ts';
import { createTransfer } from './service/create-transfer.ts';
import { getAccount, listAccounts } from './service/get-account.ts';
import { getTransfer } from './service/get-transfer.ts';
import { listEntries } from './service/list-entries.ts';
import { accountJson, entryJson, quoteJson, transferJson } from './service/presenters.ts';
import { resolvePending } from './service/resolve-pending.ts';
import { reverseTransfer } from './service/reverse-transfer.ts';

const tags = ['payments'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const ZAccountParams = ZOrgParams.extend({ accountId: id });
const ZTransferParams = ZOrgParams.extend({ transferId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const accountAccess = { ...orgAccess, objects: { accountId: 'account' } };
const transferAccess = { ...orgAccess, objects: { transferId: 'transfer' } };
const base = '/api/orgs/:orgId/payments';

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** The caller's role in the organisation it acts as must allow `action` (404 when it is no member). */
const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Registers the payments module's HTTP routes (the contract in docs/payments.md). */
export const registerPaymentsRoutes = (root: FastifyInstance, deps: PaymentsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // Outbound payments over the rails (sandbox, CIPS, e-CNY): docs/payment-rails.md.
  registerRailRoutes(root, deps);

  app.get(
    `${base}/accounts`,
    {
      schema: {
        tags,
        summary: "The organisation's ledger accounts with their balances",
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZAccount) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      return { items: (await listAccounts(deps, request.params.orgId)).map(accountJson) };
    },
  );

  app.post(
    `${base}/accounts`,
    {
      schema: {
        tags,
        summary: 'Open an account in one currency (an overdraft or an unlimited account only for a bank)',
        params: ZOrgParams,
        body: ZAccountInput,
        response: { 201: ZAccount },
      },
      config: { access: orgAccess, audit: 'payments.account.create' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.manage', request.params.orgId);
      refuseRailAccountCode(request.body.code);
      const { kind, debitsMustNotExceedCredits, creditsMustNotExceedDebits, creditLimit, ...rest } =
        request.body;
      const account = await createAccount(deps, writeContext(request), request.params.orgId, {
        ...rest,
        ...(kind === undefined ? {} : { kind }),
        ...(debitsMustNotExceedCredits === undefined ? {} : { debitsMustNotExceedCredits }),
        ...(creditsMustNotExceedDebits === undefined ? {} : { creditsMustNotExceedDebits }),
        ...(creditLimit === undefined ? {} : { creditLimit }),
      });
      return reply.status(201).send(accountJson(account));
    },
  );

  app.get(
    `${base}/accounts/:accountId`,
    {
      schema: { tags, summary: "An account's balances", params: ZAccountParams, response: { 200: ZAccount } },
      config: { access: accountAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      return accountJson(await getAccount(deps, request.params.orgId, request.params.accountId));
    },
  );

  app.get(
    `${base}/accounts/:accountId/entries`,
    {
      schema: {
        tags,
        summary: "The account's statement: one entry per transfer, with the balance after it",
        params: ZAccountParams,
        querystring: z
          .object({
            cursor: z.string().max(20).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ZEntry), nextCursor: z.string().nullable() }) },
      },
      config: { access: accountAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      const page = await listEntries(deps, request.params.orgId, request.params.accountId, request.query);
      return { items: page.items.map((e) => entryJson(e, page.currency)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    `${base}/transfers`,
    {
      schema: {
        tags,
        summary: 'Move money from an account of the organisation, at once or as a pending reservation',
        description:
          'The id is the idempotency key: the same id and request answer the first transfer (200).',
        params: ZOrgParams,
        body: ZTransferInput,
        response: { 200: ZTransfer, 201: ZTransfer },
      },
      config: { access: orgAccess, audit: 'payments.transfer.create' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      refuseRailAccounts({
        debitAccountId: request.body.debitAccountId,
        creditAccountId: request.body.creditAccountId,
      });
      const { pending, timeoutSeconds, reference, ...rest } = request.body;
      const posted = await createTransfer(deps, writeContext(request), request.params.orgId, {
        ...rest,
        ...(pending === undefined ? {} : { pending }),
        ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
        ...(reference === undefined ? {} : { reference }),
      });
      return reply.status(posted.replayed ? 200 : 201).send(transferJson(posted.transfer));
    },
  );

  app.post(
    `${base}/transfers/batch`,
    {
      schema: {
        tags,
        summary: 'Linked transfers: all commit or none (the refusal names the index)',
        params: ZOrgParams,
        body: z.strictObject({ transfers: z.array(ZTransferInput).min(1).max(1000) }),
        response: {
          200: z.object({ transfers: z.array(ZTransfer) }),
          201: z.object({ transfers: z.array(ZTransfer) }),
        },
      },
      config: { access: orgAccess, audit: 'payments.transfer.batch' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      for (const [index, t] of request.body.transfers.entries()) {
        refuseRailAccounts({
          [`transfers[${index}].debitAccountId`]: t.debitAccountId,
          [`transfers[${index}].creditAccountId`]: t.creditAccountId,
        });
      }
      const inputs = request.body.transfers.map(({ pending, timeoutSeconds, reference, ...rest }) => ({
        ...rest,
        ...(pending === undefined ? {} : { pending }),
        ...(timeoutSeconds === undefined ? {} : { timeoutSeconds }),
        ...(reference === undefined ? {} : { reference }),
      }));
      const posted = await createBatch(deps, writeContext(request), request.params.orgId, inputs);
      const status = posted.every((p) => p.replayed) ? 200 : 201;
      return reply.status(status).send({ transfers: posted.map((p) => transferJson(p.transfer)) });
    },
  );

  for (const op of ['post', 'void'] as const) {
    app.post(
      `${base}/transfers/:transferId/${op}`,
      {
        schema: {
          tags,
          summary:
            op === 'post'
              ? 'Post a pending transfer, all of it or less (the rest is released); exactly once'
              : 'Void a pending transfer, releasing the reservation; exactly once',
          params: ZTransferParams,
          body: ZResolveInput,
          response: { 200: ZTransfer, 201: ZTransfer },
        },
        config: { access: transferAccess, audit: `payments.transfer.${op}` },
      },
      async (request, reply) => {
        asOrganisation(request, 'payment.transfer', request.params.orgId);
        await refuseRailTransferId(deps, request.params.orgId, request.params.transferId);
        const { amount, reference, ...rest } = request.body;
        const posted = await resolvePending(
          deps,
          writeContext(request),
          request.params.orgId,
          request.params.transferId,
          op,
          {
            ...rest,
            ...(amount === undefined ? {} : { amount }),
            ...(reference === undefined ? {} : { reference }),
          },
        );
        return reply.status(posted.replayed ? 200 : 201).send(transferJson(posted.transfer));
      },
    );
  }

  app.post(
    `${base}/transfers/:transferId/reverse`,
    {
      schema: {
        tags,
        summary: 'Send a posted transfer back with a new, reversing transfer (by the payee)',
        params: ZTransferParams,
        body: ZReverseInput,
        response: { 200: ZTransfer, 201: ZTransfer },
      },
      config: { access: transferAccess, audit: 'payments.transfer.reverse' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      await refuseRailTransferId(deps, request.params.orgId, request.params.transferId);
      const { reference, ...rest } = request.body;
      const posted = await reverseTransfer(
        deps,
        writeContext(request),
        request.params.orgId,
        request.params.transferId,
        { ...rest, ...(reference === undefined ? {} : { reference }) },
      );
      return reply.status(posted.replayed ? 200 : 201).send(transferJson(posted.transfer));
    },
  );

  app.get(
    `${base}/transfers/:transferId`,
    {
      schema: {
        tags,
        summary: 'A transfer one of whose accounts the organisation owns (a pending one with its status)',
        params: ZTransferParams,
        response: { 200: ZTransfer },
      },
      config: { access: transferAccess },
    },
    async (request) => {
      asOrganisation(request, 'payment.read', request.params.orgId);
      const { transfer, status } = await getTransfer(deps, request.params.orgId, request.params.transferId);
      return transferJson(transfer, status);
    },
  );

  app.post(
    `${base}/fx/quotes`,
    {
      schema: {
        tags,
        summary: "Quote an FX rate from the organisation's liquidity (banks and payment institutions)",
        params: ZOrgParams,
        body: ZQuoteInput,
        response: { 201: ZQuote },
      },
      config: { access: orgAccess, audit: 'payments.fx_quote.create' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.manage', request.params.orgId);
      const { source, ...rest } = request.body;
      const quote = await createFxQuote(deps, writeContext(request), request.params.orgId, {
        ...rest,
        ...(source === undefined ? {} : { source }),
      });
      return reply.status(201).send(quoteJson(quote));
    },
  );

  app.post(
    `${base}/fx/conversions`,
    {
      schema: {
        tags,
        summary: "Convert at a quote: two linked transfers through the quoting institution's liquidity",
        params: ZOrgParams,
        body: ZConversionInput,
        response: {
          200: z.object({ transfers: z.array(ZTransfer) }),
          201: z.object({ transfers: z.array(ZTransfer) }),
        },
      },
      config: { access: orgAccess, audit: 'payments.fx.convert' },
    },
    async (request, reply) => {
      asOrganisation(request, 'payment.transfer', request.params.orgId);
      refuseRailAccounts({
        fromAccountId: request.body.fromAccountId,
        toAccountId: request.body.toAccountId,
      });
      const { reference, ...rest } = request.body;
      const conversion = await convertCurrency(deps, writeContext(request), request.params.orgId, {
        ...rest,
        ...(reference === undefined ? {} : { reference }),
      });
      return reply
        .status(conversion.replayed ? 200 : 201)
        .send({ transfers: conversion.transfers.map((t) => transferJson(t)) });
    },
  );
};
