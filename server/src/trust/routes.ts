// What a verifier needs to trust this hub, published where verifiers look: the trust policy
// (`tradehub-trust-policy/v1`: the log's key, the witnesses' keys and how many must cosign) and the
// hub's own did:web document, which names the log and the policy.

import { encodeEd25519Multikey, parseVerifierKey } from '@tradehub/verifier';
import type { FastifyInstance } from 'fastify';

export type TrustPublication = {
  publicUrl: string;
  log: { origin: string; verifierKey: string };
  witnesses: readonly { name: string; verifierKey: string }[];
  /** Cosignatures a verifier should require. */
  quorum: number;
};

const publicAccess = { access: { kind: 'public' as const } };
const tags = ['trust'];

/** The hub's trust policy document. */
export const trustPolicy = (trust: TrustPublication) => ({
  type: 'tradehub-trust-policy/v1',
  // attestsIssuers: the log takes issuances only from the documents module, for the issuer's own
  // DID and signed with its current key (trust/check-log-entry.ts refuses them from the API).
  logs: [{ origin: trust.log.origin, vkeys: [trust.log.verifierKey], attestsIssuers: true }],
  witnesses: { vkeys: trust.witnesses.map((w) => w.verifierKey), quorum: trust.quorum },
});

/** did:web of the hub itself: the host, with a port percent-encoded as the did:web spec says. */
export const hubDid = (publicUrl: string): string => `did:web:${new URL(publicUrl).host.replace(':', '%3A')}`;

/** The hub's DID document: the log's key as a Multikey, and services naming the log and the policy. */
export const hubDidDocument = (trust: TrustPublication) => {
  const did = hubDid(trust.publicUrl);
  const logKey = parseVerifierKey(trust.log.verifierKey);
  if (!logKey.ok) {
    throw new Error(`the log's own verifier key does not parse: ${logKey.message}`);
  }
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [
      {
        id: `${did}#transparency-log`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: encodeEd25519Multikey(logKey.key.publicKey),
      },
    ],
    assertionMethod: [`${did}#transparency-log`],
    service: [
      {
        id: `${did}#transparency-log`,
        type: 'TransparencyLog',
        serviceEndpoint: `${trust.publicUrl}/log`,
        origin: trust.log.origin,
        verifierKey: trust.log.verifierKey,
      },
      {
        id: `${did}#trust-policy`,
        type: 'TrustPolicy',
        serviceEndpoint: `${trust.publicUrl}/log/trust-policy`,
      },
    ],
  };
};

export const registerTrustRoutes = (app: FastifyInstance, trust: TrustPublication) => {
  const policy = trustPolicy(trust);
  const didDocument = hubDidDocument(trust);
  app.get(
    '/log/trust-policy',
    {
      config: publicAccess,
      schema: { tags, summary: "The hub's trust policy: the log key, witness keys and quorum" },
    },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .send(policy),
  );
  app.get(
    '/.well-known/did.json',
    { config: publicAccess, schema: { tags, summary: "The hub's did:web document" } },
    async (_request, reply) =>
      reply
        .header('cache-control', 'public, max-age=300')
        .header('access-control-allow-origin', '*')
        .type('application/did+json')
        .send(didDocument),
  );
};
