import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger } from 'pino';

// Paths that may carry credentials or personal ID numbers. pino removes them before a line is
// written, so a handler that logs a request or an error object cannot leak them.
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'apiKey',
  '*.apiKey',
  'idNumber',
  '*.idNumber',
  'body',
  '*.body',
];

// Resident ID numbers (GB 11643) and API key secrets have recognisable shapes; any that reach a
// message string are masked as a last line of defence.
const secretShapes: [RegExp, string][] = [
  [/\b\d{17}[\dXx]\b/g, '[id-number]'],
  [/\bthk_[0-9a-z]+_[A-Za-z0-9_-]{20,}\b/g, '[api-key]'],
];

export const scrubSecrets = (text: string): string =>
  secretShapes.reduce((acc, [shape, mask]) => acc.replace(shape, mask), text);

// Invitation links carry their one-time token in the path; a logged URL must not reveal it.
const tokenPaths = /(\/invitations\/)[A-Za-z0-9_-]{20,}/g;

// Capability links (a shared document's verification link) carry their token as `t=`.
const tokenQueries = /([?&](?:t|token)=)[^&#\s]+/g;

export const scrubUrl = (url: string): string =>
  scrubSecrets(url.replace(tokenPaths, '$1[token]').replace(tokenQueries, '$1[token]'));

type LoggedRequest = { method?: string; url?: string; ip?: string; id?: string };

const serializers = {
  req: (request: LoggedRequest) => ({
    method: request.method,
    url: scrubUrl(request.url ?? ''),
    remoteAddress: request.ip,
  }),
};

export type CreateLoggerOptions = {
  level: string;
  destination?: DestinationStream;
};

export const createLogger = ({ level, destination }: CreateLoggerOptions): Logger =>
  pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers,
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
