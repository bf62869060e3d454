// The organisation's signing keys (identity module): history, rotation, revocation, and the
// organisation's did:web DID document that publishes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';

export const SIGNING_KEY_STATUSES = ['active', 'retired', 'revoked'] as const;
export type SigningKeyStatus = (typeof SIGNING_KEY_STATUSES)[number];

/** Why a key was revoked; the server's enum, translated under `keys.reasons`. */
export const REVOCATION_REASONS = [
  'key_compromise',
  'superseded',
  'cessation_of_operation',
  'unspecified',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

export type SigningKey = {
  id: string;
  algorithm: string;
  status: SigningKeyStatus;
  /** DID URL of the key in the organisation's DID document (`did:web:…#<id>`). */
  verificationMethod: string;
  /** Raw public key, base64url. */
  publicKey: string;
  /** Ed25519 Multikey (`z6Mk…`); null for keys Multikey has no code for. */
  publicKeyMultibase: string | null;
  provider: string;
  createdAt: string;
  retiredAt: string | null;
  revokedAt: string | null;
  revocationReason: RevocationReason | null;
};

export type SigningKeyList = { did: string; items: SigningKey[] };
export type RotatedKey = { key: SigningKey; previous: SigningKey | null };
export type RevokeKeyInput = { reason: RevocationReason; compromisedAt?: string };
export type RevokedKey = { revoked: SigningKey; replacement: SigningKey | null };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/keys`;

/** Where anyone resolves the organisation's `did:web` (same origin as this app: the hub's public URL). */
export const didDocumentPath = (orgId: string): string => `/org/${seg(orgId)}/did.json`;

export const listSigningKeys = (orgId: string, signal?: AbortSignal): Promise<SigningKeyList> =>
  apiGet<SigningKeyList>(base(orgId), undefined, signal);

export const rotateSigningKey = (orgId: string): Promise<RotatedKey> =>
  apiPost<RotatedKey>(`${base(orgId)}/rotate`, {});

export const revokeSigningKey = (orgId: string, keyId: string, input: RevokeKeyInput): Promise<RevokedKey> =>
  apiPost<RevokedKey>(`${base(orgId)}/${seg(keyId)}/revoke`, input);

const keysQueryKey = (orgId: string) => [...queryKeys.organisation(orgId), 'signing-keys'] as const;

export const useSigningKeys = (orgId: string) =>
  useQuery({ queryKey: keysQueryKey(orgId), queryFn: ({ signal }) => listSigningKeys(orgId, signal) });

// A rotation or revocation changes the key list and the audit trail.
const useRefreshKeys = (orgId: string) => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keysQueryKey(orgId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
    ]);
};

export const useRotateSigningKey = (orgId: string) => {
  const refresh = useRefreshKeys(orgId);
  return useMutation({ mutationFn: () => rotateSigningKey(orgId), onSuccess: refresh });
};

export const useRevokeSigningKey = (orgId: string) => {
  const refresh = useRefreshKeys(orgId);
  return useMutation({
    mutationFn: ({ keyId, input }: { keyId: string; input: RevokeKeyInput }) =>
      revokeSigningKey(orgId, keyId, input),
    onSuccess: refresh,
  });
};
