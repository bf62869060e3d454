import type { DocumentsDeps } from '../deps.ts';
import { toHex } from './crypto.ts';
import { getBundle } from './get-bundle.ts';
import { verificationUrl } from './get-document.ts';
import { statusOf } from './presenters.ts';
import { bundleFileName, renderDocumentPdf } from './render-pdf.ts';
import type { ShareTokens } from './share-token.ts';

/** The printable PDF of one of the organisation's documents, with its bundle attached. */
export const getDocumentPdf = async (
  deps: DocumentsDeps,
  tokens: ShareTokens,
  organisationId: string,
  documentId: string,
) => {
  const { row, bundle, logIndex } = await getBundle(deps, organisationId, documentId);
  const pdf = await renderDocumentPdf(
    {
      documentType: row.document_type,
      documentNumber: row.document_number,
      status: statusOf(row),
      docHashHex: toHex(row.doc_hash),
      logIndex,
      verificationUrl: verificationUrl(deps.publicUrl, tokens, row.id),
      issuedAt: row.issued_at,
    },
    bundle,
    deps.now(),
  );
  return { pdf, fileName: bundleFileName(row.document_number).replace(/\.tradehub\.json$/, '.pdf') };
};
