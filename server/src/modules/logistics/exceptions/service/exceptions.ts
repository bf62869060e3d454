import { AppError } from '@tradehub/kernel';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import type { ExceptionState } from '../domain/exception-rules.ts';
import { findVisibleException, listVisibleExceptions, updateException } from '../repository-exceptions.ts';
import { presentException } from './changes.ts';

/** A page of the exceptions of the shipments the organisation ships, forwards or carries. */
export const listExceptions = async (
  deps: LogisticsDeps,
  filter: {
    organisationId: string;
    shipmentId?: string | undefined;
    state?: ExceptionState | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) => {
  const rows = await listVisibleExceptions(deps.db.kysely, { ...filter, before: filter.cursor });
  const page = rows.slice(0, filter.limit);
  return {
    items: page.map(presentException),
    nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null,
  };
};

/**
 * Marks an open exception as seen. Acknowledging twice answers the same; a resolved exception has
 * nothing left to acknowledge (409). One acknowledgement counts for every party of the shipment.
 */
export const acknowledgeException = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  organisationId: string,
  exceptionId: string,
) =>
  deps.db.transaction(async (trx) => {
    const found = await findVisibleException(trx, organisationId, exceptionId, true);
    if (found === undefined) {
      throw new AppError('logistics.exception_not_found', `No exception ${exceptionId}.`);
    }
    if (found.state === 'resolved') {
      throw new AppError(
        'logistics.exception_resolved',
        'The exception is resolved; there is nothing to acknowledge.',
      );
    }
    const at = deps.now();
    const row =
      found.state === 'acknowledged'
        ? found
        : {
            ...(await updateException(trx, exceptionId, {
              state: 'acknowledged',
              acknowledged_by_organisation_id: organisationId,
              acknowledged_at: at,
              updated_at: at,
            })),
            shipment_reference: found.shipment_reference,
          };
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'shipment', id: found.shipment_id },
      detail: { exceptionId, kind: found.kind, state: row.state },
    });
    return presentException(row);
  });
