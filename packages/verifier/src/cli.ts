// The `tradehub-verify` command, written against an injected I/O object so the same code runs under
// Node (bin/tradehub-verify.mjs gives it the file system, zlib and fetch) and stays free of Node
// built-ins. Exit codes: 0 VALID, 1 INVALID, 2 ERROR or could not run (bad arguments, unreadable file).

import { utf8Decode } from '@tradehub/kernel';
import { parseTrustPolicy } from './bundle.ts';
import { createDidWebResolver, fetchJson } from './did-document.ts';
import type { Inflate } from './pdf-attachment.ts';
import { findBundleInPdf, MAX_PDF_BYTES } from './pdf-attachment.ts';
import { isTitleChainValue, titleChainReportText, verifyTitleChain } from './title-chain.ts';
import { isTraceValue, MAX_TRACE_BYTES, traceReportText, verifyTrace } from './trace.ts';
import type { CheckName, Verdict, VerificationReport, VerifierOptions } from './verify.ts';
import { createStatusListFetcher, createVerifier, VERIFICATION_REASON_TEXT } from './verify.ts';
import type { FetchFunction } from './web-platform.ts';

/** What the CLI needs from its host. */
export type CliIo = {
  /** The file's bytes; throws when it cannot be read or is larger than `maxBytes`. */
  readFile(path: string, maxBytes: number): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Only used with --online or --trust-url. */
  fetch?: FetchFunction;
  /** zlib inflate for PDF streams; defaults to DecompressionStream. */
  inflate?: Inflate;
};

export const EXIT_VALID = 0;
export const EXIT_INVALID = 1;
export const EXIT_ERROR = 2;

const USAGE = `Usage: tradehub-verify <file> [options]

Verifies a tradehub document offline: a verification bundle (.tradehub.json), a bare signed
credential (.json), a PDF with the bundle attached, a transferable record's title chain
(tradehub-title-chain/v1: prints the current holder), or a shipment's trace (tradehub-trace/v1:
names the first altered, missing or reordered event).

Options:
  --trust <policy.json>   trust policy (tradehub-trust-policy/v1): which logs, witnesses and
                          issuers to trust
  --trust-url <hub url>   fetch the hub's policy from <hub url>/log/trust-policy (online)
  --online                resolve the issuer's did:web DID document and, when the bundle has
                          none, fetch status lists (online)
  --json                  print the verification report as JSON
  --lang en|zh            language of the human-readable output (default en)
  -h, --help              show this help

Exit codes: 0 valid, 1 invalid, 2 could not check (including bad arguments or unreadable files).
`;

type Options = {
  file?: string;
  trust?: string;
  trustUrl?: string;
  online: boolean;
  json: boolean;
  lang: 'en' | 'zh';
  help: boolean;
};

function parseArguments(args: readonly string[]): Options | string {
  const options: Options = { online: false, json: false, lang: 'en', help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = () => {
      const next = args[i + 1];
      i++;
      return next === undefined || next.startsWith('--') ? undefined : next;
    };
    if (arg === '--json') {
      options.json = true;
    } else if (arg === '--online') {
      options.online = true;
    } else if (arg === '-h' || arg === '--help') {
      options.help = true;
    } else if (arg === '--trust' || arg === '--trust-url' || arg === '--lang') {
      const given = value();
      if (given === undefined) {
        return `${arg} needs a value`;
      }
      if (arg === '--trust') {
        options.trust = given;
      } else if (arg === '--trust-url') {
        options.trustUrl = given;
      } else if (given === 'en' || given === 'zh') {
        options.lang = given;
      } else {
        return '--lang is en or zh';
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option ${arg}`;
    } else if (options.file === undefined) {
      options.file = arg;
    } else {
      return 'give one file';
    }
  }
  if (!options.help && options.file === undefined) {
    return 'no file given';
  }
  if (options.trust !== undefined && options.trustUrl !== undefined) {
    return 'give --trust or --trust-url, not both';
  }
  return options;
}

const CHECK_NAMES: Record<CheckName, { en: string; zh: string }> = {
  integrity: { en: 'integrity', zh: '内容完整性' },
  signature: { en: 'signature', zh: '签发方签名' },
  issuer_key: { en: 'issuer key', zh: '签发密钥有效性' },
  issuer_identity: { en: 'issuer identity', zh: '签发方身份' },
  log_inclusion: { en: 'log inclusion', zh: '日志收录' },
  checkpoint: { en: 'checkpoint', zh: '日志检查点' },
  witnesses: { en: 'witnesses', zh: '见证方联署' },
  status: { en: 'status', zh: '吊销/暂停状态' },
};

const VERDICTS: Record<Verdict | VerificationReport['verdict'], { en: string; zh: string }> = {
  OK: { en: 'OK', zh: '通过' },
  INVALID: { en: 'INVALID', zh: '无效' },
  ERROR: { en: 'ERROR', zh: '无法检查' },
  SKIPPED: { en: 'SKIPPED', zh: '跳过' },
  VALID: { en: 'VALID', zh: '有效' },
};

const SUMMARY = {
  VALID: { en: 'VALID: every check passed', zh: '有效：全部检查通过' },
  INVALID: { en: 'INVALID: do not rely on this document', zh: '无效：请勿信赖此文件' },
  ERROR: { en: 'COULD NOT CHECK: see the ERROR lines', zh: '无法验证：请查看“无法检查”各项' },
} as const;

// Pads to a width in terminal columns: CJK characters take two.
function pad(text: string, columns: number): string {
  let width = 0;
  for (const char of text) {
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/.test(char)
      ? 2
      : 1;
  }
  return `${text}${' '.repeat(Math.max(0, columns - width))}`;
}

function humanReport(report: VerificationReport, file: string, lang: 'en' | 'zh'): string {
  const lines = [`tradehub-verify ${file}`];
  if (report.document !== undefined) {
    const { id, issuer, documentType } = report.document;
    lines.push(`  ${documentType ?? 'document'} ${id}`, `  ${lang === 'zh' ? '签发方' : 'issuer'} ${issuer}`);
  }
  for (const check of report.checks) {
    const text = lang === 'zh' ? VERIFICATION_REASON_TEXT[check.reason].zh : check.message;
    const verdict = VERDICTS[check.verdict][lang];
    lines.push(`  ${pad(verdict, 8)} ${pad(CHECK_NAMES[check.check][lang], 16)} ${text}`);
  }
  lines.push(SUMMARY[report.verdict][lang]);
  return `${lines.join('\n')}\n`;
}

const PDF_MAGIC = '%PDF-';

function isPdf(bytes: Uint8Array): boolean {
  const head = utf8Decode(bytes.subarray(0, 1024));
  return head.includes(PDF_MAGIC);
}

async function loadTrust(options: Options, io: CliIo): Promise<{ trust: unknown } | { error: string }> {
  let input: unknown;
  if (options.trust !== undefined) {
    try {
      input = await io.readFile(options.trust, 1024 * 1024);
    } catch (error) {
      return { error: `cannot read the trust policy ${options.trust}: ${messageOf(error)}` };
    }
  } else if (options.trustUrl !== undefined) {
    if (io.fetch === undefined) {
      return { error: 'no fetch available for --trust-url' };
    }
    const url = `${options.trustUrl.replace(/\/+$/, '')}/log/trust-policy`;
    try {
      input = await fetchJson(io.fetch, url, 1024 * 1024);
    } catch (error) {
      return { error: `cannot fetch the trust policy: ${messageOf(error)}` };
    }
  } else {
    return { trust: null };
  }
  const parsed = parseTrustPolicy(input);
  return parsed.ok ? { trust: parsed.trust } : { error: `invalid trust policy: ${parsed.message}` };
}

// A title chain and a trace are told apart by their `type`; anything else goes on to the bundle
// reader.
function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Decode(bytes, { fatal: true })) as unknown;
  } catch {
    return undefined;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the CLI with its arguments (without node and the script); resolves to the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseArguments(args);
  if (typeof options === 'string') {
    io.stderr(`tradehub-verify: ${options}\n\n${USAGE}`);
    return EXIT_ERROR;
  }
  if (options.help || options.file === undefined) {
    io.stdout(USAGE);
    return EXIT_VALID;
  }
  const trust = await loadTrust(options, io);
  if ('error' in trust) {
    io.stderr(`tradehub-verify: ${trust.error}\n`);
    return EXIT_ERROR;
  }
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(options.file, Math.max(MAX_PDF_BYTES, MAX_TRACE_BYTES));
  } catch (error) {
    io.stderr(`tradehub-verify: cannot read ${options.file}: ${messageOf(error)}\n`);
    return EXIT_ERROR;
  }
  let input: unknown = bytes;
  const json = isPdf(bytes) ? undefined : jsonOf(bytes);
  if (isTraceValue(json)) {
    const report = verifyTrace(json, trust.trust);
    if (trust.trust === null && !options.json) {
      io.stderr(
        "tradehub-verify: no trust policy given (--trust or --trust-url): the trace's own log key was used\n",
      );
    }
    io.stdout(
      options.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : traceReportText(report, options.file, options.lang),
    );
    return report.verdict === 'VALID' ? EXIT_VALID : report.verdict === 'INVALID' ? EXIT_INVALID : EXIT_ERROR;
  }
  const chain = isTitleChainValue(json) ? json : undefined;
  if (chain !== undefined) {
    const report = await verifyTitleChain(chain, trust.trust);
    io.stdout(
      options.json
        ? `${JSON.stringify(report, null, 2)}\n`
        : titleChainReportText(report, options.file, options.lang),
    );
    return report.verdict === 'VALID' ? EXIT_VALID : report.verdict === 'INVALID' ? EXIT_INVALID : EXIT_ERROR;
  }
  if (isPdf(bytes)) {
    const found = await findBundleInPdf(bytes, io.inflate === undefined ? {} : { inflate: io.inflate });
    if (!found.ok) {
      io.stderr(`tradehub-verify: ${options.file}: ${found.message}\n`);
      return EXIT_ERROR;
    }
    input = found.bytes;
  }
  const verifierOptions: VerifierOptions =
    options.online && io.fetch !== undefined
      ? {
          resolveDid: createDidWebResolver({ fetch: io.fetch, insecureHttp: 'loopback' }),
          fetchStatusList: createStatusListFetcher({ fetch: io.fetch }),
        }
      : {};
  const report = await createVerifier(trust.trust, verifierOptions).verify(input);
  if (trust.trust === null && !options.json) {
    io.stderr('tradehub-verify: no trust policy given (--trust or --trust-url): the log cannot be checked\n');
  }
  io.stdout(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : humanReport(report, options.file, options.lang),
  );
  return report.verdict === 'VALID' ? EXIT_VALID : report.verdict === 'INVALID' ? EXIT_INVALID : EXIT_ERROR;
}
