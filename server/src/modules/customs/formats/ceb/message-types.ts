import type { CebDirection, CebMessageType } from './schema-model.ts';
import type { CebRecord } from './validate.ts';

/** A validated CEB message. `documents` are the root's business documents (Order, InventoryReturn, Tax...). */
export type CebMessage = {
  messageType: CebMessageType;
  direction: CebDirection;
  guid: string;
  version: string;
  documents: CebRecord[];
  baseTransfer?: CebRecord;
  baseSubscribe?: CebRecord[];
  extendMessage?: CebRecord;
  signature?: { present: true };
  raw: string;
};
