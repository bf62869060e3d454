import { describe, expect, it } from 'vitest';
import {
  BOOKING_STATUSES,
  EXCEPTION_KINDS,
  EXCEPTION_STATES,
  LEG_STATUSES,
  MILESTONES,
  MOVEMENT_KINDS,
  PARTY_ROLES,
  RETURN_DECISIONS,
  RETURN_GRADES,
  RETURN_STAGES,
  STOCK_BUCKETS,
  TRANSPORT_MODES,
  WAREHOUSE_ROLES,
} from '../../api/logistics.ts';
import appEn from '../../i18n/en.json';
import appZhCN from '../../i18n/zh-CN.json';
import { DOCUMENT_TYPE_CODES, EVENT_CLASSIFIERS, EVENT_CODES } from './event-timeline.ts';
import { DELAY_LEVELS, SHIPMENT_STATUSES } from './shipment-model.ts';

// Keys the logistics pages build at run time (`logistics.eventCodes.${code}`), which
// keys-used.test.ts cannot see: every DCSA code and every stage must read in both languages.

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );

const families: [string, readonly string[]][] = [
  ['logistics.modes', TRANSPORT_MODES],
  ['logistics.legStatuses', LEG_STATUSES],
  ['logistics.shipmentStatuses', SHIPMENT_STATUSES],
  ['logistics.partyRoles', PARTY_ROLES],
  ['logistics.eventCodes', EVENT_CODES],
  ['logistics.classifiers', EVENT_CLASSIFIERS],
  ['logistics.documentTypes', DOCUMENT_TYPE_CODES],
  ['logistics.exceptionKinds', EXCEPTION_KINDS],
  ['logistics.exceptionStates', EXCEPTION_STATES],
  ['logistics.milestones', MILESTONES],
  ['logistics.delayLevels', DELAY_LEVELS],
  ['logistics.warehouseRoles', WAREHOUSE_ROLES],
  ['logistics.movementKinds', MOVEMENT_KINDS],
  ['logistics.buckets', STOCK_BUCKETS],
  ['logistics.returnStages', RETURN_STAGES],
  ['logistics.grades', RETURN_GRADES],
  ['logistics.decisions', RETURN_DECISIONS],
  ['logistics.bookingStates', BOOKING_STATUSES],
  ['logistics.bookings.lists', ['sent', 'received']],
  ['logistics.bookings.roleHint', ['shipper', 'forwarder']],
  ['logistics.warehouses.standings', ['operator', 'client']],
];

describe('logistics translations', () => {
  it.each(Object.entries({ en: appEn, 'zh-CN': appZhCN }))('cover every computed key in %s', (_, tree) => {
    const keys = families.flatMap(([prefix, codes]) => codes.map((code) => `${prefix}.${code}`));
    const missing = keys.filter((key) => {
      const value = lookup(tree, key);
      return typeof value !== 'string' || value.trim() === '';
    });
    expect(missing).toEqual([]);
    // The DCSA code lists alone hold 28 event codes: a scan of fewer keys saw an empty list.
    expect(keys.length).toBeGreaterThan(90);
  });

  it('differ between the languages (nothing left untranslated)', () => {
    const same = families.flatMap(([prefix, codes]) =>
      codes.map((code) => `${prefix}.${code}`).filter((key) => lookup(appEn, key) === lookup(appZhCN, key)),
    );
    expect(same).toEqual([]);
  });
});
