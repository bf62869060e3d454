import type { AppError, FieldError } from '@tradehub/kernel';

/** What tradehub answered for one submitted message. */
export type ReceiveOutcome = {
  /** accepted: stored, anchored and processed; duplicate: the same message again (first answer
   * repeated); rejected: refused with a receipt that says why (nothing of it stored). */
  status: 'accepted' | 'duplicate' | 'rejected';
  messageType: string | null;
  guid: string | null;
  messageId: string | null;
  /** The receipt customs answers with (CEB312 … CEB900), as XML. */
  receiptXml: string;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  parcelIds: string[];
  reasons: FieldError[];
  /**
   * Set when the submission was not a CEB message at all (not XML, a DOCTYPE, a broken DXP
   * envelope): a transport error, answered as problem+json by the single-message route.
   */
  transportError?: AppError;
};
