import type { PeppolDocumentKind } from './peppol-model.ts';
import { UBL_NS } from './ubl-common.ts';

// The two UBL 2.1 documents Peppol BIS Billing 3.0 binds EN 16931 to differ only in names and in a
// few places (docs/ubl-peppol.md, "Credit notes"); the reader, the writer and the rules share
// everything else and look the names up here.

export const CREDIT_NOTE_NS = 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2';

export type PeppolSyntax = {
  kind: PeppolDocumentKind;
  root: 'Invoice' | 'CreditNote';
  ns: string;
  /** BT-3 */
  typeCode: 'InvoiceTypeCode' | 'CreditNoteTypeCode';
  /** BG-25 */
  line: 'InvoiceLine' | 'CreditNoteLine';
  /** BT-129 */
  quantity: 'InvoicedQuantity' | 'CreditedQuantity';
};

export const PEPPOL_SYNTAX: Readonly<Record<PeppolDocumentKind, PeppolSyntax>> = {
  invoice: {
    kind: 'invoice',
    root: 'Invoice',
    ns: UBL_NS.invoice,
    typeCode: 'InvoiceTypeCode',
    line: 'InvoiceLine',
    quantity: 'InvoicedQuantity',
  },
  creditNote: {
    kind: 'creditNote',
    root: 'CreditNote',
    ns: CREDIT_NOTE_NS,
    typeCode: 'CreditNoteTypeCode',
    line: 'CreditNoteLine',
    quantity: 'CreditedQuantity',
  },
};

/** The syntax of a document element, or undefined when it is neither a UBL Invoice nor a CreditNote. */
export const peppolSyntaxOf = (root: { ns: string; name: string }): PeppolSyntax | undefined =>
  Object.values(PEPPOL_SYNTAX).find((syntax) => syntax.ns === root.ns && syntax.root === root.name);

/**
 * EN 16931's project reference (BT-11) in a UBL 2.1 CreditNote, which has no cac:ProjectReference:
 * a cac:AdditionalDocumentReference with this cbc:DocumentTypeCode (Peppol syntax binding,
 * PEPPOL-EN16931-R080).
 */
export const PROJECT_REFERENCE_TYPE_CODE = '50';
