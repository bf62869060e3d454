// What a receipt's `returnStatus` means (reference customs-cbec.md §1.1). The same number means
// different things on different receipts: 500 is inspection only on an import inventory receipt
// (CEB622), and a CEB816 tax bill counts 1/2/3 in a scale of its own, so the meaning is looked up
// by receipt type first.

/** Statuses every document receipt shares (312/412/512/514/622/624/626/712). */
const COMMON = ['1', '2', '3', '4', '100', '120', '399'] as const;
/** Statuses only the import inventory receipt (CEB622) adds. */
const INVENTORY_ONLY = ['300', '500', '501', '502', '503', '599', '700', '800', '899'] as const;
/** The tax bill (CEB816) and tax status (CEB818) receipts' `status`. */
const TAX_BILL = ['1', '2', '3'] as const;
/** tradehub's own CEB900 statuses for a message refused before business processing (receipts.ts FORMAT_STATUS). */
const FORMAT_CHECK = ['-1', '-2', '-3', '-4'] as const;

export const RETURN_STATUS_CODES: readonly string[] = [...COMMON, ...INVENTORY_ONLY];
export const TAX_BILL_STATUS_CODES: readonly string[] = TAX_BILL;
export const FORMAT_CHECK_STATUS_CODES: readonly string[] = FORMAT_CHECK;

/** The receipt family a receipt type (`CEB622`, `CEB622Message`, `622`) belongs to. */
export type ReceiptFamily = 'inventory' | 'document' | 'tax' | 'format' | 'unknown';

export const receiptFamily = (receiptType: string): ReceiptFamily => {
  const number = /(\d{3})/.exec(receiptType)?.[1];
  switch (number) {
    case '622':
      return 'inventory';
    case '312':
    case '412':
    case '512':
    case '514':
    case '624':
    case '626':
    case '712':
      return 'document';
    case '816':
    case '818':
      return 'tax';
    case '900':
      return 'format';
    default:
      return 'unknown';
  }
};

/** How serious a status is, for its tag colour. */
export type StatusTone = 'success' | 'processing' | 'warning' | 'error' | 'default';

export type StatusMeaning = {
  /** i18n key of the meaning, e.g. `customs.returnStatus.120`. */
  key: string;
  tone: StatusTone;
};

const TONES: Record<string, StatusTone> = {
  '1': 'processing',
  '2': 'processing',
  '3': 'processing',
  '4': 'error',
  '100': 'error',
  '120': 'processing',
  '300': 'warning',
  '399': 'success',
  '500': 'warning',
  '501': 'error',
  '502': 'error',
  '503': 'error',
  '599': 'error',
  '700': 'error',
  '800': 'success',
  '899': 'success',
};

const isNegative = (status: string): boolean => /^-\d+$/.test(status);

/**
 * The meaning of `status` on a receipt of `receiptType`, or null when §1.1 gives none (an
 * inventory-only status on another receipt, or a number nobody defined).
 */
export const receiptStatusMeaning = (receiptType: string, status: string): StatusMeaning | null => {
  const trimmed = status.trim();
  const family = receiptFamily(receiptType);
  if (family === 'tax') {
    return (TAX_BILL as readonly string[]).includes(trimmed)
      ? { key: `customs.taxBillStatus.${trimmed}`, tone: trimmed === '3' ? 'default' : 'success' }
      : null;
  }
  if (isNegative(trimmed)) {
    // A negative number is a processing (CEB900: format) error on every receipt; tradehub names
    // four of them.
    return (FORMAT_CHECK as readonly string[]).includes(trimmed)
      ? { key: `customs.returnStatus.format${trimmed}`, tone: 'error' }
      : { key: 'customs.returnStatus.negative', tone: 'error' };
  }
  const known =
    (COMMON as readonly string[]).includes(trimmed) ||
    ((family === 'inventory' || family === 'unknown') &&
      (INVENTORY_ONLY as readonly string[]).includes(trimmed));
  if (!known || family === 'format') {
    return null;
  }
  return { key: `customs.returnStatus.${trimmed}`, tone: TONES[trimmed] ?? 'default' };
};
