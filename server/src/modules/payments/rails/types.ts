import type { CashAccount, Pacs008Party } from '../formats/iso20022/index.ts';

// The provider interface every payment rail implements (docs/payment-rails.md). A rail turns an
// outbound payment into the real message(s) its network takes, hands them to the transport the
// operator configured, and reads the network's pacs.002 status reports back. The ledger side
// (reserve, post, void) is the same for every rail and lives in the use cases beside this file.

export type RailId = 'sandbox' | 'cips' | 'ecny';
export const RAIL_IDS: readonly RailId[] = ['sandbox', 'cips', 'ecny'];

/** Where the money goes: within the payer's country or across a border. */
export type RailRoute = 'domestic' | 'cross_border';

/** The beneficiary's account: an IBAN, another account number, or an e-CNY wallet id. */
export type BeneficiaryAccount = { iban: string } | { other: string } | { wallet: string };

export type Beneficiary = {
  name: string;
  postalAddress: Pacs008Party['postalAddress'];
  account: BeneficiaryAccount;
  /** The beneficiary's bank (for e-CNY: the operating institution of the wallet). */
  agentBic: string;
  /** The beneficiary bank's CIPS participant identifier (CIPS only). */
  cipsParticipantId?: string;
  lei?: string;
};

/** The payer as the message names it: a name and a CBPR+ structured address. */
export type Debtor = { name: string; postalAddress: Pacs008Party['postalAddress']; lei?: string };

/** What a rail needs to build the message of one outbound payment. */
export type OutboundForRail = {
  paymentId: string;
  messageId: string;
  endToEndId: string;
  uetr: string;
  amountMinor: bigint;
  currency: string;
  /** ISO date and time with a zone: the message's creation time. */
  createdAt: string;
  /** YYYY-MM-DD: the requested interbank settlement date. */
  settlementDate: string;
  debtor: Debtor;
  /** The payer's ledger account, carried as DbtrAcct/Id/Othr. */
  debtorAccount: CashAccount;
  beneficiary: Beneficiary;
  remittanceInformation?: string;
  purposeCode?: string;
  /** The agent that sends the message for the hub (the payer's bank on the network). */
  instructingAgentBic: string;
};

/** One message ready to leave: its bytes, media type and the id the network knows it by. */
export type PreparedMessage = {
  messageId: string;
  mediaType: 'application/xml';
  fileName: string;
  /** The message definition, e.g. pacs.008.001.08. */
  definition: string;
  xml: string;
};

/** A status report read from a pacs.002: what happened to which original message. */
export type StatusReport = {
  messageId: string;
  originalMessageId: string;
  originalEndToEndId: string | undefined;
  originalUetr: string | undefined;
  /** ExternalPaymentTransactionStatus1Code: ACCP, ACSP, ACWC, ACSC, RJCT, PDNG ... */
  status: string;
  reasonCode: string | undefined;
  additionalInformation: string[];
};

/** What a status code means for an outbound payment. */
export type StatusEffect = 'accepted' | 'settled' | 'rejected' | 'pending';

export type PaymentRail = {
  id: RailId;
  /** Whether the rail carries this currency on this route. */
  supports: (currency: string, route: RailRoute) => boolean;
  /** Rail-specific checks of the beneficiary (wallet ids, CIPS participants); field errors. */
  checkBeneficiary: (beneficiary: Beneficiary) => { field: string; code: string; message: string }[];
  /** The real outbound message(s); throws http.validation_failed with field errors. */
  prepare: (payment: OutboundForRail) => PreparedMessage[];
  /**
   * Sends a prepared message: over the operator's transport (none: `not_configured`, never
   * "sent"), or, for the sandbox, to its receiving bank in the hub's process. A transport that
   * fails throws AppError `payments.rail_transport_failed`.
   */
  submit: (message: PreparedMessage, transport: RailTransport | undefined, now: Date) => Promise<Submission>;
  /** Reads an inbound status message (pacs.002) for this rail. */
  accept: (statusXml: string) => StatusReport;
};

/** What a submission did: where the message went and the status reports that came straight back. */
export type Submission =
  | { kind: 'not_configured' }
  | { kind: 'in_process'; statusXml: string[] }
  | { kind: 'delivered'; transport: RailTransportSetting['kind']; reference: string; statusXml: string[] };

/**
 * How a prepared message leaves the hub: an HTTP endpoint with an auth header, or a directory the
 * operator's gateway picks files up from. The sandbox settles in the hub's process instead.
 */
export type RailTransportSetting =
  | { kind: 'http'; url: string; authHeaderName?: string; authHeaderValue?: string; timeoutMs?: number }
  | { kind: 'directory'; dir: string };

export type RailTransportSettings = Partial<Record<Exclude<RailId, 'sandbox'>, RailTransportSetting>>;

/** What a transport answered: where the message went, and any status report that came back. */
export type Delivery = { reference: string; statusXml?: string };

export type RailTransport = {
  kind: RailTransportSetting['kind'];
  send: (message: PreparedMessage) => Promise<Delivery>;
};

/** The rails' settings from the operator's configuration. */
export type RailsSettings = {
  transports: RailTransportSettings;
  /** The BIC the hub's messages name as instructing agent (the operator's bank). */
  instructingAgentBic: string;
};
