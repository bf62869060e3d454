import type { Database } from '../../platform/db/index.ts';
import type { TransparencyLogModule } from '../transparency-log/index.ts';
import type { LoginLimiter } from './domain/login-limiter.ts';
import type { KeyProvider } from './keys/key-provider.ts';

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** A hash made with the same cost as real ones, to verify against when no account matches. */
  decoyHash(): Promise<string>;
};

export type UnlocodeCheck = (code: string) => 'verified' | 'unverified' | 'invalid';

/** What the identity module needs from the composition root. */
export type IdentityDeps = {
  db: Database;
  now: () => Date;
  passwords: PasswordHasher;
  loginLimiter: LoginLimiter;
  checkUnlocode: UnlocodeCheck;
  /** Base URL for links sent to people (invitations). */
  publicUrl: string;
  /** Send the session cookie only over https. */
  cookieSecure: boolean;
  sessionTtlMs: number;
  invitationTtlMs: number;
  /** Wakes the outbox dispatcher once a transaction that published events has committed. */
  afterCommit: () => void;
  /** Makes and uses organisations' signing keys (createLocalKeyProvider unless an HSM/KMS is configured). */
  keyProvider: KeyProvider;
  /** Where key creations, rotations and revocations are committed, in the change's transaction. */
  transparencyLog: Pick<TransparencyLogModule, 'queueEntries'>;
};
