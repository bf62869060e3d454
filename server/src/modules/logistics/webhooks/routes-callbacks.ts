import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../../../platform/access/index.ts';
import { authorize, recordAuditSuccess } from '../../../platform/http/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { DCSA_TNT_VERSION } from '../formats/dcsa-tnt/index.ts';
import { withEventIndex } from '../routes.ts';
import type { WriteContext } from '../service/context.ts';
import { NOTIFICATION_SIGNATURE_HEADER } from './domain/notification-signature.ts';
import {
  CALLBACK_PATH,
  callbackExists,
  createEventCallback,
  deleteCallback,
  listCallbacks,
  receiveCallback,
} from './service/callbacks.ts';

const tags = ['logistics'];
const id = z.string().max(64);
const ZOrgParams = z.object({ orgId: id });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };

/** A bundle of 500 events with transport calls and seals stays well under this (as the batch route). */
const CALLBACK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

const asOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

const ZCallback = z.object({
  id: z.string(),
  organisationId: z.string(),
  description: z.string().nullable(),
  callbackUrl: z.string(),
  createdAt: z.string(),
});

/**
 * Registers the inbound DCSA event subscriptions: an organisation's routes to create, list and
 * delete them, and the callback the carrier's publisher posts to (docs/logistics-bookings.md).
 */
export const registerEventCallbackRoutes = (root: FastifyInstance, deps: LogisticsDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = '/api/orgs/:orgId/logistics/event-callbacks';

  app.get(
    base,
    {
      schema: {
        tags,
        summary: "The organisation's inbound DCSA event callbacks (never their secrets)",
        params: ZOrgParams,
        response: { 200: z.object({ items: z.array(ZCallback) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      const { orgId } = request.params;
      asOrganisation(request, 'event_callback.read', orgId);
      return listCallbacks(deps, orgId);
    },
  );

  app.post(
    base,
    {
      schema: {
        tags,
        summary: `Create an inbound DCSA T&T ${DCSA_TNT_VERSION} event callback: its URL and secret (shown once) go into the carrier's event subscription`,
        params: ZOrgParams,
        body: z.strictObject({ description: z.string().trim().min(1).max(200).optional() }),
        response: { 201: ZCallback.extend({ secret: z.string() }) },
      },
      config: { access: orgAccess, audit: 'logistics.event_callback.create' },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      asOrganisation(request, 'event_callback.manage', orgId);
      return reply
        .status(201)
        .send(await createEventCallback(deps, writeContext(request), orgId, request.body));
    },
  );

  app.delete(
    `${base}/:callbackId`,
    {
      schema: {
        tags,
        summary: 'Delete an inbound event callback: what the carrier posts to it afterwards is refused',
        params: ZOrgParams.extend({ callbackId: id }),
      },
      config: {
        access: { ...orgAccess, objects: { callbackId: 'event_callback' } },
        audit: 'logistics.event_callback.delete',
      },
    },
    async (request, reply) => {
      const { orgId, callbackId } = request.params;
      asOrganisation(request, 'event_callback.manage', orgId);
      await deleteCallback(deps, writeContext(request), orgId, callbackId);
      return reply.status(204).send();
    },
  );

  // The carrier's calls carry no session or API key: the signature over the raw body is the
  // credential, so the body is kept as the bytes that were signed and parsed only after checking.
  root.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: CALLBACK_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );
    const callbacks = scope.withTypeProvider<ZodTypeProvider>();
    const ZCallbackParams = z.object({ callbackId: id });

    callbacks.post(
      `${CALLBACK_PATH}/:callbackId`,
      {
        bodyLimit: CALLBACK_BODY_LIMIT_BYTES,
        schema: {
          tags,
          summary: `DCSA T&T ${DCSA_TNT_VERSION} subscription callback: an array of events signed with Notification-Signature (sha256=<hex HMAC>); 204 when stored or replayed`,
          params: ZCallbackParams,
        },
        config: { access: { kind: 'public' }, audit: 'logistics.event_callback.receive' },
      },
      async (request, reply) => {
        const { callbackId } = request.params;
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const ctx: WriteContext = {
          actor: null,
          audit: (ex, change) =>
            recordAuditSuccess(ex, request, { ...change, detail: { ...change.detail, callbackId } }),
        };
        await withEventIndex(request, reply, () =>
          receiveCallback(deps, ctx, callbackId, request.headers[NOTIFICATION_SIGNATURE_HEADER], body),
        );
        if (!reply.sent) {
          reply.header('API-Version', DCSA_TNT_VERSION);
          return reply.status(204).send();
        }
        return reply;
      },
    );

    // A publisher may check that the URL answers before it sends events (HEAD, no body, no
    // signature): 204 while the subscription exists, 404 once it is deleted.
    callbacks.head(
      `${CALLBACK_PATH}/:callbackId`,
      {
        schema: { tags, summary: 'Check that an event callback URL exists', params: ZCallbackParams },
        config: { access: { kind: 'public' } },
      },
      async (request, reply) => {
        const { callbackId } = request.params;
        if (!(await callbackExists(deps, callbackId))) {
          throw new AppError('logistics.event_callback_not_found', `No event callback ${callbackId}.`);
        }
        return reply.status(204).send();
      },
    );
  });
};
