import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uploadCebMessages } from '../../api/customs.ts';
import {
  addFailedChunk,
  addOutcomes,
  chunk,
  emptyTally,
  type MessageOutcome,
  progressPercent,
} from './upload-batches.ts';

const outcome = (
  status: MessageOutcome['status'],
  parcelIds: string[] = [],
  extra: Partial<MessageOutcome> = {},
): MessageOutcome => ({
  status,
  messageType: 'CEB311',
  guid: 'g',
  messageId: status === 'rejected' ? null : 'm',
  receiptType: 'CEB312',
  returnStatus: status === 'rejected' ? '100' : '120',
  returnInfo: status === 'rejected' ? '退单 Rejected' : '入库',
  receiptXml: '<r/>',
  parcelIds,
  reasons: [],
  ...extra,
});

describe('chunked upload bookkeeping', () => {
  it('cuts files into chunks of 100 in order', () => {
    const files = Array.from({ length: 250 }, (_, i) => i);
    const chunks = chunk(files);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(files);
    expect(chunk([])).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });

  it('chunks any list without losing or reordering an item', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 400 }), fc.integer({ min: 1, max: 120 }), (items, size) => {
        const chunks = chunk(items, size);
        expect(chunks.flat()).toEqual(items);
        expect(chunks.every((c) => c.length >= 1 && c.length <= size)).toBe(true);
        expect(chunks.slice(0, -1).every((c) => c.length === size)).toBe(true);
      }),
    );
  });

  it('counts each outcome against its own file and lists the rejected ones with reasons', () => {
    const reasons = [{ field: 'orderNo', code: 'customs.required', message: 'orderNo is required' }];
    let tally = emptyTally(4);
    tally = addOutcomes(
      tally,
      ['a.xml', 'b.xml', 'c.xml', 'd.xml'],
      [
        outcome('accepted', ['p1']),
        outcome('rejected', [], { reasons }),
        outcome('duplicate', ['p1']),
        outcome('accepted', ['p2']),
      ],
    );
    expect(tally).toMatchObject({ total: 4, done: 4, accepted: 2, duplicate: 1, rejected: 1, failed: 0 });
    expect(tally.parcelIds).toEqual(['p1', 'p2']);
    expect(tally.problems).toEqual([
      {
        fileName: 'b.xml',
        kind: 'rejected',
        returnStatus: '100',
        returnInfo: '退单 Rejected',
        reasons,
        errorCode: null,
      },
    ]);
    expect(progressPercent(tally)).toBe(100);
  });

  it('never counts a file the answer left out as accepted', () => {
    const tally = addOutcomes(emptyTally(3), ['a', 'b', 'c'], [outcome('accepted')]);
    expect(tally).toMatchObject({ done: 3, accepted: 1, failed: 2 });
    expect(tally.problems.map((p) => [p.fileName, p.kind])).toEqual([
      ['b', 'failed'],
      ['c', 'failed'],
    ]);
  });

  it('marks a failed chunk file by file and reports progress in whole percent', () => {
    const tally = addFailedChunk(emptyTally(3), ['a', 'b'], 'http.payload_too_large');
    expect(tally).toMatchObject({ done: 2, failed: 2, accepted: 0 });
    expect(tally.problems.every((p) => p.errorCode === 'http.payload_too_large')).toBe(true);
    expect(progressPercent(tally)).toBe(66);
    expect(progressPercent(emptyTally(0))).toBe(100);
  });
});

describe('uploadCebMessages', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends 100 messages a request and goes on after a failed request', async () => {
    const requests: { url: string; count: number }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const { messages } = JSON.parse(String(init.body)) as { messages: string[] };
      requests.push({ url, count: messages.length });
      if (requests.length === 2) {
        return new Response(JSON.stringify({ status: 503, code: 'http.unavailable' }), { status: 503 });
      }
      return new Response(
        JSON.stringify({
          outcomes: messages.map((xml) => outcome(xml.includes('dup') ? 'duplicate' : 'accepted')),
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    });
    const files = Array.from({ length: 230 }, (_, i) => ({
      name: `f${i}.xml`,
      xml: i === 3 ? '<dup/>' : '<m/>',
    }));
    const seen: number[] = [];
    const tally = await uploadCebMessages('org 1', files, (t) => seen.push(t.done));
    expect(requests).toEqual([
      { url: '/api/customs/ceb/batch?org=org%201', count: 100 },
      { url: '/api/customs/ceb/batch?org=org%201', count: 100 },
      { url: '/api/customs/ceb/batch?org=org%201', count: 30 },
    ]);
    expect(seen).toEqual([0, 100, 200, 230]);
    expect(tally).toMatchObject({
      total: 230,
      done: 230,
      accepted: 129,
      duplicate: 1,
      rejected: 0,
      failed: 100,
    });
    expect(tally.problems[0]).toMatchObject({
      fileName: 'f100.xml',
      kind: 'failed',
      errorCode: 'http.unavailable',
    });
  });
});
