import type { JsonObject } from '@tradehub/verifier';
import type { DocumentType } from './document-types.ts';

export const W3C_CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';

export type StatusPurpose = 'revocation' | 'suspension';
export const statusPurposes: readonly StatusPurpose[] = ['revocation', 'suspension'];

/** What a caller asks to be issued. */
export type DocumentInput = {
  documentType: DocumentType;
  documentNumber: string;
  /** The document's own fields; they become `credentialSubject` next to `type` and `documentNumber`. */
  subject: Record<string, unknown>;
  /** An XML Schema dateTime after which the document no longer holds. */
  validUntil?: string | undefined;
};

/** Where an organisation's status list of one purpose is published. */
export const statusListUrl = (publicUrl: string, organisationId: string, purpose: StatusPurpose): string =>
  `${publicUrl.replace(/\/+$/, '')}/org/${organisationId}/status/${purpose}`;

export type CredentialParams = {
  publicUrl: string;
  organisationId: string;
  credentialId: string;
  issuerDid: string;
  issuerName: string;
  /** XML Schema dateTime, UTC, millisecond precision. */
  validFrom: string;
  /** base64url of 32 random bytes. */
  nonce: string;
  statusIndex: number;
};

/**
 * The unsigned W3C VC 2.0 of a trade document. The nonce keeps a low-entropy document (a short
 * invoice) from being found by hashing guesses against the doc_hash published in the log; the
 * two status entries share the document's index in the revocation and suspension lists.
 */
export const buildUnsignedCredential = (input: DocumentInput, params: CredentialParams): JsonObject => {
  const statusEntry = (purpose: StatusPurpose) => {
    const list = statusListUrl(params.publicUrl, params.organisationId, purpose);
    return {
      id: `${list}#${params.statusIndex}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(params.statusIndex),
      statusListCredential: list,
    };
  };
  return {
    '@context': [W3C_CREDENTIALS_V2],
    id: params.credentialId,
    type: ['VerifiableCredential', 'TradeDocumentCredential'],
    issuer: { id: params.issuerDid, name: params.issuerName },
    validFrom: params.validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    nonce: params.nonce,
    credentialSubject: {
      // JSON by construction: a parsed request body (or a caller's object) that checkSubject passed.
      ...(input.subject as JsonObject),
      type: input.documentType,
      documentNumber: input.documentNumber,
    },
    credentialStatus: [statusEntry('revocation'), statusEntry('suspension')],
  };
};

/** The unsigned BitstringStatusListCredential of one version of a list. */
export const buildStatusListCredential = (params: {
  publicUrl: string;
  organisationId: string;
  purpose: StatusPurpose;
  issuerDid: string;
  issuerName: string;
  validFrom: string;
  encodedList: string;
}): JsonObject => {
  const id = statusListUrl(params.publicUrl, params.organisationId, params.purpose);
  return {
    '@context': [W3C_CREDENTIALS_V2],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: { id: params.issuerDid, name: params.issuerName },
    validFrom: params.validFrom,
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: params.purpose,
      encodedList: params.encodedList,
    },
  };
};
