import type { FieldError } from '@tradehub/kernel';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

// Literal addresses of the hub's own machine and private networks: a callback there would let a
// subscriber make the hub call inside its own network (server-side request forgery).
const PRIVATE_IPV4 = /^(?:0|10|127)\.|^169\.254\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\./;
const PRIVATE_IPV6 = /^\[(?:::1?|f[cd][0-9a-f]{0,2}:.*|fe[89ab][0-9a-f]?:.*|::ffff:.*)\]$/i;

/**
 * Whether the hub may call a callback URL. HTTPS only, with no credentials in the URL and no
 * literal loopback or private address. A hub that itself runs on http://localhost (development and
 * the tests) also accepts http://localhost, http://127.0.0.1 and http://[::1], so a local receiver
 * can be used without a certificate; nothing else is ever accepted over plain HTTP.
 */
export const checkCallbackUrl = (raw: string, allowLocalHttp: boolean): FieldError | undefined => {
  const field = 'callbackUrl';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { field, code: 'kernel.invalid_format', message: 'an absolute https:// URL' };
  }
  const host = url.hostname.toLowerCase();
  const local = LOOPBACK_HOSTS.has(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local && allowLocalHttp)) {
    return { field, code: 'logistics.callback_url_not_https', message: 'callbacks are made over HTTPS only' };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      field,
      code: 'logistics.callback_url_not_allowed',
      message: 'no user name or password in the URL',
    };
  }
  if (!(local && allowLocalHttp) && (local || PRIVATE_IPV4.test(host) || PRIVATE_IPV6.test(host))) {
    return {
      field,
      code: 'logistics.callback_url_not_allowed',
      message: 'not a loopback or private network address',
    };
  }
  return undefined;
};

/** True when the hub's own URL is a loopback http:// one: a development or test hub. */
export const isLocalDevelopmentHub = (publicUrl: string): boolean => {
  try {
    const url = new URL(publicUrl);
    return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
};
