import { AppError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { checkEntries } from '../domain/entry-limits.ts';
import { leafHashOf } from '../domain/hashing.ts';
import { findTreeSize } from '../repository.ts';
import type { LogContext } from './context.ts';
import type { Sequencer } from './create-sequencer.ts';
import { requireCheckpoint } from './get-checkpoint.ts';
import { queueEntries } from './queue-entries.ts';
import { tlogProofsAt } from './tlog-proof.ts';

/**
 * Decides whether an organisation may put `body` in the log: resolves to nothing to accept it, or
 * to the AppError that refuses it. The composition root plugs in "a TradeLogEntry v1 signed by a
 * current key of this organisation"; the module's default accepts any bytes.
 */
export type CheckEntry = (organisationId: string, body: Uint8Array) => Promise<undefined | AppError>;

/** What appending needs beyond the log context. */
export type AppendDeps = { sequencer: Sequencer; checkEntry: CheckEntry; waitMs: number };

export type AppendInput = {
  organisationId: string;
  bodies: readonly Uint8Array[];
  /** Wait (at most `waitMs`) until a checkpoint covers the entries, and answer with their proofs. */
  waitForIntegration: boolean;
  /** Records the append in the audit trail, inside the transaction that queues the entries. */
  audit: (trx: Executor, detail: Record<string, unknown>) => Promise<void>;
};

export type AppendResult =
  | { status: 'pending'; entries: { leafHash: Uint8Array; queueId: string }[] }
  | {
      status: 'integrated';
      size: number;
      entries: { index: number; leafHash: Uint8Array; tlogProof: string }[];
    };

/**
 * Appends an organisation's entries: all of them or none. Sizes are checked first (413
 * `transparency-log.too_many_entries` / `entry_too_large`, 400 `entry_empty`), then every entry
 * by `checkEntry` (its error, naming the entry's position), then they are queued and audited in
 * one transaction. Without waiting, or when the wait runs out, the answer says they are pending.
 */
export const appendEntries = async (
  ctx: LogContext,
  deps: AppendDeps,
  input: AppendInput,
): Promise<AppendResult> => {
  checkEntries(input.bodies);
  for (const [position, body] of input.bodies.entries()) {
    const refusal = await deps.checkEntry(input.organisationId, body);
    if (refusal !== undefined) {
      throw new AppError(refusal.code, refusal.message, {
        ...(refusal.details === undefined ? {} : { details: refusal.details }),
        fieldErrors: [{ field: `entries.${position}`, code: refusal.code, message: refusal.message }],
      });
    }
  }
  const leafHashes = input.bodies.map(leafHashOf);
  const { queueIds, sizeBefore } = await ctx.db.transaction(async (trx) => {
    // Entries queued here get indices at or above the size committed now.
    const size = await findTreeSize(trx);
    const queued = await queueEntries(trx, input.bodies);
    await input.audit(trx, { entries: input.bodies.length, firstQueueId: queued.queueIds[0] });
    return { queueIds: queued.queueIds, sizeBefore: size };
  });
  const pending: AppendResult = {
    status: 'pending',
    entries: queueIds.map((queueId, i) => ({ queueId, leafHash: leafHashes[i] as Uint8Array })),
  };
  if (!input.waitForIntegration) {
    deps.sequencer.poke(queueIds.length);
    return pending;
  }
  const integrated = deps.sequencer.waitForEntries(
    queueIds.map((queueId, i) => ({ queueId, leafHash: leafHashes[i] as Uint8Array })),
    sizeBefore,
    deps.waitMs,
  );
  deps.sequencer.poke(queueIds.length);
  const indices = await integrated;
  if (indices === undefined) {
    return pending;
  }
  const checkpoint = await requireCheckpoint(ctx);
  const proofs = await tlogProofsAt(ctx, indices, checkpoint);
  return {
    status: 'integrated',
    size: checkpoint.size,
    entries: indices.map((index, i) => ({
      index,
      leafHash: leafHashes[i] as Uint8Array,
      tlogProof: proofs[i] as string,
    })),
  };
};
