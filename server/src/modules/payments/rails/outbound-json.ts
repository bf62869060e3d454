import type { PaymentsDeps } from '../deps.ts';
import { formatAmount } from '../domain/amount.ts';
import type { OutboundEvent, OutboundPayment } from './repository.ts';
import type { RailsSettings } from './types.ts';

/** The hub's default instructing agent: a made-up BIC, to be replaced by the operator's bank's. */
export const DEFAULT_INSTRUCTING_AGENT_BIC = 'TRHBCNZJXXX';

export const railsSettingsOf = (deps: PaymentsDeps): RailsSettings =>
  deps.rails ?? { transports: {}, instructingAgentBic: DEFAULT_INSTRUCTING_AGENT_BIC };

export type OutboundRecord = { payment: OutboundPayment; events: OutboundEvent[] };

const summaryOf = (p: OutboundPayment) => ({
  id: p.id,
  clientId: p.clientId,
  organisationId: p.organisationId,
  rail: p.rail,
  status: p.status,
  amount: formatAmount(p.amountMinor, p.currency),
  currency: p.currency,
  debitAccountId: p.debitAccountId,
  inTransitAccountId: p.inTransitAccountId,
  pendingTransferId: p.pendingTransferId,
  resolutionTransferId: p.resolutionTransferId,
  beneficiary: p.beneficiary,
  remittanceInformation: p.remittanceInformation,
  messageId: p.messageId,
  endToEndId: p.endToEndId,
  uetr: p.uetr,
  messageDefinition: p.messageDefinition,
  transportState: p.transportState,
  transportReference: p.transportReference,
  reasonCode: p.reasonCode,
  reasonText: p.reasonText,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

/** A payment in a list: no timeline, no payer address. */
export const outboundSummaryJson = summaryOf;

/** A payment with its timeline, as its owner sees it. */
export const outboundJson = ({ payment, events }: OutboundRecord) => ({
  ...summaryOf(payment),
  debtor: payment.debtor,
  events: events.map((e) => ({
    seq: e.seq,
    kind: e.kind,
    status: e.status,
    isoStatus: e.isoStatus,
    reasonCode: e.reasonCode,
    detail: e.detail,
    statusMessageId: e.statusMessageId,
    transferId: e.transferId,
    byLabel: e.byLabel,
    at: e.at.toISOString(),
  })),
});
