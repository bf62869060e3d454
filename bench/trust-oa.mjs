// The peer of `npm run bench -- trust`: OpenAttestation v2 (@govtechsg/open-attestation) wrapping,
// signing and checking the same invoices tradehub issues, all locally: wrapDocuments (salting,
// Keccak-256 digests, one Merkle tree over the batch), signDocument with a secp256k1 key for
// every document (as open-attestation-cli's `sign` does, one file at a time), then the offline
// integrity check verifySignature. Nothing here touches a network: OpenAttestation's status and
// identity checks need an Ethereum node and DNS, so they cannot be part of an offline figure.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { arrayify } from '@ethersproject/bytes';
import { verifyMessage, Wallet } from '@ethersproject/wallet';
import {
  SUPPORTED_SIGNING_ALGORITHM,
  signDocument,
  verifySignature,
  wrapDocuments,
} from '@govtechsg/open-attestation';

/** The package version measured, read from its package.json so the output cannot go stale. */
export const openAttestationVersion = async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  return require('@govtechsg/open-attestation/package.json').version;
};

/**
 * A secp256k1 key derived from the seed, so the run is reproducible; `Wallet.createRandom()`
 * would do as well but would change the signatures every time.
 */
export const benchWallet = (seed) =>
  new Wallet(`0x${createHash('sha256').update(`tradehub bench oa key ${seed}`).digest('hex')}`);

/**
 * The OA v2 document for one invoice: the minimal DID-signed issuer block OA v2 requires (DNS-DID
 * identity proof at a dummy domain, no revocation store) plus the same fields tradehub issues.
 */
export const openAttestationDocumentOf = (invoice, wallet, issuerName) => ({
  $template: { name: 'COMMERCIAL_INVOICE', type: 'EMBEDDED_RENDERER', url: 'https://renderer.example' },
  issuers: [
    {
      id: `did:ethr:${wallet.address}`,
      name: issuerName,
      revocation: { type: 'NONE' },
      identityProof: {
        type: 'DNS-DID',
        location: 'yiwu-commodities.example',
        key: `did:ethr:${wallet.address}#controller`,
      },
    },
  ],
  documentType: 'CommercialInvoice',
  documentNumber: invoice.documentNumber,
  ...invoice.payload,
});

/** Wall and CPU seconds from here to the call of the returned function. */
const stopwatch = () => {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { wallS: (performance.now() - wall) / 1000, cpuS: (used.user + used.system) / 1e6 };
  };
};

/**
 * Wraps, signs and checks `invoices` with OpenAttestation; returns seconds per phase and the
 * number of documents that passed each check. Progress goes to `progress(line)`.
 */
export const measureOpenAttestation = async ({ invoices, wallet, issuerName, progress }) => {
  const n = invoices.length;
  const documents = invoices.map((invoice) => openAttestationDocumentOf(invoice, wallet, issuerName));

  progress(`oa: wrapDocuments(${n.toLocaleString('en')}) ...`);
  let stop = stopwatch();
  const wrapped = wrapDocuments(documents);
  const wrap = stop();
  documents.length = 0;

  progress(`oa: signDocument x ${n.toLocaleString('en')} ...`);
  stop = stopwatch();
  const signed = new Array(n);
  for (let i = 0; i < n; i += 1) {
    signed[i] = await signDocument(
      wrapped[i],
      SUPPORTED_SIGNING_ALGORITHM.Secp256k1VerificationKey2018,
      wallet,
    );
    if ((i + 1) % 10_000 === 0) {
      progress(`oa: signed ${(i + 1).toLocaleString('en')}`);
    }
  }
  const sign = stop();
  wrapped.length = 0;

  // The bytes a holder keeps: what a QR code or an e-mail attachment would have to carry.
  const sampleBytes = Buffer.byteLength(JSON.stringify(signed[0]));

  progress(`oa: verifySignature x ${n.toLocaleString('en')} ...`);
  stop = stopwatch();
  let integrityValid = 0;
  for (let i = 0; i < n; i += 1) {
    if (verifySignature(signed[i])) {
      integrityValid += 1;
    }
  }
  const verify = stop();

  // The nearest offline counterpart of tradehub's signature check: recover the signer of the
  // merkle root and compare it with the issuer's key. oa-verify does this only after resolving
  // the DID over the network, so it is reported beside the integrity figure, not in it. Only the
  // recovery is timed here; the integrity time above is added to it.
  progress(`oa: signer recovery x ${n.toLocaleString('en')} ...`);
  stop = stopwatch();
  let signatureValid = 0;
  const expected = wallet.address.toLowerCase();
  for (let i = 0; i < n; i += 1) {
    const document = signed[i];
    const recovered = verifyMessage(
      arrayify(`0x${document.signature.merkleRoot}`),
      document.proof[0].signature,
    );
    if (recovered.toLowerCase() === expected) {
      signatureValid += 1;
    }
  }
  const recovery = stop();
  const verifyWithSigner = { wallS: verify.wallS + recovery.wallS, cpuS: verify.cpuS + recovery.cpuS };

  // A tampered copy must fail, or the check above would count nothing.
  const tampered = structuredClone(signed[0]);
  tampered.data.documentNumber = `${tampered.data.documentNumber.split(':').slice(0, 2).join(':')}:FORGED`;
  const tamperedRejected = !verifySignature(tampered);

  return {
    n,
    wrap,
    sign,
    issue: { wallS: wrap.wallS + sign.wallS, cpuS: wrap.cpuS + sign.cpuS },
    verify,
    verifyWithSigner,
    integrityValid,
    signatureValid,
    tamperedRejected,
    sampleBytes,
  };
};
