// The public entry of the ISO 20022 formats: pain.001 payment initiations read, pacs.008 credit
// transfers, pacs.002 status reports and camt.053 statements written. Pure functions; the mapping
// to XML paths is in docs/iso20022.md.

export type { Camt053Entry, Camt053Input, CreditDebit, EntryReferences } from './camt053.ts';
export { buildCamt053, closingBalanceOf } from './camt053.ts';
export type { AccountId, Agent, CashAccount, Party, PostalAddress } from './common.ts';
export { ISO20022_NS, isBic, isIban, iso20022FieldErrorCodes, isUetr } from './common.ts';
export type { Pacs002Input, TransactionStatus } from './pacs002.ts';
export { buildPacs002, TRANSACTION_STATUSES } from './pacs002.ts';
export type { Pacs008Input, Pacs008Party, SettlementMethod } from './pacs008.ts';
export { buildPacs008 } from './pacs008.ts';
export type {
  ChargeBearer,
  Pain001,
  Pain001CreditTransfer,
  Pain001PaymentInformation,
  RemittanceInformation,
} from './pain001.ts';
export { parsePain001 } from './pain001.ts';
