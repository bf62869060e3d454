import type { Actor, Role } from './actor.ts';

const roleRank: Record<Role, number> = { viewer: 1, member: 2, admin: 3, owner: 4 };

export const isRoleAtLeast = (role: Role, minimum: Role): boolean => roleRank[role] >= roleRank[minimum];

type ActionPolicy = { minRole: Role; usersOnly?: boolean };

/**
 * Every action a route may ask about, with the least role that allows it. Adding an action here
 * is the only way to make it allowable, so a new route cannot forget to decide.
 */
export const actionPolicies = {
  'organisation.read': { minRole: 'viewer' },
  'organisation.update': { minRole: 'admin' },
  'member.read': { minRole: 'viewer' },
  'member.manage': { minRole: 'admin', usersOnly: true },
  'invitation.read': { minRole: 'admin' },
  'invitation.manage': { minRole: 'admin', usersOnly: true },
  'api_key.read': { minRole: 'admin' },
  'api_key.manage': { minRole: 'admin', usersOnly: true },
  'audit.read': { minRole: 'admin' },
  'signing_key.read': { minRole: 'viewer' },
  // Rotating or revoking the key that signs the organisation's documents is a person's decision.
  'signing_key.manage': { minRole: 'admin', usersOnly: true },
  'document.read': { minRole: 'viewer' },
  // Issuing is daily clerical work (and an ERP's write API key's); withdrawing a signed
  // document's validity is an administrator's call.
  'document.issue': { minRole: 'member' },
  'document.revoke': { minRole: 'admin' },
  // Appending commitments to the transparency log: members and an ERP's write API key.
  'log.append': { minRole: 'member' },
  // Transferable records (eBLs): seeing them is a viewer's; issuing one and moving title (transfer,
  // endorse, surrender, accept) are daily operational work, like issuing documents.
  'transferable_record.read': { minRole: 'viewer' },
  'transferable_record.issue': { minRole: 'member' },
  'transferable_record.act': { minRole: 'member' },
  // Orders: anyone in the organisation reads them; drafting, answering, sharing and issuing an
  // order's documents is members' work (and an ERP's write API key's).
  'order.read': { minRole: 'viewer' },
  'order.write': { minRole: 'member' },
  'order.share': { minRole: 'member' },
  'order.issue_document': { minRole: 'member' },
  // Customs clearance: submitting CEB messages is a platform's, broker's or carrier's daily
  // work (and its system's write API key's); reading the board and parcels is anyone's in the
  // organisation; seeing a buyer's ID number or phone unmasked is a customs officer's decision,
  // made by a person and audited.
  'customs.submit': { minRole: 'member' },
  'customs.read': { minRole: 'viewer' },
  // Digital-trade statistics: anyone in the commerce department (or customs) reads the dashboards;
  // the routes also require the organisation to be a regulator.
  'stats.read': { minRole: 'viewer' },
  // The enterprises behind the figures are confidential statistics (统计法): the regulator's
  // administrators (its analysts) read them, in person; ordinary members see the aggregates only.
  'stats.read_enterprises': { minRole: 'admin', usersOnly: true },
  // Direct reporting: filling in and submitting the enterprise's own reports is members' work (and
  // its system's write API key's); returning or accepting one, which makes it official statistics,
  // is a person's decision in the commerce department; registering who must report is an admin's.
  'stats_report.read': { minRole: 'viewer' },
  'stats_report.write': { minRole: 'member' },
  'stats_report.review': { minRole: 'member', usersOnly: true },
  'stats_report.register': { minRole: 'admin' },
  // The policy-measure tracker: anyone in a regulator reads the measures and the board; planning
  // tasks and milestones and writing progress reports are members' work; setting up the programme
  // and deciding which organisation stands for which agency is an administrator's.
  'policy_measure.read': { minRole: 'viewer' },
  'policy_measure.write': { minRole: 'member' },
  'policy_measure.manage': { minRole: 'admin' },
  // The Zhejiang Index: computing a run is analysts' daily work (members of the commerce
  // department); publishing one makes it the official index of its year: a person's decision.
  'stats_index.compute': { minRole: 'member' },
  'stats_index.publish': { minRole: 'member', usersOnly: true },
  'customs.reveal': { minRole: 'member', usersOnly: true },
  // Approving or returning a 9810 overseas-warehouse filing: a customs officer's decision, in person.
  'customs.decide_filing': { minRole: 'member', usersOnly: true },
  // Replacing the customs reference data (the positive list) changes what every parcel is judged
  // by: an administrator of a customs authority (the route checks the kind).
  'customs.manage_reference': { minRole: 'admin' },
  // Logistics: anyone in the organisation sees its shipments and their events; creating a shipment
  // and reporting DCSA events on it are daily operational work (and a carrier's system's API key's).
  'shipment.read': { minRole: 'viewer' },
  'shipment.write': { minRole: 'member' },
  'tracking_event.submit': { minRole: 'member' },
  // Inbound DCSA event callbacks: a callback's secret lets whoever holds it report events as the
  // organisation, so creating and deleting one is a person's administrative act, as for API keys.
  'event_callback.read': { minRole: 'admin' },
  'event_callback.manage': { minRole: 'admin', usersOnly: true },
  // Shipment exceptions: acknowledging one is daily work; the delay threshold the organisation's
  // shipments are judged by, and where their exceptions are pushed (a callback with a signing
  // secret), are an administrator's settings.
  'exception.acknowledge': { minRole: 'member' },
  'exception_settings.manage': { minRole: 'admin' },
  'exception_subscription.manage': { minRole: 'admin' },
  // Warehouses: operator and clients see their stock and returns; registering a warehouse and
  // granting clients is an administrator's; recording movements and handling returns is daily work.
  'warehouse.read': { minRole: 'viewer' },
  'warehouse.manage': { minRole: 'admin' },
  'stock.move': { minRole: 'member' },
  'return.handle': { minRole: 'member' },
  // Payments: balances and statements are anyone's in the organisation; moving money is members'
  // work (and an ERP's write API key's); opening accounts and quoting FX are administrators'.
  'payment.read': { minRole: 'viewer' },
  'payment.transfer': { minRole: 'member' },
  'payment.manage': { minRole: 'admin' },
  // Order escrow: releasing or refunding under the escrow's terms is members' work (funding is a
  // payment.transfer); a mediator's dispute outcome (split, refund, release) is a person's decision.
  'escrow.act': { minRole: 'member' },
  'escrow.decide': { minRole: 'member', usersOnly: true },
  // Duplicate-financing registry: checking an invoice and registering or releasing a financing
  // are a credit officer's daily work (and the bank's loan system's write API key's); reading
  // the bank's own registrations is anyone's in it.
  'finance_registry.check': { minRole: 'member' },
  'finance_registry.register': { minRole: 'member' },
  'finance_registry.read': { minRole: 'viewer' },
  // Credit insurance: reading policies is anyone's in the insurer or the exporter; issuing policies,
  // deciding limits, declaring shipments and filing claims are daily work (and a system's write API
  // key's); accepting or rejecting a claim, which pays out money, is a person's decision.
  'insurance.read': { minRole: 'viewer' },
  'insurance.underwrite': { minRole: 'member' },
  'insurance.declare': { minRole: 'member' },
  'insurance.claim': { minRole: 'member' },
  'insurance.decide_claim': { minRole: 'member', usersOnly: true },
  // Financing requests: asking for, sharing, accepting and repaying (exporter), and offering and
  // disbursing (bank) are members' work, like moving money; reading them is anyone's in it.
  'financing.read': { minRole: 'viewer' },
  'financing.request': { minRole: 'member' },
  'financing.offer': { minRole: 'member' },
  // Credit scores: computing and sharing a signed snapshot of the organisation's own score is a
  // member's work (it hands a bank evidence about the organisation); reading is anyone's in it.
  'credit_score.read': { minRole: 'viewer' },
  'credit_score.snapshot': { minRole: 'member' },
  'credit_score.share': { minRole: 'member' },
  // Services-trade records: anyone in the provider (or the client named on a contract) reads them;
  // recording contracts and deliveries is members' daily work (and an ERP's write API key's).
  // Registering a technology import/export contract is a declaration to the commerce authority:
  // a person's act. Every organisation's records are enterprise-level statistics (统计法): the
  // commerce department's administrators (its analysts) read them, in person, as for stats.
  // Expo catalogue: anyone in the exhibitor reads its own showcase, drafts included; editing and
  // publishing the showcase, products and services is marketing's daily work (and a PIM system's
  // write API key's); running an event (halls, booths, schedule) is the organiser's members' work.
  'expo_catalogue.read': { minRole: 'viewer' },
  'expo_catalogue.write': { minRole: 'member' },
  // Searching the expo reads only published offerings, and is recorded as the organisation's
  // search: any member, viewers included, and a read-scope API key.
  'expo_search.read': { minRole: 'viewer' },
  'expo_event.write': { minRole: 'member' },
  'expo_services_trade.read': { minRole: 'viewer' },
  'expo_services_trade.write': { minRole: 'member' },
  'expo_technology_contract.register': { minRole: 'member', usersOnly: true },
  'expo_services_trade.read_all': { minRole: 'admin', usersOnly: true },
  // Expo meetings: anyone in the organisation sees its calendar and meetings; asking for, answering
  // and taking notes on a meeting, and drafting an order from one, are members' daily work (and a
  // CRM's write API key's), like drafting orders.
  'expo_meeting.read': { minRole: 'viewer' },
  'expo_meeting.write': { minRole: 'member' },
  // A secret feed link opens the organisation's whole meeting calendar to whoever holds it, like an
  // API key: creating or revoking one is an administrator's decision, in person.
  'expo_meeting.manage_feed': { minRole: 'admin', usersOnly: true },
  // Expo requirements and leads: anyone in the organisation reads its buyer requirements, their
  // matches and its supplier leads; posting or editing a requirement and answering a lead speak
  // for the organisation to others, so they are members' work (and a sourcing system's write key's).
  'expo_requirement.read': { minRole: 'viewer' },
  'expo_requirement.write': { minRole: 'member' },
  'expo_lead.read': { minRole: 'viewer' },
  'expo_lead.write': { minRole: 'member' },
  // Expo IP registry: anyone in the organisation browses the registry and its own assets,
  // agreements, pledges, watches and alerts; recording assets, listings and watches and licensing
  // are daily work (and an IP-management system's write API key's). Assigning a right away,
  // pledging it to a bank, and accepting an agreement bind the organisation legally: a person's
  // decision (an assignment or a pledge an administrator's). The bank's release of a pledge is its
  // credit officers' daily work, as in the financing registry; a monitoring service reports hits
  // with the owner's write API key.
  'expo_ip.read': { minRole: 'viewer' },
  'expo_ip.write': { minRole: 'member' },
  'expo_ip_agreement.issue': { minRole: 'member' },
  'expo_ip_agreement.assign': { minRole: 'admin', usersOnly: true },
  'expo_ip_agreement.accept': { minRole: 'member', usersOnly: true },
  'expo_ip_pledge.register': { minRole: 'admin', usersOnly: true },
  'expo_ip_pledge.release': { minRole: 'member' },
  'expo_ip_watch.report': { minRole: 'member' },
} as const satisfies Record<string, ActionPolicy>;

export type Action = keyof typeof actionPolicies;

/** An object as the decision point sees it: its kind, id and owning organisation. */
export type AccessObject = { type: string; id: string; organisationId: string };

/**
 * `hidden` means the caller has no relation to the owner at all: the route must answer 404 so
 * that the object's existence does not leak. `forbidden` means the caller can see the owner but
 * lacks the role: 403.
 */
export type Decision = 'allow' | 'hidden' | 'forbidden';

export type SharedGrantsInput = ReadonlySet<string>;

/**
 * The single decision point. `sharedWith` holds the relations other organisations granted to the
 * caller's organisations on this very object (read-only sharing), loaded by the caller's query.
 */
export const can = (
  actor: Actor,
  action: Action,
  object: AccessObject,
  sharedWith: SharedGrantsInput = new Set(),
): Decision => {
  const policy: ActionPolicy = actionPolicies[action];
  const role = actor.roles.get(object.organisationId);
  if (role === undefined) {
    const isReadAction = action.endsWith('.read');

    return isReadAction && sharedWith.has('viewer') ? 'allow' : 'hidden';
  }
  if (policy.usersOnly === true && actor.kind !== 'user') {
    return 'forbidden';
  }

  return isRoleAtLeast(role, policy.minRole) ? 'allow' : 'forbidden';
};
