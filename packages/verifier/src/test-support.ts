// Builds real evidence for the verifier's tests: an issuer with a did:web DID document, a signed
// credential of the contract's shape, its ISSUE entry in a small RFC 6962 tree, a checkpoint signed
// by the log and cosigned by two witnesses, and signed, logged status lists. Every key comes from a
// fixed seed, so the same options always give the same bytes. Not exported from the package.

import { toBase64Url } from '@tradehub/kernel';
import type { TradehubBundle, TrustPolicy } from './bundle.ts';
import { BUNDLE_TYPE, TRUST_POLICY_TYPE } from './bundle.ts';
import { formatCheckpoint } from './checkpoint.ts';
import { cosignCheckpoint, formatWitnessVerifierKey } from './cosignature.ts';
import type { JsonObject } from './data-integrity.ts';
import { createEddsaJcs2022Proof } from './data-integrity.ts';
import type { TradeLogEntryFields } from './entry.ts';
import { actorHashOfEd25519Key, signTradeLogEntry, TradeLogEntryKind, ZERO_HASH } from './entry.ts';
import { inclusionProof, leafHash, rootFromLeafHashes } from './merkle.ts';
import { encodeEd25519Multikey } from './multibase.ts';
import type { NoteSigner } from './note.ts';
import { formatVerifierKey, signerFromEd25519Seed, signNote } from './note.ts';
import { encodeStatusList, newStatusBits, writeStatusBit } from './status-list.ts';
import { formatTlogProof } from './tlog-proof.ts';
import { documentHash, tradeLogRecordId } from './verify.ts';

export const ORIGIN = 'hub.example/log';
export const ORG_ID = 'org_01J000000000000000000000';
export const ISSUER_DID = `did:web:hub.example:org:${ORG_ID}`;
export const KEY_ID = `${ISSUER_DID}#key-1`;
export const STATUS_BASE = `https://hub.example/org/${ORG_ID}/status`;
export const ISSUED_AT = '2026-03-01T10:00:00.000Z';
export const REVOCATION_INDEX = 17;
export const SUSPENSION_INDEX = 40_001;

const seed = (n: number) => new Uint8Array(32).fill(n);

/** The issuer's signing key (seed 11). */
export const ISSUER_SEED = seed(11);
export const issuerSigner: NoteSigner = signerFromEd25519Seed('issuer', ISSUER_SEED);
/** The log's checkpoint key (seed 21). */
export const logSigner: NoteSigner = signerFromEd25519Seed(ORIGIN, seed(21));
/** Another key named like the log: what an impostor would sign with. */
export const impostorLogSigner: NoteSigner = signerFromEd25519Seed(ORIGIN, seed(22));
/** The two witnesses of the trust policy. */
export const witnessSigners: readonly NoteSigner[] = [
  signerFromEd25519Seed('customs.example/witness', seed(31)),
  signerFromEd25519Seed('bank.example/witness', seed(32)),
];

/** Options of buildScenario: each one produces one kind of bad (or good) evidence. */
export type ScenarioOptions = {
  /** The proof's `created` (default ISSUED_AT). */
  readonly created?: string;
  /** `revoked` / `expires` on the issuer's key in its DID document. */
  readonly keyRevoked?: string;
  readonly keyExpires?: string;
  /** Set the credential's bit in the revocation or suspension list. */
  readonly revoked?: boolean;
  readonly suspended?: boolean;
  /** Leave the status lists out of the bundle. */
  readonly withoutStatusList?: boolean;
  /** The checkpoint's tree size (default 9) and the credential's leaf index (default 2). */
  readonly treeSize?: number;
  readonly index?: number;
  /** Give an inclusion proof computed for this tree size instead of the checkpoint's. */
  readonly proofTreeSize?: number;
  /** Sign the checkpoint with a key the trust policy does not list. */
  readonly unknownLogKey?: boolean;
  /** The first witness's cosignature is one it made for an older (rolled-back) tree. */
  readonly rolledBackCosignature?: boolean;
  /** Do not pin the issuer's DID document in the trust policy. */
  readonly unpinned?: boolean;
  /** A witness quorum other than 2. */
  readonly quorum?: number;
  /** Change the credential subject (a different document, same issuer). */
  readonly documentNumber?: string;
};

/** Everything a verification test needs. */
export type Scenario = {
  readonly bundle: TradehubBundle;
  readonly credential: JsonObject;
  readonly didDocument: JsonObject;
  readonly trustPolicy: TrustPolicy;
  readonly checkpointNote: string;
  readonly entry: Uint8Array;
};

const statusListUrl = (purpose: string) => `${STATUS_BASE}/${purpose}`;

function issuerKeyMethod(options: ScenarioOptions): JsonObject {
  return {
    id: KEY_ID,
    type: 'Multikey',
    controller: ISSUER_DID,
    publicKeyMultibase: encodeEd25519Multikey(issuerSigner.publicKey),
    ...(options.keyExpires === undefined ? {} : { expires: options.keyExpires }),
    ...(options.keyRevoked === undefined ? {} : { revoked: options.keyRevoked }),
  };
}

/** The issuer's DID document, as the identity module serves it. */
export function issuerDidDocument(options: ScenarioOptions = {}): JsonObject {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: ISSUER_DID,
    verificationMethod: [issuerKeyMethod(options)],
    // Revoked keys are no longer listed for issuing; rotated-out ones still are.
    assertionMethod: options.keyRevoked === undefined ? [KEY_ID] : [],
  };
}

function credentialStatus(purpose: string, index: number): JsonObject {
  return {
    id: `${statusListUrl(purpose)}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: statusListUrl(purpose),
  };
}

/** The unsigned credential of the contract's shape. */
export function unsignedCredential(options: ScenarioOptions = {}): JsonObject {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:019a0000-0000-7000-8000-000000000001',
    type: ['VerifiableCredential', 'TradeDocumentCredential'],
    issuer: { id: ISSUER_DID, name: 'Example Exports Ltd' },
    validFrom: ISSUED_AT,
    nonce: toBase64Url(seed(99)),
    credentialSubject: {
      type: 'CommercialInvoice',
      documentNumber: options.documentNumber ?? 'INV-2026-0001',
      seller: 'Example Exports Ltd',
      buyer: 'Example Imports GmbH',
      totalAmount: { amountMinor: '1250000', currency: 'USD' },
    },
    credentialStatus: [
      credentialStatus('revocation', REVOCATION_INDEX),
      credentialStatus('suspension', SUSPENSION_INDEX),
    ],
  };
}

function sign(document: JsonObject, created: string): JsonObject {
  return createEddsaJcs2022Proof({
    document,
    privateKey: ISSUER_SEED,
    verificationMethod: KEY_ID,
    created,
  }) as JsonObject;
}

function entryFor(kind: number, recordId: Uint8Array, docHash: Uint8Array, timeMs: number): Uint8Array {
  const fields: TradeLogEntryFields = {
    kind,
    timeMs,
    recordId,
    docHash,
    prevEntryHash: ZERO_HASH,
    actor: actorHashOfEd25519Key(issuerSigner.publicKey),
    counterparty: ZERO_HASH,
    aux: ZERO_HASH,
  };
  return signTradeLogEntry(fields, issuerSigner.sign);
}

async function statusListCredential(purpose: string, setIndex: number | undefined): Promise<JsonObject> {
  const bits = newStatusBits();
  if (setIndex !== undefined) {
    writeStatusBit(bits, setIndex, true);
  }
  const url = statusListUrl(purpose);
  return sign(
    {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER_DID,
      validFrom: '2026-03-02T08:00:00.000Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: purpose,
        encodedList: await encodeStatusList(bits),
      },
    },
    '2026-03-02T08:00:00Z',
  );
}

function signedCheckpoint(leaves: readonly Uint8Array[], signer: NoteSigner): string {
  const text = formatCheckpoint({
    origin: ORIGIN,
    size: leaves.length,
    rootHash: rootFromLeafHashes(leaves),
  });
  return signNote(text, [signer]);
}

function cosign(note: string, rolledBackLine: string | undefined): string {
  const text = note.slice(0, note.indexOf('\n\n') + 1);
  const lines = witnessSigners.map((w, i) =>
    i === 0 && rolledBackLine !== undefined ? rolledBackLine : cosignCheckpoint(text, w, 1_772_400_000 + i),
  );
  return `${note}${lines.join('')}`;
}

/** Builds a bundle and a trust policy; options make one thing wrong at a time. */
export async function buildScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const treeSize = options.treeSize ?? 9;
  const index = options.index ?? 2;
  const timeMs = Date.parse(ISSUED_AT);
  const credential = sign(unsignedCredential(options), options.created ?? ISSUED_AT);
  const issueEntry = entryFor(
    TradeLogEntryKind.ISSUE,
    tradeLogRecordId(ISSUER_DID, credential.id as string),
    documentHash(credential),
    timeMs,
  );
  const lists = [
    await statusListCredential('revocation', options.revoked === true ? REVOCATION_INDEX : undefined),
    await statusListCredential('suspension', options.suspended === true ? SUSPENSION_INDEX : undefined),
  ];
  const listEntries = lists.map((list) =>
    entryFor(
      TradeLogEntryKind.STATUS_LIST_PUBLISHED,
      tradeLogRecordId(ISSUER_DID, list.id as string),
      documentHash(list),
      Date.parse('2026-03-02T08:00:00.000Z'),
    ),
  );
  const listIndices = [index + 1, index + 2];
  const entries: Uint8Array[] = Array.from({ length: treeSize }, (_, i) =>
    Uint8Array.of(0xee, i % 256, Math.floor(i / 256)),
  );
  entries[index] = issueEntry;
  listIndices.forEach((at, i) => {
    entries[at] = listEntries[i] as Uint8Array;
  });
  const leaves = entries.map(leafHash);
  const note = signedCheckpoint(leaves, options.unknownLogKey === true ? impostorLogSigner : logSigner);
  const rolledBack =
    options.rolledBackCosignature === true
      ? cosignCheckpoint(
          formatCheckpoint({
            origin: ORIGIN,
            size: treeSize - 1,
            rootHash: rootFromLeafHashes(leaves.slice(0, -1)),
          }),
          witnessSigners[0] as NoteSigner,
          1_772_300_000,
        )
      : undefined;
  const checkpointNote = cosign(note, rolledBack);
  const proofLeaves = leaves.slice(0, options.proofTreeSize ?? treeSize);
  const tlogProof = (entry: Uint8Array, at: number, from: readonly Uint8Array[]) =>
    formatTlogProof({
      extra: entry,
      index: at,
      hashes: inclusionProof(from, at),
      checkpoint: checkpointNote,
    });
  const didDocument = issuerDidDocument(options);
  const bundle: TradehubBundle = {
    type: BUNDLE_TYPE,
    credential,
    tlogProof: tlogProof(issueEntry, index, proofLeaves),
    issuerDidDocument: didDocument,
    ...(options.withoutStatusList === true
      ? {}
      : {
          statusList: {
            credentials: lists,
            tlogProofs: listEntries.map((entry, i) => tlogProof(entry, listIndices[i] as number, leaves)),
          },
        }),
  };
  const trustPolicy: TrustPolicy = {
    type: TRUST_POLICY_TYPE,
    logs: [{ origin: ORIGIN, vkeys: [formatVerifierKey(ORIGIN, logSigner.publicKey)] }],
    witnesses: {
      vkeys: witnessSigners.map((w) => formatWitnessVerifierKey(w.name, w.publicKey)),
      quorum: options.quorum ?? 2,
    },
    ...(options.unpinned === true ? {} : { issuers: { didDocuments: { [ISSUER_DID]: didDocument } } }),
  };
  return { bundle, credential, didDocument, trustPolicy, checkpointNote, entry: issueEntry };
}
