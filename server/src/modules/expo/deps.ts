import type { Actor, Executor } from '../../platform/access/index.ts';
import type { Database } from '../../platform/db/index.ts';

/**
 * What the composition root hands the expo module. The module table lets expo import identity
 * only; everything it reads from trade, finance, documents, the log or statistics arrives here as
 * a function, wired in app.ts.
 */
export type ExpoDeps = {
  db: Database;
  now: () => Date;
  /** services-trade: wakes the event bus after a commit that wrote an outbox event (bus.notify). */
  afterCommit?: () => void;
  codes: {
    /** The HS 2022 subheading exists in the shipped nomenclature. */
    isHs6: (code: string) => boolean;
    /** A UN/ECE Recommendation 20 unit code. */
    isUnitCode: (code: string) => boolean;
    /** Whether a UN/LOCODE is in the imported list, only well formed, or invalid. */
    checkUnlocode: (code: string) => 'verified' | 'unverified' | 'invalid';
  };
  /** identity's organisation kind (exporter, importer, regulator …). */
  organisationKind: (organisationId: string) => Promise<string | undefined>;
  /** identity's directory names and countries. */
  organisationNames: (
    organisationIds: readonly string[],
  ) => Promise<ReadonlyMap<string, { name: string; nameZh: string; country?: string }>>;
  /**
   * catalogue: the state of a credential (a documents-module document) the organisation holds, to
   * back a product certification; undefined when it holds no such document. Wired to documents'
   * documentStatuses.
   */
  credentialStatus: (
    organisationId: string,
    documentId: string,
  ) => Promise<{ valid: boolean; issuerName?: string; expiresAt?: string } | undefined>;
  /**
   * meetings: drafts a trade order for `organisationId` (its seller or buyer), wired to
   * trade.createOrder; the order's own transaction records `ctx.audit`. Returns the order id.
   */
  createDraftOrder: (
    ctx: ExpoWriteContext,
    organisationId: string,
    content: ExpoDraftOrderContent,
  ) => Promise<{ id: string }>;
  /**
   * matchmaking: `amountMinor` of `from` in `to` at the day's rate (payments' dayRate), with the
   * rate used; undefined when no rate is known for that day, so matching never guesses one.
   */
  convertMoney?: (
    amountMinor: bigint,
    from: string,
    to: string,
    day: string,
  ) => Promise<{ amountMinor: bigint; rate: string } | undefined>;
  /** matchmaking: the organisation's credit score normalised to 0..100 and its grade (finance). */
  creditScore?: (organisationId: string) => Promise<{ score: number; grade?: string } | undefined>;
  /** matchmaking: how many orders the organisation completed through the hub (trade, verified). */
  tradeHistory?: (organisationId: string) => Promise<number | undefined>;
  /**
   * matchmaking trends: aggregate trade (USD minor units, no enterprise) by HS chapter or partner
   * country for a year through a month, from the statistics module's rollups.
   */
  tradeTrend?: (query: {
    year: number;
    throughMonth: number;
    by: 'hs_chapter' | 'country';
  }) => Promise<{ key: string; usdMinor: string }[]>;
  /**
   * ip-registry: issues a licence or assignment as a signed credential of the organisation
   * (documents' issueOne, document type Other), anchored in the transparency log; `within` runs in
   * the issuing transaction so the agreement row commits with its document or not at all.
   */
  issueAgreement?: (
    actor: Actor | null,
    organisationId: string,
    input: { documentNumber: string; subject: Record<string, unknown> },
    within: (trx: Executor, issued: { id: string; credentialId: string; docHash: string }) => Promise<void>,
  ) => Promise<{ id: string; credentialId: string; docHash: string }>;
  /**
   * ip-registry: the offline-verifiable bundle (tradehub-bundle/v1) of an agreement document the
   * organisation issued (documents' getBundle); the registry hands it to both parties.
   */
  agreementBundle?: (organisationId: string, documentId: string) => Promise<unknown>;
  /**
   * ip-registry: the finance module's duplicate-financing registry, where every pledge is
   * registered (finance's `ipPledges`). Both run inside the pledge's own transaction `trx`, so the
   * pledge row and its registration commit or roll back together. `register` fingerprints the
   * right (kind, jurisdiction, registry number) for the bank and answers `registered: false`,
   * registering nothing, when an active registration holds the same right at any bank; the
   * attempt is in finance's query trail either way.
   */
  ipPledgeRegistry: {
    register: (trx: Executor, pledge: ExpoIpPledgeRegistration) => Promise<ExpoIpPledgeOutcome>;
    release: (
      trx: Executor,
      release: { financierOrganisationId: string; registrationId: string },
    ) => Promise<void>;
  };
};

/** A pledge as finance's IpPledgeRegistration takes it (by shape: expo may not import finance). */
export type ExpoIpPledgeRegistration = {
  pledgorOrganisationId: string;
  actor: Actor;
  requestId: string;
  financierOrganisationId: string;
  right: { kind: string; jurisdiction: string; registryNumber: string };
  securedAmount: { amountMinor: bigint; currency: string };
  /** The last day of the pledge term; a year from now when left out. */
  expiresOn?: string | undefined;
  reference?: string | null | undefined;
};

export type ExpoIpPledgeOutcome = { registered: true; registrationId: string } | { registered: false };

/** Who acts, and how the change is audited in its transaction (trade's WriteContext, by shape). */
export type ExpoWriteContext = {
  actor: Actor | null;
  audit: (
    ex: Executor,
    change: {
      organisationId: string | null;
      object: { type: string; id: string } | null;
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

/** A draft order's content as trade's OrderContentInput takes it (by shape: expo may not import trade). */
export type ExpoDraftOrderContent = {
  buyerReference: string;
  currency: string;
  seller: { organisationId: string; name: string; country: string };
  buyer: { organisationId: string; name: string; country: string };
  incoterms: {
    rule: 'EXW' | 'FCA' | 'FOB' | 'DAP';
    namedPlace: { unlocode: string };
  };
  requestedDeliveryDate?: string;
  paymentTerms: string;
  note?: string;
  lines: {
    sellerItemId?: string;
    descriptionEn: string;
    descriptionZh?: string;
    hsCode: string;
    quantity: string;
    unitCode: string;
    unitPrice: { amount: string; currency: string };
  }[];
};
