/**
 * The kinds of document the hub issues, named after the key trade documents of the ICC DSI KTDDE
 * analysis (commercial, transport, border, financial groups). The name becomes the
 * `credentialSubject.type` of the credential.
 */
export const documentTypes = [
  'CommercialInvoice',
  'PackingList',
  'CertificateOfOrigin',
  'BillOfLading',
  'InsuranceCertificate',
  'InspectionCertificate',
  'PurchaseOrder',
  'Other',
  'SalesContract',
  'ProformaInvoice',
  'EInvoice',
] as const;

export type DocumentType = (typeof documentTypes)[number];
