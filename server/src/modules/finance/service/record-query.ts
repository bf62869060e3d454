import { newId } from '@tradehub/kernel';
import { actorId, type Executor } from '../../../platform/access/index.ts';
import type { AssetType, Fingerprint } from '../domain/fingerprints.ts';
import type { RegistryAnswer } from '../domain/registry-answer.ts';
import { insertRegistryQuery, type RegistryQueryRow } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { fingerprintTrail } from './presenters.ts';

/** Appends a check or registration attempt to the registry's query trail; returns its id. */
export const recordRegistryQuery = async (
  ex: Executor,
  ctx: Pick<WriteContext, 'actor' | 'requestId'>,
  entry: {
    kind: RegistryQueryRow['kind'];
    organisationId: string;
    assetType: AssetType;
    keyId: string;
    /** Under the key `keyId` only. */
    fingerprints: readonly Fingerprint[];
    answer: RegistryQueryRow['answer'];
    risk: RegistryAnswer['risk'];
    at: Date;
  },
): Promise<string> => {
  const id = newId('frq');
  await insertRegistryQuery(ex, {
    id,
    kind: entry.kind,
    organisation_id: entry.organisationId,
    actor_type: ctx.actor.kind,
    actor_id: actorId(ctx.actor),
    request_id: ctx.requestId,
    asset_type: entry.assetType,
    key_id: entry.keyId,
    fingerprints: fingerprintTrail(entry.fingerprints),
    answer: entry.answer,
    risk: entry.risk,
    asked_at: entry.at,
  });
  return id;
};
