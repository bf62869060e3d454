import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import { findVisibleShipment } from '../../repository.ts';
import type { WriteContext } from '../../service/context.ts';
import { DEFAULT_DELAY_THRESHOLD_MINUTES } from '../domain/exception-rules.ts';
import {
  findOrganisationThreshold,
  findShipmentThreshold,
  setShipmentThreshold,
  upsertOrganisationThreshold,
} from '../repository-exceptions.ts';

/** The organisation's threshold for the shipments it ships, and whether it is the hub's default. */
export const getExceptionSettings = async (deps: LogisticsDeps, organisationId: string) => {
  const found = await findOrganisationThreshold(deps.db.kysely, organisationId);
  return {
    delayThresholdMinutes: found?.delay_threshold_minutes ?? DEFAULT_DELAY_THRESHOLD_MINUTES,
    isDefault: found === undefined,
    updatedAt: found?.updated_at.toISOString() ?? null,
  };
};

/** Sets the threshold for every shipment the organisation ships that has none of its own. */
export const putExceptionSettings = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  delayThresholdMinutes: number,
) => {
  await deps.db.transaction(async (trx) => {
    await upsertOrganisationThreshold(trx, organisationId, delayThresholdMinutes, deps.now());
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'organisation', id: organisationId },
      detail: { delayThresholdMinutes },
    });
  });
  return getExceptionSettings(deps, organisationId);
};

/**
 * Sets (or with null removes) a shipment's own threshold. Only its shipper may: the threshold is
 * the shipper's promise to itself, and the forwarder and carrier it judges should not move it.
 */
export const putShipmentExceptionSettings = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  shipmentId: string,
  delayThresholdMinutes: number | null,
) => {
  const found = await findVisibleShipment(deps.db.kysely, organisationId, shipmentId);
  if (found === undefined) {
    throw new AppError('logistics.shipment_not_found', `No shipment ${shipmentId}.`);
  }
  if (!found.roles.includes('shipper')) {
    throw new AppError('logistics.shipper_only', 'Only the shipper of a shipment sets its threshold.');
  }
  await deps.db.transaction(async (trx) => {
    await setShipmentThreshold(trx, shipmentId, delayThresholdMinutes, deps.now());
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'shipment', id: shipmentId },
      detail: { delayThresholdMinutes },
    });
  });
  const own = await findShipmentThreshold(deps.db.kysely, shipmentId);
  const organisation = await getExceptionSettings(deps, organisationId);
  return {
    shipmentId,
    delayThresholdMinutes: own?.delay_threshold_minutes ?? null,
    effectiveDelayThresholdMinutes: own?.delay_threshold_minutes ?? organisation.delayThresholdMinutes,
  };
};
