import { X509Certificate } from 'node:crypto';
import { AppError } from '@tradehub/kernel';
import { DOMParser } from '@xmldom/xmldom';
import fc from 'fast-check';
import smCrypto from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { SignedXml } from 'xml-crypto';
import { createSoftCebSigner, signCebMessage, verifyCebSignature } from './index.ts';
import { readSm2PrivateKey } from './sm2.ts';
import { testdata, testSigner, unsignedSample } from './test-support.ts';

const SAMPLES = ['CEB621Message.xml', 'CEB303Message.xml', 'CEB411Message.xml'] as const;
const ALGORITHMS = ['rsa-sha1', 'sm2-sm3'] as const;
const rsaSigner = testSigner('rsa-sha1');
const sm2Signer = testSigner('sm2-sm3');
const signerFor = (algorithm: (typeof ALGORITHMS)[number]) =>
  algorithm === 'rsa-sha1' ? rsaSigner : sm2Signer;
const unsigned621 = unsignedSample('CEB621Message.xml');
const signed621 = {
  'rsa-sha1': await signCebMessage(unsigned621, rsaSigner),
  'sm2-sm3': await signCebMessage(unsigned621, sm2Signer),
};
const SIGNATURE_BLOCK = /\n?[ \t]*<ds:Signature[\s\S]*<\/ds:Signature>/;

const codeOf = (xml: string) => {
  const result = verifyCebSignature(xml);
  return result.valid ? 'valid' : result.code;
};

describe('signCebMessage → verifyCebSignature on official samples', () => {
  for (const sample of SAMPLES) {
    for (const algorithm of ALGORITHMS) {
      it(`${sample}, ${algorithm}`, async () => {
        const source = unsignedSample(sample);
        const signer = signerFor(algorithm);
        const signed = await signCebMessage(source, signer);
        expect(verifyCebSignature(signed)).toMatchObject({
          valid: true,
          algorithm,
          digestAlgorithm: 'sha1',
          certNo: signer.certNo,
          subject: expect.stringContaining('tradehub test'),
        });
        // Only the signature was added (and the byte-order mark dropped): the rest is untouched.
        expect(signed.replace(SIGNATURE_BLOCK, '')).toBe(source.replace(/^\uFEFF/, ''));
        // The signature is the root's last child, after BaseTransfer.
        expect(signed).toMatch(
          /<\/ceb:BaseTransfer>\n\t<ds:Signature [\s\S]*<\/ds:Signature>\n<\/ceb:CEB\d+Message>\s*$/,
        );
      });
    }
  }

  it('writes the format of reference §8.2: URIs, KeyName = certNo, X509Certificate = the DER certificate', () => {
    const xml = signed621['sm2-sm3'];
    expect(xml).toContain('<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">');
    expect(xml).toContain('Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"');
    expect(xml).toContain('<ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sm2-sm3">');
    expect(xml).toContain('<ds:Reference URI="">');
    expect(xml).toContain('Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"');
    expect(xml).toContain('<ds:KeyName>7e57a002</ds:KeyName>');
    const certificate = /<ds:X509Certificate>([^<]+)</.exec(xml)?.[1] ?? '';
    expect(new X509Certificate(Buffer.from(certificate, 'base64')).serialNumber).toBe('7E57A002');
    expect(signed621['rsa-sha1']).toContain(
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#rsa-sha1">',
    );
    expect(signed621['rsa-sha1']).toContain(
      '<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1">',
    );
  });

  it('SM2 with an SM3 digest on request; RSA refuses an SM3 digest', async () => {
    const signed = await signCebMessage(unsigned621, sm2Signer, { digest: 'sm3' });
    expect(signed).toContain('<ds:DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sm3">');
    expect(verifyCebSignature(signed)).toMatchObject({
      valid: true,
      algorithm: 'sm2-sm3',
      digestAlgorithm: 'sm3',
    });
    expect(codeOf(signed.replace('李小宝', '李大宝'))).toBe('customs.signature_digest_mismatch');
    await expect(signCebMessage(unsigned621, rsaSigner, { digest: 'sm3' })).rejects.toMatchObject({
      code: 'customs.signature_not_signable',
    });
  });

  it('refuses to sign a message that is already signed, or is not acceptable XML', async () => {
    await expect(signCebMessage(signed621['rsa-sha1'], rsaSigner)).rejects.toBeInstanceOf(AppError);
    await expect(signCebMessage('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', rsaSigner)).rejects.toMatchObject(
      {
        code: 'customs.signature_not_signable',
      },
    );
    // A signer whose certificate holds the other kind of key (a misconfigured UKey bridge).
    await expect(
      signCebMessage(unsigned621, { ...rsaSigner, certificatePem: sm2Signer.certificatePem }),
    ).rejects.toMatchObject({ code: 'customs.signature_not_signable' });
  });

  it('a signer over a key that is not the certificate’s is refused at creation', () => {
    const pem = (name: string) => testdata(name);
    expect(() =>
      createSoftCebSigner({
        algorithm: 'sm2-sm3',
        privateKeyPem: pem('sm2-test-key.pem'),
        certificatePem: pem('rsa-test-cert.pem'),
      }),
    ).toThrow('does not belong');
    expect(() =>
      createSoftCebSigner({
        algorithm: 'rsa-sha1',
        privateKeyPem: pem('rsa-test-key.pem'),
        certificatePem: pem('sm2-test-cert.pem'),
      }),
    ).toThrow('does not belong');
    expect(() =>
      createSoftCebSigner({
        algorithm: 'rsa-sha1',
        privateKeyPem: pem('sm2-test-key.pem'),
        certificatePem: pem('sm2-test-cert.pem'),
      }),
    ).toThrow('does not belong');
    expect(() =>
      createSoftCebSigner({
        algorithm: 'rsa-sha1',
        privateKeyPem: pem('rsa-test-key.pem'),
        certificatePem: pem('rsa-test-cert.pem'),
        certNo: '7E57A001',
      }),
    ).toThrow('certificate number');
  });
});

describe('independent checks', () => {
  it('RSA-SHA1 signatures verify with xml-crypto’s SignedXml (a second library)', () => {
    const check = (xml: string) => {
      const document = new DOMParser().parseFromString(xml, 'text/xml');
      const signature = document
        .getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')
        .item(0);
      const verifier = new SignedXml({ publicCert: testdata('rsa-test-cert.pem') });
      verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
      return verifier.checkSignature(xml);
    };
    expect(check(signed621['rsa-sha1'])).toBe(true);
    expect(check(signed621['rsa-sha1'].replace('李小宝', '李大宝'))).toBe(false);
  });

  it('SM2-SM3 signature values verify with sm-crypto over the SignedInfo canonicalised by hand', () => {
    const xml = signed621['sm2-sm3'];
    // Inclusive C14N of SignedInfo as written here: the start tag gains every namespace in scope
    // (the root's ceb and xsi, the Signature's ds) in prefix order; nothing else changes.
    const signedInfo = (/<ds:SignedInfo>[\s\S]*<\/ds:SignedInfo>/.exec(xml)?.[0] ?? '').replace(
      '<ds:SignedInfo>',
      '<ds:SignedInfo xmlns:ceb="http://www.chinaport.gov.cn/ceb" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    );
    const signatureValue = Buffer.from(/<ds:SignatureValue>([^<]+)</.exec(xml)?.[1] ?? '', 'base64');
    const { publicKey } = readSm2PrivateKey(testdata('sm2-test-key.pem'));
    const publicHex = `04${publicKey.x.toString(16).padStart(64, '0')}${publicKey.y.toString(16).padStart(64, '0')}`;
    const verify = (text: string) =>
      smCrypto.sm2.doVerifySignature(
        [...Buffer.from(text, 'utf8')],
        signatureValue.toString('hex'),
        publicHex,
        { hash: true },
      );
    expect(signatureValue).toHaveLength(64);
    expect(verify(signedInfo)).toBe(true);
    expect(verify(signedInfo.replace('URI=""', 'URI="#x"'))).toBe(false);
  });

  it('the SM2 message digest equals the RSA one, which xmlsec1 checks (ceb-signature.interop.test.ts)', () => {
    const digestOf = (xml: string) => /<ds:DigestValue>([^<]+)</.exec(xml)?.[1];
    expect(digestOf(signed621['sm2-sm3'])).toBe(digestOf(signed621['rsa-sha1']));
  });
});

describe('tampering is refused with the right code', () => {
  for (const algorithm of ALGORITHMS) {
    describe(algorithm, () => {
      const signed = signed621[algorithm];
      it('one character of a field → digest mismatch', () => {
        expect(codeOf(signed.replace('李小宝', '李大宝'))).toBe('customs.signature_digest_mismatch');
        expect(codeOf(signed.replace('<ceb:freight>500<', '<ceb:freight>501<'))).toBe(
          'customs.signature_digest_mismatch',
        );
        expect(codeOf(signed.replace('guid="4CDE1CFD', 'guid="5CDE1CFD'))).toBe(
          'customs.signature_digest_mismatch',
        );
      });

      it('re-indenting the message → digest mismatch; a comment added → still valid (C14N drops comments)', () => {
        expect(codeOf(signed.replace('\t<ceb:Inventory>', '  <ceb:Inventory>'))).toBe(
          'customs.signature_digest_mismatch',
        );
        expect(codeOf(signed.replace('<ceb:freight>', '<!-- note --><ceb:freight>'))).toBe('valid');
      });

      it('the digest value → signature invalid', () => {
        const digest = /<ds:DigestValue>([^<]+)</.exec(signed)?.[1] ?? '';
        const changed = `${digest[0] === 'A' ? 'B' : 'A'}${digest.slice(1)}`;
        expect(codeOf(signed.replace(digest, changed))).toBe('customs.signature_invalid');
      });

      it('the signature value → signature invalid', () => {
        const value = /<ds:SignatureValue>([^<]+)</.exec(signed)?.[1] ?? '';
        const changed = `${value.slice(0, 10)}${value[10] === 'A' ? 'B' : 'A'}${value.slice(11)}`;
        expect(codeOf(signed.replace(value, changed))).toBe('customs.signature_invalid');
      });

      it('another certificate → signature invalid', () => {
        const other = algorithm === 'rsa-sha1' ? sm2Signer : rsaSigner;
        const certificate = /<ds:X509Certificate>([^<]+)</.exec(signed)?.[1] ?? '';
        const otherCertificate = new X509Certificate(other.certificatePem).raw.toString('base64');
        expect(codeOf(signed.replace(certificate, otherCertificate))).toBe('customs.signature_invalid');
        // A real E-port RSA certificate (from the official sample) in place of ours.
        const eport = /<ds:X509Certificate>([^<]+)</.exec(testdata('CEB621Message.xml'))?.[1] ?? '';
        expect(codeOf(signed.replace(certificate, eport))).toBe('customs.signature_invalid');
      });

      it('a second Reference, another URI, extra transforms → malformed', () => {
        const reference = /<ds:Reference URI="">[\s\S]*<\/ds:Reference>/.exec(signed)?.[0] ?? '';
        expect(
          codeOf(signed.replace(reference, `${reference}\n${reference.replace('URI=""', 'URI="#other"')}`)),
        ).toBe('customs.signature_malformed');
        expect(codeOf(signed.replace('<ds:Reference URI="">', '<ds:Reference URI="#Inventory">'))).toBe(
          'customs.signature_malformed',
        );
        expect(codeOf(signed.replace('<ds:Reference URI="">', '<ds:Reference>'))).toBe(
          'customs.signature_malformed',
        );
        expect(
          codeOf(
            signed.replace(
              '</ds:Transforms>',
              '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>not(ancestor-or-self::ceb:Inventory)</ds:XPath></ds:Transform>\n</ds:Transforms>',
            ),
          ),
        ).toBe('customs.signature_malformed');
      });

      it('other algorithms → unsupported', () => {
        const unsupported = [
          signed.replace('xmldsig#enveloped-signature', 'xmldsig#base64'),
          signed.replace(
            /SignatureMethod Algorithm="[^"]+"/,
            'SignatureMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1"',
          ),
          signed.replace(
            'CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"',
            'CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"',
          ),
          signed.replace(
            'DigestMethod Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"',
            'DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"',
          ),
        ];
        for (const xml of unsupported) {
          expect(codeOf(xml)).toBe('customs.signature_algorithm_unsupported');
        }
      });

      it('signature wrapping: a second Signature, a Signature elsewhere, the signed data moved into an Object → malformed', () => {
        const signature = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? '';
        // A copy wrapped inside the data.
        expect(codeOf(signed.replace('<ceb:note></ceb:note>', `<ceb:note>${signature}</ceb:note>`))).toBe(
          'customs.signature_malformed',
        );
        // The only Signature, but not where the enveloped form puts it.
        const moved = signed.replace(signature, '').replace('<ceb:Inventory>', `${signature}<ceb:Inventory>`);
        expect(codeOf(moved)).toBe('customs.signature_malformed');
        // Original content hidden in an Object, forged content in the root.
        const forged = signed
          .replace('李小宝', '王二')
          .replace(
            '</ds:KeyInfo>',
            `</ds:KeyInfo><ds:Object>${unsigned621.replace(/^<\?xml[^>]*>/, '')}</ds:Object>`,
          );
        expect(codeOf(forged)).toBe('customs.signature_malformed');
      });

      it('no signature → missing', () => {
        expect(codeOf(unsigned621)).toBe('customs.signature_missing');
        expect(codeOf(signed.replace(SIGNATURE_BLOCK, ''))).toBe('customs.signature_missing');
      });
    });
  }

  it('trustedCertificates pins the certificate by SHA-256 fingerprint', () => {
    const fingerprint = new X509Certificate(rsaSigner.certificatePem).fingerprint256;
    expect(verifyCebSignature(signed621['rsa-sha1'], { trustedCertificates: [fingerprint] }).valid).toBe(
      true,
    );
    expect(
      verifyCebSignature(signed621['rsa-sha1'], {
        trustedCertificates: [fingerprint.replace(/:/g, '').toLowerCase()],
      }).valid,
    ).toBe(true);
    expect(verifyCebSignature(signed621['rsa-sha1'], { trustedCertificates: [] })).toMatchObject({
      valid: false,
      code: 'customs.signature_certificate_untrusted',
    });
    const sm2Fingerprint = new X509Certificate(sm2Signer.certificatePem).fingerprint256;
    expect(
      verifyCebSignature(signed621['rsa-sha1'], { trustedCertificates: [sm2Fingerprint] }),
    ).toMatchObject({
      valid: false,
      code: 'customs.signature_certificate_untrusted',
    });
  });
});

describe('hostile input never throws', () => {
  it('DOCTYPEs, entities, external entities, broken and non-XML input → malformed', () => {
    const hostile = [
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><r>&lol2;</r>',
      '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>',
      signed621['rsa-sha1'].replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE x>',
      ),
      '',
      '<r>',
      'not xml at all',
      `${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`,
      signed621['rsa-sha1'].replace('<ds:SignatureValue>', '<ds:SignatureValue><x/>'),
      signed621['rsa-sha1'].replace(/<ds:X509Certificate>[^<]+/, '<ds:X509Certificate>AAAA'),
      signed621['rsa-sha1'].replace(/<ds:DigestValue>[^<]+/, '<ds:DigestValue>!!!'),
      signed621['rsa-sha1'].replace('<ceb:freight>', '<?pi data?><ceb:freight>'),
    ];
    for (const xml of hostile) {
      expect(verifyCebSignature(xml)).toMatchObject({ valid: false, code: 'customs.signature_malformed' });
    }
    expect(verifyCebSignature(42 as unknown as string)).toMatchObject({ valid: false });
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        expect(typeof verifyCebSignature(text).valid).toBe('boolean');
        expect(typeof verifyCebSignature(`<ceb:X xmlns:ceb="c">${text}</ceb:X>`).valid).toBe('boolean');
      }),
    );
  });

  it('any one-character change anywhere never throws and never passes off a changed field as valid', () => {
    const signed = signed621['rsa-sha1'];
    const fieldTexts = [...signed.slice(0, signed.indexOf('<ds:Signature')).matchAll(/>([^<\s][^<]*)</g)].map(
      (match) => (match.index ?? 0) + 1,
    );
    fc.assert(
      fc.property(
        fc.nat({ max: signed.length - 1 }),
        fc.constantFrom(...'<>&"\' =/Ax0中\n'.split('')),
        fc.constantFrom(...fieldTexts),
        fc.constantFrom(...'ABCxyz0789'.split('')),
        (anywhere, character, fieldStart, replacement) => {
          const mutated = `${signed.slice(0, anywhere)}${character}${signed.slice(anywhere + 1)}`;
          expect(typeof verifyCebSignature(mutated).valid).toBe('boolean');
          if (signed[fieldStart] !== replacement) {
            const changed = `${signed.slice(0, fieldStart)}${replacement}${signed.slice(fieldStart + 1)}`;
            expect(codeOf(changed)).toBe('customs.signature_digest_mismatch');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('the official samples’ own signatures (made by real E-port keys)', () => {
  for (const sample of SAMPLES) {
    it(`${sample}: the SignatureValue verifies with the E-port certificate, but the content digest does not match`, () => {
      const xml = testdata(sample);
      expect(verifyCebSignature(xml)).toMatchObject({
        valid: false,
        code: 'customs.signature_digest_mismatch',
      });
      // Proof the signature over SignedInfo was checked and passed: spoil it and the answer changes.
      expect(codeOf(xml.replace('SF/P+2sVsRQ9dJIqJSroW6ajb0Y=', 'SF/P+2sVsRQ9dJIqJSroW6ajb0Z='))).toBe(
        'customs.signature_invalid',
      );
    });
  }
});
