import { z } from 'zod';

const ZIso = z.string().meta({ format: 'date-time' });
const ZBase64 = z.string().meta({ description: 'standard base64 (RFC 4648 §4)' });

// Up to 15 digits stays below 2^53, so every accepted size or index is exact in JavaScript.
export const ZTreeNumber = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,14})$/, 'a whole number without leading zeros')
  .transform(Number);

export const ZInclusionProof = z.object({
  index: z.number(),
  size: z.number(),
  leafHash: ZBase64,
  hashes: z.array(ZBase64),
});

export const ZConsistencyProof = z.object({ from: z.number(), to: z.number(), hashes: z.array(ZBase64) });

export const ZCheckpointSummary = z.object({
  size: z.number(),
  rootHash: ZBase64,
  createdAt: ZIso,
  note: z.string().meta({ description: 'the signed C2SP checkpoint note, as stored' }),
});

export const ZCheckpointPage = z.object({
  items: z.array(ZCheckpointSummary),
  nextBefore: z.number().nullable(),
});

export const ZEntry = z.object({ index: z.number(), leafHash: ZBase64, body: ZBase64, appendedAt: ZIso });

// Lengths are checked after decoding (413 for an entry over 65,535 bytes), so here only the alphabet.
export const ZAppendEntries = z
  .object({
    entries: z
      .array(z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'standard base64'))
      .min(1)
      .meta({ description: '1..1,000 entries, each 1..65,535 bytes, base64' }),
  })
  .strict();

export const ZAppendPending = z.object({
  status: z.literal('pending'),
  entries: z.array(z.object({ leafHash: ZBase64, queueId: z.string() })),
});

export const ZAppendIntegrated = z.object({
  status: z.literal('integrated'),
  size: z.number(),
  entries: z.array(
    z.object({
      index: z.number(),
      leafHash: ZBase64,
      tlogProof: z.string().meta({ description: 'C2SP tlog-proof@v1 text' }),
    }),
  ),
});
