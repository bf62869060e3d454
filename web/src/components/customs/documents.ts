import type { DocumentKind } from './findings.ts';

// Which of a parcel's four documents a CEB message is (reference §2.1): the import order CEB311,
// payment CEB411, e-waybill CEB511 and inventory list CEB621, whatever suffix the type carries.
const KIND_OF_NUMBER: Record<string, DocumentKind> = {
  '311': 'order',
  '411': 'payment',
  '511': 'waybill',
  '621': 'inventory',
};

export const documentOfMessageType = (messageType: string): DocumentKind | null => {
  const number = /^(?:CEB)?(\d{3})/i.exec(messageType.trim())?.[1];
  return number === undefined ? null : (KIND_OF_NUMBER[number] ?? null);
};

/** A short readable summary of an event's `detail` JSON for the timeline: `invtNo: …, tax: …`. */
export const describeDetail = (detail: unknown): string => {
  if (detail === null || detail === undefined) {
    return '';
  }
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    return typeof detail === 'string' ? detail : JSON.stringify(detail);
  }
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
};
