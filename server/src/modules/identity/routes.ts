import { AppError } from '@tradehub/kernel';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Action, loadUserRoles, type Role } from '../../platform/access/index.ts';
import { listAudit } from '../../platform/audit/index.ts';
import { authorize, recordAuditSuccess, requireActor, type ZodApp } from '../../platform/http/index.ts';
import type { IdentityDeps } from './deps.ts';
import { revocationReasons } from './domain/key-events.ts';
import { ZCreateOrganisation, ZUpdateOrganisation } from './domain/organisation-fields.ts';
import { type SigningAlgorithm, signingAlgorithms } from './keys/key-provider.ts';
import {
  items,
  ZApiKey,
  ZAuditEntry,
  ZDidDocument,
  ZInvitation,
  ZLocale,
  ZMe,
  ZMember,
  ZOrganisation,
  ZOrganisationSummary,
  ZRole,
  ZScope,
  ZSigningKey,
} from './schemas.ts';
import { acceptInvitation } from './service/accept-invitation.ts';
import { authenticate } from './service/authenticate.ts';
import { changeMemberRole } from './service/change-member-role.ts';
import type { WriteContext } from './service/context.ts';
import { createApiKey } from './service/create-api-key.ts';
import { createInvitation } from './service/create-invitation.ts';
import { createOrganisation } from './service/create-organisation.ts';
import { getDidDocument } from './service/get-did-document.ts';
import { getInvitation } from './service/get-invitation.ts';
import { getMe } from './service/get-me.ts';
import { getOrganisation } from './service/get-organisation.ts';
import { listApiKeys } from './service/list-api-keys.ts';
import { listInvitations } from './service/list-invitations.ts';
import { listMembers } from './service/list-members.ts';
import { listOrganisations } from './service/list-organisations.ts';
import { listSigningKeys } from './service/list-signing-keys.ts';
import { login } from './service/login.ts';
import { logout } from './service/logout.ts';
import { openSession } from './service/open-session.ts';
import { registerUser } from './service/register-user.ts';
import { removeMember } from './service/remove-member.ts';
import { revokeApiKey } from './service/revoke-api-key.ts';
import { revokeInvitation } from './service/revoke-invitation.ts';
import { revokeSigningKey } from './service/revoke-signing-key.ts';
import { rotateSigningKey } from './service/rotate-signing-key.ts';
import { updateMe } from './service/update-me.ts';
import { updateOrganisation } from './service/update-organisation.ts';

export const sessionCookieName = 'th_session';

const ZOrgParams = z.object({ orgId: z.string().max(64) });
const orgAccess = { kind: 'organisation' as const, param: 'orgId' };
const tags = ['identity'];

const writeContext = (request: FastifyRequest): WriteContext => ({
  actor: request.actor,
  audit: (ex, change) => recordAuditSuccess(ex, request, change),
});

/** Authorises an action on the organisation named in the path. */
const onOrganisation = (request: FastifyRequest, action: Action, orgId: string) =>
  authorize(request, action, { type: 'organisation', id: orgId, organisationId: orgId });

/** Registers the identity module's HTTP routes. */
export const registerIdentityRoutes = (root: FastifyInstance, deps: IdentityDeps) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: Date) =>
    reply.setCookie(sessionCookieName, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: deps.cookieSecure,
      path: '/',
      expires: expiresAt,
    });

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1024) }),
        response: { 200: ZMe },
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const session = await login(deps, { ...request.body, address: request.ip, requestId: request.id });
      setSessionCookie(reply, session.token, session.expiresAt);
      const roles = await loadUserRoles(deps.db.kysely, session.userId);

      return getMe(deps, { kind: 'user', userId: session.userId, sessionId: null, label: '', roles });
    },
  );

  app.post(
    '/api/auth/register',
    {
      schema: {
        tags,
        summary: 'Create an account (then register or join an organisation)',
        body: z
          .object({
            email: z.string().trim().min(1).max(320),
            displayName: z.string().trim().min(1).max(100),
            password: z.string().min(1).max(1024),
            locale: ZLocale.optional(),
          })
          .strict(),
        response: { 201: ZMe },
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const { userId, session } = await registerUser(deps, { ...request.body, requestId: request.id });
      setSessionCookie(reply, session.token, session.expiresAt);
      const me = await getMe(deps, { kind: 'user', userId, sessionId: null, label: '', roles: new Map() });
      return reply.status(201).send(me);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags, summary: 'Sign out' },
      config: { access: { kind: 'authenticated', usersOnly: true }, audit: 'identity.session.logout' },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (actor.kind === 'user' && actor.sessionId !== null) {
        await logout(deps, writeContext(request), actor.sessionId);
      }
      reply.clearCookie(sessionCookieName, { path: '/' });

      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: { tags, summary: 'The signed-in person and their organisations', response: { 200: ZMe } },
      config: { access: { kind: 'authenticated', usersOnly: true } },
    },
    async (request) => getMe(deps, requireActor(request)),
  );

  app.patch(
    '/api/me',
    {
      schema: {
        tags,
        summary: 'Change display name or remembered language',
        body: z
          .object({ locale: ZLocale.nullable(), displayName: z.string().trim().min(1).max(100) })
          .partial()
          .strict(),
        response: { 200: z.object({ user: ZMe.shape.user }) },
      },
      config: { access: { kind: 'authenticated', usersOnly: true }, audit: 'identity.user.update' },
    },
    async (request) => {
      if (requireActor(request).kind !== 'user') {
        throw new AppError('http.forbidden', 'An API key has no personal profile.');
      }
      return updateMe(deps, writeContext(request), request.body);
    },
  );

  app.get(
    '/api/orgs',
    {
      schema: { tags, summary: "The caller's organisations", response: { 200: items(ZOrganisationSummary) } },
      config: { access: { kind: 'authenticated' } },
    },
    async (request) => listOrganisations(deps, requireActor(request)),
  );

  app.post(
    '/api/orgs',
    {
      schema: {
        tags,
        summary: 'Register an organisation',
        body: ZCreateOrganisation,
        response: { 201: ZOrganisation },
      },
      config: { access: { kind: 'authenticated', usersOnly: true }, audit: 'identity.organisation.create' },
    },
    async (request, reply) => {
      if (requireActor(request).kind !== 'user') {
        throw new AppError('http.forbidden', 'Only a person can register an organisation.');
      }
      const created = await createOrganisation(deps, writeContext(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/orgs/:orgId',
    {
      schema: {
        tags,
        summary: 'An organisation profile',
        params: ZOrgParams,
        response: { 200: ZOrganisation },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'organisation.read', request.params.orgId);
      return getOrganisation(deps, request.params.orgId);
    },
  );

  app.patch(
    '/api/orgs/:orgId',
    {
      schema: {
        tags,
        summary: 'Edit an organisation profile',
        params: ZOrgParams,
        body: ZUpdateOrganisation,
        response: { 200: ZOrganisation },
      },
      config: { access: orgAccess, audit: 'identity.organisation.update' },
    },
    async (request) => {
      onOrganisation(request, 'organisation.update', request.params.orgId);
      return updateOrganisation(deps, writeContext(request), request.params.orgId, request.body);
    },
  );

  registerMemberRoutes(app, deps);
  registerInvitationRoutes(app, deps, setSessionCookie);
  registerApiKeyRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerSigningKeyRoutes(app, deps);
};

type App = ZodApp;

const registerMemberRoutes = (app: App, deps: IdentityDeps) => {
  const ZMemberParams = ZOrgParams.extend({ userId: z.string().max(64) });
  const memberAccess = { ...orgAccess, objects: { userId: 'user' } };

  app.get(
    '/api/orgs/:orgId/members',
    {
      schema: {
        tags,
        summary: 'Members and their roles',
        params: ZOrgParams,
        response: { 200: items(ZMember) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'member.read', request.params.orgId);
      return listMembers(deps, request.params.orgId);
    },
  );

  app.patch(
    '/api/orgs/:orgId/members/:userId',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: ZMemberParams,
        body: z.object({ role: ZRole }).strict(),
        response: { 200: ZMember },
      },
      config: { access: memberAccess, audit: 'identity.member.update' },
    },
    async (request) => {
      onOrganisation(request, 'member.manage', request.params.orgId);
      return changeMemberRole(
        deps,
        writeContext(request),
        request.params.orgId,
        request.params.userId,
        request.body.role as Role,
      );
    },
  );

  app.delete(
    '/api/orgs/:orgId/members/:userId',
    {
      schema: { tags, summary: 'Remove a member', params: ZMemberParams },
      config: { access: memberAccess, audit: 'identity.member.remove' },
    },
    async (request, reply) => {
      onOrganisation(request, 'member.manage', request.params.orgId);
      await removeMember(deps, writeContext(request), request.params.orgId, request.params.userId);
      return reply.status(204).send();
    },
  );
};

const registerInvitationRoutes = (
  app: App,
  deps: IdentityDeps,
  setSessionCookie: (reply: FastifyReply, token: string, expiresAt: Date) => FastifyReply,
) => {
  const ZInvitationParams = ZOrgParams.extend({ invitationId: z.string().max(64) });

  app.get(
    '/api/orgs/:orgId/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations sent',
        params: ZOrgParams,
        response: { 200: items(ZInvitation) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'invitation.read', request.params.orgId);
      return listInvitations(deps, request.params.orgId);
    },
  );

  app.post(
    '/api/orgs/:orgId/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a person by e-mail (the link is shown once)',
        params: ZOrgParams,
        body: z.object({ email: z.string().trim().min(1).max(320), role: ZRole }).strict(),
        response: { 201: z.object({ invitation: ZInvitation, acceptUrl: z.string() }) },
      },
      config: { access: orgAccess, audit: 'identity.invitation.create' },
    },
    async (request, reply) => {
      onOrganisation(request, 'invitation.manage', request.params.orgId);
      const created = await createInvitation(deps, writeContext(request), request.params.orgId, {
        email: request.body.email,
        role: request.body.role as Role,
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/orgs/:orgId/invitations/:invitationId',
    {
      schema: { tags, summary: 'Revoke an invitation', params: ZInvitationParams },
      config: {
        access: { ...orgAccess, objects: { invitationId: 'invitation' } },
        audit: 'identity.invitation.revoke',
      },
    },
    async (request, reply) => {
      onOrganisation(request, 'invitation.manage', request.params.orgId);
      await revokeInvitation(deps, writeContext(request), request.params.orgId, request.params.invitationId);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        tags,
        summary: 'What an invitation link offers',
        params: z.object({ token: z.string().min(20).max(100) }),
        response: {
          200: z.object({
            organisation: ZOrganisationSummary,
            email: z.string(),
            role: ZRole,
            hasAccount: z.boolean(),
          }),
        },
      },
      config: { access: { kind: 'public' } },
    },
    async (request) => getInvitation(deps, request.params.token),
  );

  app.post(
    '/api/invitations/accept',
    {
      schema: {
        tags,
        summary: 'Accept an invitation (registering if new)',
        body: z
          .object({
            token: z.string().min(20).max(100),
            displayName: z.string().trim().min(1).max(100).optional(),
            password: z.string().min(1).max(1024).optional(),
          })
          .strict(),
        response: { 200: ZMe },
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const signedIn = await authenticate(deps, {
        sessionToken: request.cookies[sessionCookieName],
        authorization: undefined,
      });
      const accepted = await acceptInvitation(deps, {
        token: request.body.token,
        ...(request.body.displayName === undefined ? {} : { displayName: request.body.displayName }),
        ...(request.body.password === undefined ? {} : { password: request.body.password }),
        requestId: request.id,
        signedInUserId: signedIn?.kind === 'user' ? signedIn.userId : null,
      });
      const session = await openSession(deps, deps.db.kysely, accepted.userId);
      setSessionCookie(reply, session.token, session.expiresAt);
      const roles = await loadUserRoles(deps.db.kysely, accepted.userId);

      return getMe(deps, { kind: 'user', userId: accepted.userId, sessionId: null, label: '', roles });
    },
  );
};

const registerApiKeyRoutes = (app: App, deps: IdentityDeps) => {
  app.get(
    '/api/orgs/:orgId/api-keys',
    {
      schema: {
        tags,
        summary: 'API keys (without secrets)',
        params: ZOrgParams,
        response: { 200: items(ZApiKey) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'api_key.read', request.params.orgId);
      return listApiKeys(deps, request.params.orgId);
    },
  );

  app.post(
    '/api/orgs/:orgId/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (the secret is shown once)',
        params: ZOrgParams,
        body: z
          .object({ name: z.string().trim().min(1).max(100), scopes: z.array(ZScope).min(1).max(2) })
          .strict(),
        response: { 201: z.object({ apiKey: ZApiKey, secret: z.string() }) },
      },
      config: { access: orgAccess, audit: 'identity.api_key.create' },
    },
    async (request, reply) => {
      onOrganisation(request, 'api_key.manage', request.params.orgId);
      const created = await createApiKey(deps, writeContext(request), request.params.orgId, {
        name: request.body.name,
        scopes: request.body.scopes as ('read' | 'write')[],
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/orgs/:orgId/api-keys/:keyId',
    {
      schema: {
        tags,
        summary: 'Revoke an API key',
        params: ZOrgParams.extend({ keyId: z.string().max(64) }),
      },
      config: { access: { ...orgAccess, objects: { keyId: 'api_key' } }, audit: 'identity.api_key.revoke' },
    },
    async (request, reply) => {
      onOrganisation(request, 'api_key.manage', request.params.orgId);
      await revokeApiKey(deps, writeContext(request), request.params.orgId, request.params.keyId);
      return reply.status(204).send();
    },
  );
};

const registerAuditRoutes = (app: App, deps: IdentityDeps) => {
  app.get(
    '/api/orgs/:orgId/audit',
    {
      schema: {
        tags,
        summary: "The organisation's audit trail, newest first",
        params: ZOrgParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          before: z
            .string()
            // 18 digits always fit a bigint sequence number; 19 may not.
            .regex(/^\d{1,18}$/)
            .optional(),
          action: z.string().max(100).optional(),
        }),
        response: { 200: z.object({ items: z.array(ZAuditEntry), nextCursor: z.string().nullable() }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'audit.read', request.params.orgId);
      const page = await listAudit(deps.db.kysely, {
        organisationId: request.params.orgId,
        limit: request.query.limit,
        ...(request.query.before === undefined ? {} : { beforeSeq: request.query.before }),
        ...(request.query.action === undefined ? {} : { action: request.query.action }),
      });

      return {
        items: page.items.map((entry) => ({
          id: entry.id,
          at: entry.at.toISOString(),
          actor: entry.actor,
          action: entry.action,
          objectType: entry.object?.type ?? null,
          objectId: entry.object?.id ?? null,
          requestId: entry.requestId,
          outcome: entry.outcome,
          statusCode: entry.statusCode,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};

const registerSigningKeyRoutes = (app: App, deps: IdentityDeps) => {
  const ZAlgorithm = z.enum(signingAlgorithms as [SigningAlgorithm, ...SigningAlgorithm[]]);

  app.get(
    '/api/orgs/:orgId/keys',
    {
      schema: {
        tags,
        summary: "The organisation's signing keys, newest first, with their history",
        params: ZOrgParams,
        response: { 200: z.object({ did: z.string(), items: z.array(ZSigningKey) }) },
      },
      config: { access: orgAccess },
    },
    async (request) => {
      onOrganisation(request, 'signing_key.read', request.params.orgId);
      return listSigningKeys(deps, request.params.orgId);
    },
  );

  app.post(
    '/api/orgs/:orgId/keys/rotate',
    {
      schema: {
        tags,
        summary: 'Replace the active signing key; the old one is retired (documents it signed stay valid)',
        params: ZOrgParams,
        body: z.object({ algorithm: ZAlgorithm.optional() }).strict().optional(),
        response: { 201: z.object({ key: ZSigningKey, previous: ZSigningKey.nullable() }) },
      },
      config: { access: orgAccess, audit: 'identity.signing_key.rotate' },
    },
    async (request, reply) => {
      onOrganisation(request, 'signing_key.manage', request.params.orgId);
      const algorithm = request.body?.algorithm ?? 'Ed25519';
      if (!deps.keyProvider.algorithms.includes(algorithm)) {
        const message = `The key provider "${deps.keyProvider.name}" cannot make ${algorithm} keys here.`;
        throw new AppError('identity.algorithm_unsupported', message, {
          fieldErrors: [{ field: 'algorithm', code: 'identity.algorithm_unsupported', message }],
        });
      }
      const rotated = await rotateSigningKey(deps, writeContext(request), request.params.orgId, algorithm);
      return reply.status(201).send(rotated);
    },
  );

  app.post(
    '/api/orgs/:orgId/keys/:keyId/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a signing key (the active one is replaced at once)',
        params: ZOrgParams.extend({ keyId: z.string().max(64) }),
        body: z
          .object({
            reason: z.enum(revocationReasons),
            compromisedAt: z.iso.datetime({ offset: true }).optional().meta({
              description:
                'When the key stopped being trustworthy, if before now; it becomes the revocation time',
            }),
          })
          .strict(),
        response: { 200: z.object({ revoked: ZSigningKey, replacement: ZSigningKey.nullable() }) },
      },
      config: {
        access: { ...orgAccess, objects: { keyId: 'signing_key' } },
        audit: 'identity.signing_key.revoke',
      },
    },
    async (request) => {
      onOrganisation(request, 'signing_key.manage', request.params.orgId);
      const { reason, compromisedAt } = request.body;
      return revokeSigningKey(deps, writeContext(request), request.params.orgId, request.params.keyId, {
        reason,
        ...(compromisedAt === undefined ? {} : { compromisedAt: new Date(compromisedAt) }),
      });
    },
  );

  // did:web resolution (W3C did:web method): `did:web:<host>:org:<id>` is fetched from here by
  // anyone verifying a document, from any origin, without an account.
  app.get(
    '/org/:orgId/did.json',
    {
      schema: {
        tags,
        summary: "An organisation's did:web DID document",
        params: ZOrgParams,
        response: { 200: ZDidDocument },
      },
      config: { access: { kind: 'public' } },
    },
    async (request, reply) => {
      const document = await getDidDocument(deps, request.params.orgId);
      return reply
        .header('content-type', 'application/did+json')
        .header('access-control-allow-origin', '*')
        .header('cache-control', 'public, max-age=60')
        .send(document);
    },
  );
};
