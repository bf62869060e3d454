// Independent check by Debian's xmlsec1 (libxmlsec1), run by `npm run test:interop` and by CI,
// which installs it: not part of `npm test`, so a fresh machine without xmlsec1 still passes that.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signCebMessage, verifyCebSignature } from './index.ts';
import { testdata, testSigner, unsignedSample } from './test-support.ts';

const rsaSigner = testSigner('rsa-sha1');
const sm2Signer = testSigner('sm2-sm3');
const unsigned621 = unsignedSample('CEB621Message.xml');
const signed621 = { 'rsa-sha1': await signCebMessage(unsigned621, rsaSigner) };
const codeOf = (xml: string) => {
  const result = verifyCebSignature(xml);
  return result.valid ? 'valid' : result.code;
};

/** Runs Debian's xmlsec1; fails loudly (never skips) when it is not installed. */
const xmlsec1Verify = (xml: string, certificatePem: string): { ok: boolean; output: string } => {
  try {
    execFileSync('xmlsec1', ['--version'], { stdio: 'pipe' });
  } catch {
    throw new Error(
      'xmlsec1 is not on PATH: install Debian\'s xmlsec1 ("apt-get install xmlsec1"), CI installs it',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'xmlsec1-'));
  try {
    writeFileSync(join(dir, 'signed.xml'), xml);
    writeFileSync(join(dir, 'cert.pem'), certificatePem);
    const args = ['--verify', '--pubkey-cert-pem', join(dir, 'cert.pem'), join(dir, 'signed.xml')];
    // xmlsec1 reports on stderr and answers through its exit status.
    const run = spawnSync('xmlsec1', args, { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true });
  }
};

describe('xmlsec1 verifies what tradehub signs', () => {
  it('RSA-SHA1 signatures verify with the xmlsec1 CLI, and a changed message does not', () => {
    const certificate = testdata('rsa-test-cert.pem');
    const good = xmlsec1Verify(signed621['rsa-sha1'], certificate);
    expect(good.output).toContain('OK');
    expect(good.ok).toBe(true);
    const bad = xmlsec1Verify(signed621['rsa-sha1'].replace('李小宝', '李大宝'), certificate);
    expect(bad.ok).toBe(false);
  });

  it('messages in the default namespace and on a single line sign and verify with xmlsec1 too', async () => {
    const defaultNamespace = unsigned621.replace(/ceb:/g, '').replace('xmlns:ceb=', 'xmlns=');
    const compact = unsigned621.replace(/>\s+</g, '><');
    for (const source of [defaultNamespace, compact]) {
      const signed = await signCebMessage(source, rsaSigner);
      expect(codeOf(signed)).toBe('valid');
      expect(codeOf(await signCebMessage(source, sm2Signer))).toBe('valid');
      expect(xmlsec1Verify(signed, testdata('rsa-test-cert.pem')).ok).toBe(true);
    }
  });
});
