import { describe, expect, it } from 'vitest';
import { checkCallbackUrl, isLocalDevelopmentHub } from './callback-url.ts';

const codeOf = (url: string, allowLocalHttp = false) => checkCallbackUrl(url, allowLocalHttp)?.code ?? 'ok';

describe('exception callback URLs', () => {
  it('accepts public HTTPS and refuses plain HTTP, credentials, loopback and private addresses', () => {
    expect(codeOf('https://erp.exporter.example/hooks/exceptions?tenant=7')).toBe('ok');
    expect(codeOf('http://erp.exporter.example/hooks')).toBe('logistics.callback_url_not_https');
    expect(codeOf('ftp://erp.exporter.example/hooks')).toBe('logistics.callback_url_not_https');
    expect(codeOf('https://user:pw@erp.exporter.example/hooks')).toBe('logistics.callback_url_not_allowed');
    for (const host of [
      'localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '[::1]',
      '[fd00::1]',
    ]) {
      expect(codeOf(`https://${host}/hooks`), host).toBe('logistics.callback_url_not_allowed');
    }
    expect(codeOf('https://172.32.0.1/hooks')).toBe('ok');
    expect(codeOf('not a url')).toBe('kernel.invalid_format');
  });

  it('accepts http to localhost only on a development hub, and nothing else more', () => {
    expect(codeOf('http://localhost:4010/hooks', true)).toBe('ok');
    expect(codeOf('http://127.0.0.1:4010/hooks', true)).toBe('ok');
    expect(codeOf('http://[::1]:4010/hooks', true)).toBe('ok');
    expect(codeOf('http://10.0.0.1/hooks', true)).toBe('logistics.callback_url_not_https');
    expect(codeOf('https://192.168.1.1/hooks', true)).toBe('logistics.callback_url_not_allowed');
    expect(isLocalDevelopmentHub('http://localhost:8080')).toBe(true);
    expect(isLocalDevelopmentHub('https://hub.example')).toBe(false);
    expect(isLocalDevelopmentHub('http://hub.example')).toBe(false);
  });
});
