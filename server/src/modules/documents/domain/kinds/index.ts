import type { FieldError } from '@tradehub/kernel';
import type { DocumentType } from '../document-types.ts';
import { billOfLadingKind } from './bill-of-lading.ts';
import { certificateOfOrigin } from './certificate-of-origin.ts';
import { commercialInvoice } from './commercial-invoice.ts';
import { eInvoice } from './e-invoice.ts';
import type { DocumentKind, DocumentKindSpec } from './kind-spec.ts';
import { packingList } from './packing-list.ts';
import { proformaInvoice } from './proforma-invoice.ts';
import { salesContract } from './sales-contract.ts';

export type {
  Bilingual,
  DocumentKind,
  DocumentKindSpec,
  FieldRender,
  KindColumn,
  KindField,
  KindSection,
} from './kind-spec.ts';
export { documentKinds } from './kind-spec.ts';

const specs: readonly DocumentKindSpec[] = [
  salesContract,
  proformaInvoice,
  commercialInvoice,
  packingList,
  certificateOfOrigin,
  billOfLadingKind,
  eInvoice,
];

/** Every kind the hub knows, by its API id. */
export const kindSpecs: ReadonlyMap<DocumentKind, DocumentKindSpec> = new Map(specs.map((s) => [s.kind, s]));

const byDocumentType: ReadonlyMap<DocumentType, DocumentKindSpec> = new Map(
  specs.map((s) => [s.documentType, s]),
);

/** The spec of a kind, or undefined for a kind the hub does not (yet) register. */
export const kindSpec = (kind: DocumentKind): DocumentKindSpec | undefined => kindSpecs.get(kind);

/** The spec a credentialSubject `type` was issued under, if it is one of the kinds. */
export const kindOfDocumentType = (documentType: string): DocumentKindSpec | undefined =>
  byDocumentType.get(documentType as DocumentType);

/**
 * Checks a subject against its kind's schema: the parsed subject (defaults filled in), or field
 * errors whose `field` starts with `prefix` and names the failing member, e.g.
 * `subject.lines.0.quantity.value`.
 */
export const validateKindSubject = (
  spec: DocumentKindSpec,
  subject: unknown,
  prefix: string,
): { ok: true; subject: Record<string, unknown> } | { ok: false; errors: FieldError[] } => {
  const result = spec.subject.safeParse(subject);
  if (result.success) {
    return { ok: true, subject: result.data };
  }
  const errors: FieldError[] = [];
  for (const issue of result.error.issues.slice(0, 50)) {
    const path = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        errors.push({
          field: `${path}.${key}`,
          code: 'documents.unknown_field',
          message: `${spec.kind} has no field ${key}`,
        });
      }
    } else {
      const missing = issue.code === 'invalid_type' && issue.message.includes('undefined');
      errors.push({
        field: path,
        code: missing ? 'kernel.required' : 'kernel.invalid_format',
        message: issue.message,
      });
    }
  }
  return { ok: false, errors };
};
