import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BuildCebInput,
  buildCebMessage,
  CEB_EXPORT_MESSAGE_TYPES,
  CEB_IMPORT_MESSAGE_TYPES,
  type CebMessage,
  type CebMessageType,
  cebMessageModel,
  parseCebMessage,
} from './index.ts';
import {
  messageInputArbitrary,
  officialSamples,
  withSampleSignature,
  xmllintErrorsMany,
} from './test-support.ts';

const today = '2026-11-27';
const ALL_TYPES: CebMessageType[] = [...CEB_IMPORT_MESSAGE_TYPES, ...CEB_EXPORT_MESSAGE_TYPES];

const inputOf = (message: CebMessage): BuildCebInput => ({
  guid: message.guid,
  version: message.version,
  documents: message.documents,
  ...(message.baseTransfer === undefined ? {} : { baseTransfer: message.baseTransfer }),
  ...(message.baseSubscribe === undefined ? {} : { baseSubscribe: message.baseSubscribe }),
  ...(message.extendMessage === undefined ? {} : { extendMessage: message.extendMessage }),
});

// Messages the XSD requires to be signed get the sample signature, as the signer would add one.
const signIfRequired = (xml: string, messageType: CebMessageType): string =>
  cebMessageModel(messageType).signature === 'required' ? withSampleSignature(xml, messageType) : xml;

describe('official samples round-trip: parse → build → parse gives the same records', () => {
  it('for all 23 samples, and every built message passes xmllint against the official XSD', async () => {
    const built: { name: string; xml: string; messageType: CebMessageType }[] = [];
    for (const { file, messageType, xml } of officialSamples()) {
      const original = parseCebMessage(xml, { businessRules: false });
      const rebuilt = signIfRequired(
        buildCebMessage(messageType, inputOf(original), { businessRules: false }),
        messageType,
      );
      expect(rebuilt.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<ceb:')).toBe(true);
      const reparsed = parseCebMessage(rebuilt, { businessRules: false });
      expect(inputOf(reparsed), file).toEqual(inputOf(original));
      built.push({ name: file, xml: rebuilt, messageType });
    }
    expect(await xmllintErrorsMany(built)).toEqual([]);
  });
});

describe('property: valid records generated from the compiled model build → parse → equal', () => {
  for (const messageType of ALL_TYPES) {
    it(messageType, () => {
      fc.assert(
        fc.property(messageInputArbitrary(messageType), (input) => {
          const xml = signIfRequired(buildCebMessage(messageType, input, { today }), messageType);
          const message = parseCebMessage(xml, { today });
          expect(message.messageType).toBe(messageType);
          expect(inputOf(message)).toEqual({ version: '1.0', ...input });
        }),
        { numRuns: 30, seed: 20261127 },
      );
    });
  }

  it('and the built XML of every message root (import, export, receipts, CEB816, CEB900) passes xmllint', async () => {
    const built = ALL_TYPES.flatMap((messageType) =>
      fc.sample(messageInputArbitrary(messageType), { numRuns: 3, seed: 7 }).map((input, index) => ({
        name: `${messageType}-${index}`,
        messageType,
        xml: signIfRequired(buildCebMessage(messageType, input, { today }), messageType),
      })),
    );
    expect(built).toHaveLength(ALL_TYPES.length * 3);
    expect(await xmllintErrorsMany(built)).toEqual([]);
  });
});
