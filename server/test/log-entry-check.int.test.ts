import { sha256, utf8Encode } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  signTradeLogEntry,
  type TradeLogEntryFields,
  TradeLogEntryKind,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from './support/test-hub.ts';

// The hub's default entry check: what an organisation may append to the log through the API.
describe('entries organisations append to the log', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let alpha: Party;
  let bravo: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    alpha = await createParty(ctx.hub, 'EntryAlpha');
    bravo = await createParty(ctx.hub, 'EntryBravo');
  });
  afterAll(async () => ctx.close());

  const signedBy = async (party: Party, kind: number) => {
    const key = await ctx.hub.identity.signingKeys.activeKey(party.organisationId);
    const fields: TradeLogEntryFields = {
      kind,
      timeMs: Date.now(),
      recordId: sha256(utf8Encode(`record of ${party.organisationId}`)),
      docHash: sha256(utf8Encode(`a contract ${Math.random()}`)),
      prevEntryHash: ZERO_HASH,
      actor: actorHashOfEd25519Key(key.publicKey),
      counterparty: ZERO_HASH,
      aux: ZERO_HASH,
    };
    return signTradeLogEntry(fields, (message) => key.sign(message) as Uint8Array);
  };

  const logRows = async () => {
    const { rows } = await sql<{ n: string }>`
      select (select count(*) from transparency_log.pending) + (select count(*) from transparency_log.entries) as n
    `.execute(ctx.hub.db.kysely);
    return Number(rows[0]?.n);
  };

  const append = (party: Party, body: Uint8Array) =>
    ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/log/entries`,
      headers: { cookie: party.cookie },
      payload: { entries: [Buffer.from(body).toString('base64')] },
    });

  it('accepts an entry the organisation signed with its current key', async () => {
    const before = await logRows();
    const response = await append(alpha, await signedBy(alpha, TradeLogEntryKind.SIGN));
    expect(response.statusCode, response.body).toBe(202);
    expect(await logRows()).toBe(before + 1);
  });

  it('refuses, appending nothing, what the organisation may not log', async () => {
    const valid = await signedBy(alpha, TradeLogEntryKind.SIGN);
    const badSignature = valid.slice();
    badSignature[230] = (badSignature[230] ?? 0) ^ 1;
    const cases: [string, Party, Uint8Array, number, string][] = [
      ['not an entry', alpha, new Uint8Array(100).fill(1), 400, 'transparency-log.entry_malformed'],
      ['a flipped signature bit', alpha, badSignature, 400, 'transparency-log.entry_signature_invalid'],
      [
        "another organisation's key",
        alpha,
        await signedBy(bravo, TradeLogEntryKind.SIGN),
        403,
        'transparency-log.entry_signer_unknown',
      ],
      // Issuances and key statements come only from the hub's own modules, bound to the issuer.
      [
        'an issuance',
        alpha,
        await signedBy(alpha, TradeLogEntryKind.ISSUE),
        403,
        'transparency-log.entry_kind_reserved',
      ],
      [
        'an issuance batch',
        alpha,
        await signedBy(alpha, TradeLogEntryKind.ISSUE_BATCH),
        403,
        'transparency-log.entry_kind_reserved',
      ],
      [
        'a revocation',
        alpha,
        await signedBy(alpha, TradeLogEntryKind.REVOKE),
        403,
        'transparency-log.entry_kind_reserved',
      ],
      [
        'a key statement',
        alpha,
        await signedBy(alpha, TradeLogEntryKind.KEY_ROTATION),
        403,
        'transparency-log.entry_kind_reserved',
      ],
    ];
    for (const [label, party, body, status, code] of cases) {
      const before = await logRows();
      const response = await append(party, body);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string; errors?: { field: string; code: string }[] }>()).toMatchObject({
        errors: [{ field: 'entries.0', code }],
      });
      expect(await logRows(), label).toBe(before);
    }
  });

  it('refuses an entry signed with a key the organisation has since rotated out', async () => {
    const old = await signedBy(bravo, TradeLogEntryKind.SIGN);
    const rotated = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${bravo.organisationId}/keys/rotate`,
      headers: { cookie: bravo.cookie },
      payload: {},
    });
    expect(rotated.statusCode, rotated.body).toBe(201);
    const response = await append(bravo, old);
    expect(response.statusCode, response.body).toBe(403);
  });
});
