import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoExportParcels, generateDemoParcels } from '../src/modules/customs/index.ts';
import type { RouteAccess } from '../src/platform/http/index.ts';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

const sampleOrderContent = {
  buyerReference: 'INTRUDER-PO',
  currency: 'USD',
  seller: { name: 'Intruder', country: 'CN' },
  buyer: { name: 'Intruder', country: 'DE', email: 'intruder@party.example' },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
  paymentTerms: 'T/T',
  lines: [
    {
      descriptionEn: 'x',
      hsCode: '950300',
      quantity: '1',
      unitCode: 'H87',
      unitPrice: { amount: '1.00', currency: 'USD' },
    },
  ],
};

// A body that passes validation for each write route, so that what answers is the access decision
// and not the schema. A new write route without a sample here fails the matrix on purpose.
const samplePaymentTransfer = {
  id: 'intruder-1',
  debitAccountId: 'acc_intruder',
  creditAccountId: 'acc_intruder2',
  amount: '1.00',
  currency: 'EUR',
};
const sampleRegistryInvoice = {
  seller: { scheme: 'registration', value: 'INTRUDER-1', country: 'CN' },
  buyer: { scheme: 'registration', value: 'INTRUDER-2', country: 'DE' },
  invoiceNumber: 'INTRUDER-INV-1',
  issueDate: '2026-01-15',
  amount: { amount: '10.00', currency: 'USD' },
};
const sampleShipment = {
  reference: 'INTRUDER-SHP',
  orderIds: ['ord_intruder'],
  legs: [
    {
      mode: 'sea',
      origin: 'CNNGB',
      destination: 'NLRTM',
      plannedDeparture: '2026-06-01T08:00:00Z',
      plannedArrival: '2026-07-01T08:00:00Z',
    },
  ],
  cargo: [{ hsCode: '950300', description: 'x', packages: 1, grossWeightKg: '1.0' }],
};
const sampleBodies: Record<string, unknown> = {
  'POST /api/orgs/:orgId/logistics/shipments': sampleShipment,
  'POST /api/orgs/:orgId/logistics/bookings': {
    reference: 'INTRUDER-BKG',
    forwarderOrganisationId: 'org_intruder',
    orderIds: ['ord_intruder'],
    legs: [{ mode: 'sea', origin: 'CNNGB', destination: 'NLRTM', departureDate: '2099-01-01' }],
    cargo: [{ hsCode: '950300', description: 'x', packages: 1, grossWeightKg: '1.0' }],
  },
  'POST /api/orgs/:orgId/logistics/bookings/:bookingId/confirm': {
    carrierBookingReference: 'INTRUDER-CBR',
    legs: sampleShipment.legs,
  },
  'POST /api/orgs/:orgId/logistics/bookings/:bookingId/decline': { reason: 'by an intruder' },
  'POST /api/orgs/:orgId/logistics/bookings/:bookingId/cancel': undefined,
  'POST /api/orgs/:orgId/logistics/event-callbacks': { description: 'by an intruder' },
  'DELETE /api/orgs/:orgId/logistics/event-callbacks/:callbackId': undefined,
  'POST /api/orgs/:orgId/logistics/exceptions/:exceptionId/acknowledge': undefined,
  'PUT /api/orgs/:orgId/logistics/exception-settings': { delayThresholdMinutes: 60 },
  'PUT /api/orgs/:orgId/logistics/shipments/:shipmentId/exception-settings': { delayThresholdMinutes: 60 },
  'POST /api/orgs/:orgId/logistics/exception-subscriptions': {
    callbackUrl: 'https://hooks.intruder.example/x',
  },
  'DELETE /api/orgs/:orgId/logistics/exception-subscriptions/:subscriptionId': undefined,
  'POST /api/orgs/:orgId/logistics/warehouses': {
    name: 'Intruder warehouse',
    unlocode: 'DEHAM',
    address: { lines: ['x'], city: 'Hamburg', country: 'DE' },
    roles: ['storage'],
  },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/clients': { organisationId: 'org_intruder' },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/movements': {
    clientOrganisationId: 'org_intruder',
    sku: 'INTRUDER-SKU',
    kind: 'inbound',
    quantity: 1,
  },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/returns': {
    clientOrganisationId: 'org_intruder',
    buyerReference: 'INTRUDER-B',
    orderReference: 'INTRUDER-O',
    sku: 'INTRUDER-SKU',
    quantity: 1,
    reason: 'by an intruder',
  },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/returns/:returnId/inspection': { grade: 'A' },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/returns/:returnId/decision': {
    decision: 'restock',
  },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/repairs': {
    clientOrganisationId: 'org_intruder',
    buyerReference: 'INTRUDER-B',
    sku: 'INTRUDER-SKU',
    fault: 'by an intruder',
  },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/repairs/:ticketId/diagnosis': { repairable: true },
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/repairs/:ticketId/completion': {},
  'POST /api/orgs/:orgId/logistics/warehouses/:warehouseId/repairs/:ticketId/closing': {
    outcome: 'returned_to_buyer',
    returnShipmentReference: 'INTRUDER-TRACKING',
  },
  'POST /api/orgs/:orgId/finance/registry/checks': { invoice: sampleRegistryInvoice },
  'POST /api/orgs/:orgId/finance/registry/ip-assets/check': {
    kind: 'patent',
    jurisdiction: 'CN',
    registryNumber: 'INTRUDER-1',
  },
  'POST /api/orgs/:orgId/finance/insurance/policies': {
    policyNumber: 'INTRUDER-P',
    exporterOrganisationId: 'org_intruder',
    currency: 'EUR',
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    premiumRate: '0.01',
    indemnityPercent: '90',
    waitingPeriodDays: 0,
    maxCreditPeriodDays: 90,
    insurerAccountId: 'acc_intruder',
  },
  'POST /api/orgs/:orgId/finance/insurance/policies/:policyId/limits': {
    buyer: { name: 'Intruder', country: 'DE' },
    amount: { amount: '1.00', currency: 'EUR' },
  },
  'POST /api/orgs/:orgId/finance/insurance/policies/:policyId/limits/:limitId/decision': {
    action: 'approve',
    amount: { amount: '1000000.00', currency: 'EUR' },
  },
  'POST /api/orgs/:orgId/finance/insurance/policies/:policyId/declarations': {
    limitId: 'icl_intruder',
    invoiceNumber: 'INTRUDER-INV',
    invoiceAmount: { amount: '1.00', currency: 'EUR' },
    shipmentDate: '2026-06-01',
    dueDate: '2026-06-30',
    accountId: 'acc_intruder',
  },
  'POST /api/orgs/:orgId/finance/insurance/declarations/:declarationId/premium': undefined,
  'POST /api/orgs/:orgId/finance/insurance/declarations/:declarationId/settle': undefined,
  'POST /api/orgs/:orgId/finance/insurance/declarations/:declarationId/claim': {
    evidence: [{ role: 'invoice', documentId: 'doc_intruder' }],
  },
  'POST /api/orgs/:orgId/finance/insurance/declarations/:declarationId/claim/decision': {
    decision: 'accept',
  },
  'POST /api/orgs/:orgId/finance/credit/snapshots': undefined,
  'POST /api/orgs/:orgId/finance/credit/snapshots/:snapshotId/shares': { organisationId: 'org_intruder' },
  'POST /api/orgs/:orgId/finance/registry/registrations': {
    invoice: sampleRegistryInvoice,
    financedAmount: { amount: '1.00', currency: 'USD' },
  },
  'POST /api/orgs/:orgId/finance/registry/registrations/:registrationId/release': undefined,
  'POST /api/orgs/:orgId/finance/requests': {
    documentId: 'doc_intruder',
    requestedAmount: { amount: '1.00', currency: 'USD' },
    tenorDays: 30,
  },
  'POST /api/orgs/:orgId/finance/requests/:requestId/shares': { bankOrganisationIds: ['org_intruder'] },
  'POST /api/orgs/:orgId/finance/requests/:requestId/offers': {
    amount: { amount: '1.00', currency: 'USD' },
    rate: '0.05',
    fee: { amount: '0.00', currency: 'USD' },
    expiresAt: '2099-01-01T00:00:00Z',
  },
  'POST /api/orgs/:orgId/finance/requests/:requestId/accept': {
    offerId: 'fof_intruder',
    creditAccountId: 'acc_intruder',
  },
  'POST /api/orgs/:orgId/finance/requests/:requestId/disburse': { debitAccountId: 'acc_intruder' },
  'POST /api/orgs/:orgId/finance/requests/:requestId/repay': { debitAccountId: 'acc_intruder' },
  'POST /api/orgs/:orgId/finance/requests/:requestId/withdraw': undefined,
  'POST /api/orgs/:orgId/payments/accounts': { currency: 'EUR', code: 'intruder' },
  'POST /api/orgs/:orgId/payments/transfers': samplePaymentTransfer,
  'POST /api/orgs/:orgId/payments/transfers/batch': { transfers: [samplePaymentTransfer] },
  'POST /api/orgs/:orgId/payments/transfers/:transferId/post': { id: 'intruder-post' },
  'POST /api/orgs/:orgId/payments/transfers/:transferId/void': { id: 'intruder-void' },
  'POST /api/orgs/:orgId/payments/transfers/:transferId/reverse': { id: 'intruder-reverse' },
  'POST /api/orgs/:orgId/payments/fx/quotes': { from: 'EUR', to: 'CNY', rate: '7.8', ttlSeconds: 60 },
  'POST /api/orgs/:orgId/payments/fx/conversions': {
    id: 'intruder-fx',
    quoteId: 'fxq_intruder',
    fromAccountId: 'acc_intruder',
    toAccountId: 'acc_intruder2',
    amount: '1.00',
  },
  'POST /api/orgs/:orgId/payments/outbound': {
    id: 'intruder-outbound',
    rail: 'sandbox',
    debitAccountId: 'acc_intruder',
    amount: '1.00',
    currency: 'EUR',
    debtor: { name: 'Intruder', postalAddress: { townName: 'Hangzhou', country: 'CN' } },
    beneficiary: {
      name: 'Intruder',
      postalAddress: { townName: 'Hamburg', country: 'DE' },
      account: { other: 'INTRUDER1' },
      agentBic: 'COBADEHHXXX',
    },
  },
  'POST /api/orgs/:orgId/payments/outbound/:paymentId/submit': { via: 'manual' },
  'POST /api/orgs/:orgId/payments/outbound/:paymentId/status': { message: '<Document/>' },
  'POST /api/auth/login': { email: 'nobody@party.example', password: 'wrong password' },
  'POST /api/auth/register': {
    email: 'matrix-new@party.example',
    displayName: 'New',
    password: 'long enough pw',
  },
  'POST /api/auth/logout': undefined,
  'PATCH /api/me': { locale: 'en' },
  'POST /api/orgs': { nameZh: '矩阵公司', nameEn: 'Matrix Ltd', kind: 'importer', country: 'DE' },
  'PATCH /api/orgs/:orgId': { nameEn: 'Renamed by an intruder' },
  'PATCH /api/orgs/:orgId/members/:userId': { role: 'viewer' },
  'DELETE /api/orgs/:orgId/members/:userId': undefined,
  'POST /api/orgs/:orgId/invitations': { email: 'intruder@party.example', role: 'admin' },
  'DELETE /api/orgs/:orgId/invitations/:invitationId': undefined,
  'POST /api/invitations/accept': { token: 'x'.repeat(43), displayName: 'X', password: 'long enough pw' },
  'POST /api/orgs/:orgId/api-keys': { name: 'intruder key', scopes: ['read'] },
  'DELETE /api/orgs/:orgId/api-keys/:keyId': undefined,
  'POST /api/orgs/:orgId/keys/rotate': {},
  'POST /api/orgs/:orgId/keys/:keyId/revoke': { reason: 'key_compromise' },
  'POST /api/orgs/:orgId/documents': { documentType: 'Other', documentNumber: 'INTRUDER-1', subject: {} },
  'POST /api/orgs/:orgId/documents/batch': {
    documents: [{ documentType: 'Other', documentNumber: 'INTRUDER-2', subject: {} }],
  },
  'POST /api/orgs/:orgId/documents/:documentId/revoke': { reason: 'revoked by an intruder' },
  'POST /api/orgs/:orgId/documents/:documentId/suspend': { reason: 'suspended by an intruder' },
  'POST /api/orgs/:orgId/documents/:documentId/unsuspend': undefined,
  'POST /api/orgs/:orgId/log/entries': { entries: ['AQID'] },
  'POST /api/orgs/:orgId/documents/drafts': {
    kind: 'packing_list',
    documentNumber: 'INTRUDER-D',
    subject: {},
  },
  'PUT /api/orgs/:orgId/documents/drafts/:draftId': { version: 1, documentNumber: 'INTRUDER-D', subject: {} },
  'POST /api/orgs/:orgId/documents/drafts/:draftId/issue': {},
  'POST /api/orgs/:orgId/transferable-records': { documentId: 'doc_intruder', holderOrganisationId: 'org_x' },
  'POST /api/orgs/:orgId/transferable-records/:recordId/actions': {
    action: 'transfer_holder',
    toOrganisationId: 'org_x',
    expectedHead: '0'.repeat(64),
  },
  'POST /api/orgs/:orgId/orders': { content: sampleOrderContent },
  'PUT /api/orgs/:orgId/orders/:orderId': { version: 1, content: sampleOrderContent },
  'POST /api/orgs/:orgId/orders/:orderId/actions': { action: 'cancel', version: 1, note: 'by an intruder' },
  'POST /api/orgs/:orgId/orders/:orderId/shares': { organisationId: 'org_intruder', role: 'bank' },
  'DELETE /api/orgs/:orgId/orders/:orderId/shares/:organisationId': undefined,
  'POST /api/orgs/:orgId/orders/:orderId/documents': { kind: 'commercial_invoice' },
  'POST /api/orgs/:orgId/orders/:orderId/escrow': {
    debitAccountId: 'acc_intruder',
    releaseTrigger: 'buyer_acceptance',
  },
  'POST /api/orgs/:orgId/orders/:orderId/escrow/release': {},
  'POST /api/orgs/:orgId/orders/:orderId/escrow/refund': {},
  'POST /api/orgs/:orgId/orders/:orderId/escrow/split': { sellerAmount: '1.00' },
  'POST /api/orgs/:orgId/orders/import/ubl': {},
  // A file that parses, so that the order lookup after the parse is what answers.
  'POST /api/orgs/:orgId/orders/:orderId/import/ubl-order-response': readFileSync(
    new URL('../src/modules/trade/formats/testdata/UBL-OrderResponse-2.1-Example.xml', import.meta.url),
    'utf8',
  ),
  'POST /api/orgs/:orgId/order-invitations/:token/claim': undefined,
  'POST /api/orgs/:orgId/customs/parcels/:parcelId/reveal': { reason: 'an intruder wants to see' },
  'POST /api/orgs/:orgId/customs/parcels/:parcelId/inspection': {
    outcome: 'release',
    note: 'by an intruder',
  },
  'POST /api/orgs/:orgId/customs/export/summaries': { month: '2026-11' },
  'POST /api/orgs/:orgId/customs/export/warehouses': {
    name: 'Intruder warehouse',
    country: 'DE',
    address: 'Nowhere 1',
    areaM2: '100',
    operator: 'Intruder GmbH',
    proofDocumentId: 'NONE',
  },
  'POST /api/orgs/:orgId/customs/export/warehouses/:filingId/decision': {
    outcome: 'approve',
    note: 'by an intruder',
  },
  'POST /api/orgs/:orgId/customs/bonded/inbounds': {
    ebcCode: '3301960099',
    areaCode: '3301968099',
    emsNo: 'T2991W0INTRUDER',
    billNo: 'INTRUDER-BILL',
    operatorCode: '3301968099',
    lines: [{ itemRecordNo: 'INTRUDER', gcode: '1901101000', gname: 'x', qty: '1' }],
  },
  'POST /api/orgs/:orgId/customs/positive-list': { csv: 'hs_code\n19011010\n' },
  'POST /api/orgs/:orgId/stats/reporting/reports': {
    formCode: 'monthly_services',
    period: '2025-01',
    city: '330100',
  },
  'PUT /api/orgs/:orgId/stats/reporting/reports/:reportId/values': { version: 1, values: {} },
  'PUT /api/orgs/:orgId/stats/reporting/reports/:reportId/upload': Buffer.from('cell,label,value\r\n'),
  'POST /api/orgs/:orgId/stats/reporting/reports/:reportId/submit': { version: 1, confirmations: {} },
  'POST /api/orgs/:orgId/stats/reporting/enterprises': { organisationId: 'org_intruder' },
  'POST /api/orgs/:orgId/stats/reporting/review/:reportId/return': { version: 1, comments: { report: 'x' } },
  'POST /api/orgs/:orgId/stats/reporting/review/:reportId/accept': { version: 1 },
  'POST /api/orgs/:orgId/stats/policy-measures/programme': {},
  'PATCH /api/orgs/:orgId/stats/policy-measures/agencies/:agencyCode': { organisationId: null },
  'POST /api/orgs/:orgId/stats/policy-measures/measures/:measureNumber/tasks': {
    titleZh: '入侵者',
    ownerAgency: 'zj-commerce',
    dueDate: '2099-01-01',
  },
  'PATCH /api/orgs/:orgId/stats/policy-measures/tasks/:taskId': { version: 1, status: 'in_progress' },
  'POST /api/orgs/:orgId/stats/policy-measures/tasks/:taskId/milestones': {
    titleEn: 'x',
    dueDate: '2099-01-01',
  },
  'PATCH /api/orgs/:orgId/stats/policy-measures/tasks/:taskId/milestones/:milestoneId': { done: true },
  'POST /api/orgs/:orgId/stats/policy-measures/tasks/:taskId/reports': {
    period: '2025-Q1',
    text: 'by an intruder',
    percent: 100,
  },
  'POST /api/orgs/:orgId/stats/index/runs': { year: 2025, runs: 10 },
  'POST /api/orgs/:orgId/stats/index/runs/:runId/publish': undefined,
  // expo services trade
  'POST /api/orgs/:orgId/expo/service-contracts': {
    reference: 'INTRUDER-SVC',
    title: 'x',
    client: { name: 'x', country: 'MY' },
    ebopsCode: 'SI2',
    gatsMode: 'mode1',
    value: { amount: '1.00', currency: 'USD' },
    startsOn: '2026-01-01',
    endsOn: '2026-12-31',
    digitallyDelivered: true,
  },
  'PATCH /api/orgs/:orgId/expo/service-contracts/:contractId': { version: 1, title: 'by an intruder' },
  'DELETE /api/orgs/:orgId/expo/service-contracts/:contractId': undefined,
  'POST /api/orgs/:orgId/expo/service-contracts/:contractId/deliveries': {
    deliveredOn: '2026-01-02',
    value: { amount: '1.00', currency: 'USD' },
  },
  'POST /api/orgs/:orgId/expo/technology-contracts': {
    reference: 'INTRUDER-TEC',
    direction: 'export',
    foreignParty: { name: 'x', country: 'MY' },
    technologyName: 'x',
    technologyFields: ['know_how'],
    category: 'free',
    value: { amount: '1.00', currency: 'USD' },
    paymentMethod: 'lump_sum',
    termStartsOn: '2026-01-01',
    termEndsOn: '2026-12-31',
  },
  'POST /api/orgs/:orgId/expo/technology-contracts/:technologyContractId/register': { version: 1 },
  'POST /api/orgs/:orgId/expo/technology-contracts/:technologyContractId/cancel': {
    version: 1,
    reason: 'by an intruder',
  },
  // expo meetings
  'POST /api/orgs/:orgId/expo/meetings': {
    counterpartOrganisationId: 'org_intruder',
    mode: 'online',
    slots: [{ startsAt: '2099-01-01T10:00:00Z', endsAt: '2099-01-01T11:00:00Z' }],
    timeZone: 'UTC',
    language: 'en',
  },
  'POST /api/orgs/:orgId/expo/meetings/:meetingId/actions': { action: 'cancel', version: 1 },
  'POST /api/orgs/:orgId/expo/meetings/:meetingId/notes': { visibility: 'shared', body: 'by an intruder' },
  'POST /api/orgs/:orgId/expo/meetings/:meetingId/draft-order': {},
  'POST /api/orgs/:orgId/expo/meetings/feed': {},
  'DELETE /api/orgs/:orgId/expo/meetings/feed': undefined,
  // expo IP registry
  'POST /api/orgs/:orgId/expo/ip/assets': {
    kind: 'patent',
    titleZh: '入侵者的专利',
    titleEn: 'Intruder patent',
    registryNumber: 'ZL201710601862.3',
    jurisdiction: 'CN',
    status: 'granted',
    visibility: 'draft',
  },
  'PATCH /api/orgs/:orgId/expo/ip/assets/:assetId': { version: 1, titleEn: 'by an intruder' },
  'POST /api/orgs/:orgId/expo/ip/assets/:assetId/agreements': {
    kind: 'licence',
    counterparty: { name: 'Intruder' },
    exclusivity: 'non_exclusive',
    territory: ['DE'],
    termStart: '2026-01-01',
    royalty: { kind: 'none' },
  },
  'POST /api/orgs/:orgId/expo/ip/agreements/:agreementId/accept': {},
  'POST /api/orgs/:orgId/expo/ip/assets/:assetId/pledge': {
    bankOrganisationId: 'org_intruder',
    securedAmount: { amount: '1.00', currency: 'CNY' },
  },
  'POST /api/orgs/:orgId/expo/ip/pledges/:pledgeId/release': {},
  'POST /api/orgs/:orgId/expo/ip/listings': {
    assetIds: ['eip_intruder'],
    deal: 'licence',
    pitchZh: '入侵',
    pitchEn: 'by an intruder',
    asking: { kind: 'negotiable' },
    status: 'draft',
  },
  'PATCH /api/orgs/:orgId/expo/ip/listings/:listingId': { version: 1, status: 'withdrawn' },
  'POST /api/orgs/:orgId/expo/ip/assets/:assetId/watches': { jurisdictions: ['DE'], keywords: ['intruder'] },
  'POST /api/orgs/:orgId/expo/ip/watches/:watchId/hits': {
    url: 'https://intruder.example/item',
    marketplace: 'Intruder',
    country: 'DE',
    evidenceSha256: 'f'.repeat(64),
    observedAt: '2026-01-01T00:00:00Z',
  },
  'POST /api/orgs/:orgId/expo/ip/alerts/:alertId/dismiss': {},
  'POST /api/orgs/:orgId/expo/ip/alerts/:alertId/dispute-intake': {},
  // expo matchmaking
  'POST /api/orgs/:orgId/expo/requirements': {
    title: 'Intruder bulbs',
    quantity: '1',
    unit: 'H87',
    destinationCountry: 'MY',
    deadline: '2099-12-31',
  },
  'PATCH /api/orgs/:orgId/expo/requirements/:requirementId': { version: 1, status: 'closed' },
  'PATCH /api/orgs/:orgId/expo/leads/:leadId': { status: 'declined' },
  // expo catalogue
  'PUT /api/orgs/:orgId/expo/exhibitor': {
    displayNameZh: '入侵者',
    displayNameEn: 'Intruder',
    country: 'CN',
    version: 1,
  },
  'POST /api/orgs/:orgId/expo/products': {
    nameZh: '入侵者',
    nameEn: 'Intruder',
    hsCode: '940542',
    moq: '1',
    moqUnit: 'H87',
    price: { currency: 'USD', min: '1.00', max: '2.00' },
    leadTimeDays: 1,
  },
  'PATCH /api/orgs/:orgId/expo/products/:productId': { version: 1, nameEn: 'by an intruder' },
  'POST /api/orgs/:orgId/expo/products/:productId/publish': undefined,
  'POST /api/orgs/:orgId/expo/products/:productId/withdraw': undefined,
  'PUT /api/orgs/:orgId/expo/products/:productId/certifications/:scheme': {},
  'DELETE /api/orgs/:orgId/expo/products/:productId/certifications/:scheme': undefined,
  'POST /api/orgs/:orgId/expo/services': {
    nameZh: '入侵者',
    nameEn: 'Intruder',
    ebopsCode: 'SJ34',
    gatsModes: ['mode1'],
  },
  'PATCH /api/orgs/:orgId/expo/services/:serviceId': { version: 1, nameEn: 'by an intruder' },
  'POST /api/orgs/:orgId/expo/services/:serviceId/publish': undefined,
  'POST /api/orgs/:orgId/expo/services/:serviceId/withdraw': undefined,
  'POST /api/orgs/:orgId/expo/events': {
    kind: 'online_week',
    nameZh: '入侵者周',
    nameEn: 'Intruder week',
    startsOn: '2026-12-01',
    endsOn: '2026-12-07',
    timeZone: 'Asia/Shanghai',
  },
  'POST /api/orgs/:orgId/expo/events/:eventId/publish': undefined,
  'POST /api/orgs/:orgId/expo/events/:eventId/cancel': undefined,
  'POST /api/orgs/:orgId/expo/events/:eventId/halls': { nameZh: '馆', nameEn: 'Hall' },
  'POST /api/orgs/:orgId/expo/events/:eventId/booths': { hallId: 'ehl_intruder', code: 'X-1' },
  'PUT /api/orgs/:orgId/expo/events/:eventId/booths/:boothId/exhibitor': { exhibitorOrganisationId: null },
  'POST /api/orgs/:orgId/expo/events/:eventId/sessions': {
    titleZh: '入侵',
    titleEn: 'Intrusion',
    startsAt: '2026-12-01T09:00:00+08:00',
    endsAt: '2026-12-01T10:00:00+08:00',
  },
};

// Query strings a route requires before anything else answers.
const sampleQueries: Record<string, string> = {
  'POST /api/orgs/:orgId/orders/:orderId/import/ubl-order-response': '?version=1',
  'PUT /api/orgs/:orgId/stats/reporting/reports/:reportId/upload': '?version=1',
  'GET /api/orgs/:orgId/stats/reporting/template': '?form=monthly_services',
  'GET /api/orgs/:orgId/stats/dashboard/breakdown': '?dimension=ebops',
  'GET /api/orgs/:orgId/stats/dashboard/enterprises': '?customsMode=9710&partner=US',
  // expo search: a query that passes validation, so what answers is the access decision.
  'GET /api/orgs/:orgId/expo/search': '?q=led',
};

/** The inject options of a sample body: a string body is a UBL file, sent as XML; a Buffer a CSV upload. */
const bodyOptions = (payload: unknown) =>
  payload === undefined
    ? {}
    : typeof payload === 'string'
      ? { payload, contentType: 'application/xml' }
      : Buffer.isBuffer(payload)
        ? { payload, contentType: 'text/csv' }
        : { payload: payload as object };

// Bodies that carry B's real objects, for the routes whose body names one: the route must refuse
// them for A as it would refuse a made-up id, before any check of the object's own state.
const realBodies: Record<string, (a: Fixture, b: Fixture) => unknown> = {
  'POST /api/orgs/:orgId/transferable-records': (a, b) => ({
    documentId: b.billOfLadingId,
    holderOrganisationId: a.organisationId,
  }),
  'POST /api/orgs/:orgId/transferable-records/:recordId/actions': (a, b) => ({
    action: 'transfer_holder',
    toOrganisationId: a.organisationId,
    expectedHead: b.recordHead,
  }),
  'POST /api/orgs/:orgId/orders/:orderId/documents': (_a, b) => ({
    kind: 'sales_contract',
    replacesDocumentId: b.documentId,
  }),
  'POST /api/orgs/:orgId/orders/:orderId/shares': (a) => ({ organisationId: a.organisationId, role: 'bank' }),
};

// Path parameters that name no object of the organisation in the path, each with the reason. Any
// other parameter must be declared in the route's `access.objects`, so that the matrix below calls
// the route with a real object of B's: an undeclared one would only ever get a made-up id.
const notObjects: Record<string, string> = {
  token: "an order invitation link's token: a bearer secret, usable by whoever holds the link",
  organisationId: 'the organisation a share names; the order in the path decides who may remove it',
  measureNumber: "a measure of the policy: public reference data, the same in every organisation's programme",
  agencyCode: "an agency of the policy's catalogue: reference data; the office's programme holds the mapping",
  scheme:
    'a certification scheme (CE, RoHS …): reference data; the product in the path decides who may claim it',
};

type Fixture = Party & {
  invitationId: string;
  apiKeyId: string;
  apiKey: string;
  signingKeyId: string;
  /** A document issued from `orderId`: so the order's document routes get a pair that belongs together. */
  documentId: string;
  draftId: string;
  orderId: string;
  parcelId: string;
  customsMessageId: string;
  /** An export parcel (9610) the party sent the four documents of, its month's summary, and a 9810 warehouse filing. */
  exportParcelId: string;
  exportSummaryId: string;
  warehouseFilingId: string;
  /** A 1210 account book the party keeps (it declared goods into it). */
  bondedBookId: string;
  /** An issued bill of lading, made the transferable record `recordId`, held by the party itself. */
  billOfLadingId: string;
  recordId: string;
  recordHead: string;
  /** The party's EUR account, paid into by a bank with `paymentTransferId`. */
  paymentAccountId: string;
  paymentTransferId: string;
  /** A sandbox outbound payment the party made from `paymentAccountId`. */
  outboundPaymentId: string;
  /** A financing registration the party (a bank) made in the duplicate-financing registry. */
  registrationId: string;
  /** A financing request the party made for `financingInvoiceId`, a commercial invoice it issued. */
  financingRequestId: string;
  financingInvoiceId: string;
  /** A credit snapshot of the party's own score. */
  creditSnapshotId: string;
  /** A credit-insurance policy an insurer issued to the party, a buyer limit on it, a declaration. */
  insurancePolicyId: string;
  insuranceLimitId: string;
  insuranceDeclarationId: string;
  /** A shipment the party ships, carrying `orderId`. */
  shipmentId: string;
  /** A returns centre the party is a client of (a logistics provider operates it), and a return there. */
  warehouseId: string;
  returnCaseId: string;
  /** A repair ticket of the party's at the same warehouse (also an after-sales centre). */
  repairTicketId: string;
  /** A booking the party (shipper) sent a forwarder for `orderId`, and an inbound event callback of its own. */
  bookingId: string;
  eventCallbackId: string;
  /** A delay exception on `shipmentId` (the party's own estimate) and an exception subscription of the party. */
  exceptionId: string;
  exceptionSubscriptionId: string;
  /** A monthly direct report the party (registered by a commerce department) opened. */
  directReportId: string;
  /** A policy-measure task (and its milestone) in the programme the party's commerce department runs. */
  policyTaskId: string;
  policyMilestoneId: string;
  /** A Zhejiang Index run the party's commerce department computed (unpublished). */
  indexRunId: string;
  /** An expo service contract the party provides, and a technology contract (draft) it is the Chinese party of. */
  serviceContractId: string;
  technologyContractId: string;
  /** An expo meeting the party asked its commerce department for: the other fixture is no party of it. */
  meetingId: string;
  /** The party's IP asset (a private draft, licensed to a named party, pledged with its bank) with a draft listing, a watch and an alert. */
  ipAssetId: string;
  ipAgreementId: string;
  /** The signed credential of that licence (a documents-module document of B's). */
  ipAgreementDocumentId: string;
  ipPledgeId: string;
  ipListingId: string;
  ipWatchId: string;
  ipAlertId: string;
  /** The party's expo showcase (a draft) with a product and a service, and an event it organises with a hall and a booth. */
  expoProductId: string;
  expoServiceId: string;
  expoEventId: string;
  expoBoothId: string;
  /** The party's buyer requirement and a lead on it (its own draft product: a fixture-made match). */
  expoRequirementId: string;
  expoLeadId: string;
};

type Credential = { label: string; headers: (party: Fixture) => Record<string, string> };

const credentials: Credential[] = [
  { label: 'session', headers: (p) => ({ cookie: p.cookie }) },
  { label: 'API key', headers: (p) => ({ authorization: `Bearer ${p.apiKey}` }) },
];

const withObjects = (party: Fixture, b: Fixture, access: Extract<RouteAccess, { kind: 'organisation' }>) => {
  const values: Record<string, string> = {
    [access.param]: party.organisationId,
    organisationId: party.organisationId,
  };
  const objectOf: Record<string, (f: Fixture) => string> = {
    user: (f) => f.userId,
    invitation: (f) => f.invitationId,
    api_key: (f) => f.apiKeyId,
    signing_key: (f) => f.signingKeyId,
    document: (f) => f.documentId,
    document_draft: (f) => f.draftId,
    order: (f) => f.orderId,
    parcel: (f) => f.parcelId,
    customs_message: (f) => f.customsMessageId,
    export_parcel: (f) => f.exportParcelId,
    export_summary: (f) => f.exportSummaryId,
    warehouse_filing: (f) => f.warehouseFilingId,
    bonded_book: (f) => f.bondedBookId,
    transferable_record: (f) => f.recordId,
    account: (f) => f.paymentAccountId,
    transfer: (f) => f.paymentTransferId,
    outbound_payment: (f) => f.outboundPaymentId,
    financing_registration: (f) => f.registrationId,
    financing_request: (f) => f.financingRequestId,
    credit_snapshot: (f) => f.creditSnapshotId,
    insurance_policy: (f) => f.insurancePolicyId,
    insurance_credit_limit: (f) => f.insuranceLimitId,
    insurance_declaration: (f) => f.insuranceDeclarationId,
    shipment: (f) => f.shipmentId,
    warehouse: (f) => f.warehouseId,
    return_case: (f) => f.returnCaseId,
    repair_ticket: (f) => f.repairTicketId,
    booking: (f) => f.bookingId,
    event_callback: (f) => f.eventCallbackId,
    logistics_exception: (f) => f.exceptionId,
    exception_subscription: (f) => f.exceptionSubscriptionId,
    direct_report: (f) => f.directReportId,
    policy_task: (f) => f.policyTaskId,
    policy_milestone: (f) => f.policyMilestoneId,
    index_run: (f) => f.indexRunId,
    expo_service_contract: (f) => f.serviceContractId,
    expo_technology_contract: (f) => f.technologyContractId,
    expo_meeting: (f) => f.meetingId,
    expo_ip_asset: (f) => f.ipAssetId,
    expo_ip_agreement: (f) => f.ipAgreementId,
    expo_ip_pledge: (f) => f.ipPledgeId,
    expo_ip_listing: (f) => f.ipListingId,
    expo_ip_watch: (f) => f.ipWatchId,
    expo_ip_alert: (f) => f.ipAlertId,
    expo_product: (f) => f.expoProductId,
    expo_service: (f) => f.expoServiceId,
    expo_event: (f) => f.expoEventId,
    expo_booth: (f) => f.expoBoothId,
    expo_requirement: (f) => f.expoRequirementId,
    expo_lead: (f) => f.expoLeadId,
  };
  for (const [param, type] of Object.entries(access.objects ?? {})) {
    const pick = objectOf[type];
    if (pick === undefined) {
      throw new Error(`the matrix has no fixture for object type ${type}: add one`);
    }
    values[param] = pick(b);
  }
  return values;
};

// Organisation routes with an object in the path when this was written (credentials aside):
// fewer means the matrix lost routes it used to call with B's real objects.
const minimumRoutesWithRealObjects = 40;

const fillPath = (url: string, values: Record<string, string>) =>
  url.replaceAll(/:(\w+)/g, (_match, name: string) => values[name] ?? 'unknown-param');

describe('cross-organisation access matrix', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let a: Fixture;
  let b: Fixture;

  const fixture = async (label: string): Promise<Fixture> => {
    // Banks: only a financier may use the registry, and nothing else here depends on the kind.
    const party = await createParty(ctx.hub, label, { kind: 'bank' });
    const invitation = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/invitations`,
      headers: { cookie: party.cookie },
      payload: { email: `${label.toLowerCase()}-invitee@party.example`, role: 'member' },
    });
    const key = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/api-keys`,
      headers: { cookie: party.cookie },
      payload: { name: `${label} ERP`, scopes: ['read', 'write'] },
    });
    expect(invitation.statusCode).toBe(201);
    expect(key.statusCode).toBe(201);
    const apiKey = key.json<{ secret: string; apiKey: { id: string } }>();
    rememberSecret(apiKey.secret);
    const signingKeys = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/keys`,
      headers: { cookie: party.cookie },
    });
    expect(signingKeys.statusCode).toBe(200);
    const billOfLading = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/documents`,
      headers: { cookie: party.cookie },
      payload: {
        documentType: 'BillOfLading',
        documentNumber: `${label}-BL-1`,
        subject: { shipper: label, consignee: 'TO ORDER', portOfLoading: 'CNNGB', portOfDischarge: 'DEHAM' },
      },
    });
    expect(billOfLading.statusCode, billOfLading.body).toBe(201);
    const record = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/transferable-records`,
      headers: { cookie: party.cookie },
      payload: {
        documentId: billOfLading.json<{ id: string }>().id,
        holderOrganisationId: party.organisationId,
      },
    });
    expect(record.statusCode, record.body).toBe(201);
    const draft = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/documents/drafts`,
      headers: { cookie: party.cookie },
      payload: { kind: 'packing_list', documentNumber: `${label}-PL-1`, subject: {} },
    });
    expect(draft.statusCode).toBe(201);
    const order = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/orders`,
      headers: { cookie: party.cookie },
      payload: {
        content: {
          ...sampleOrderContent,
          seller: { organisationId: party.organisationId, name: label, country: 'CN' },
        },
      },
    });
    expect(order.statusCode, order.body).toBe(201);
    // Offered, so that a sales contract issues from it (the buyer, invited by e-mail, never answers).
    const offered = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/orders/${order.json<{ id: string }>().id}/actions`,
      headers: { cookie: party.cookie },
      payload: { action: 'offer', version: order.json<{ version: number }>().version },
    });
    expect(offered.statusCode, offered.body).toBe(200);
    const document = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/orders/${order.json<{ id: string }>().id}/documents`,
      headers: { cookie: party.cookie },
      payload: { kind: 'sales_contract' },
    });
    expect(document.statusCode, document.body).toBe(201);
    const [parcel] = generateDemoParcels({ count: 1, seed: label.length, prefix: label.toUpperCase() });
    const customs = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: { messages: [parcel?.order] },
    });
    expect(customs.statusCode, customs.body).toBe(200);
    const received = customs.json<{
      outcomes: { status: string; messageId: string; parcelIds: string[] }[];
    }>().outcomes[0];
    expect(received?.status).toBe('accepted');
    const [exportParcel] = generateDemoExportParcels({
      count: 1,
      seed: label.length,
      prefix: label.slice(0, 2).toUpperCase(),
    });
    const exportSent = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/customs/ceb/batch?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: {
        messages: [
          exportParcel?.order,
          exportParcel?.receipts,
          exportParcel?.waybill,
          exportParcel?.inventory,
        ],
      },
    });
    expect(exportSent.statusCode, exportSent.body).toBe(200);
    const exportParcelId = exportSent.json<{ outcomes: { parcelIds: string[] }[] }>().outcomes[3]
      ?.parcelIds[0];
    const exportSummary = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/customs/export/summaries`,
      headers: { cookie: party.cookie },
      payload: { month: new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7) },
    });
    expect(exportSummary.statusCode, exportSummary.body).toBe(200);
    const warehouseFiling = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/customs/export/warehouses`,
      headers: { cookie: party.cookie },
      payload: {
        name: `${label} Hamburg`,
        country: 'DE',
        address: 'Am Sandtorkai 50, Hamburg',
        areaM2: '5000',
        operator: `${label} GmbH`,
        proofDocumentId: `${label}-LEASE`,
      },
    });
    expect(warehouseFiling.statusCode, warehouseFiling.body).toBe(201);
    const bondedInbound = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/customs/bonded/inbounds`,
      headers: { cookie: party.cookie },
      payload: {
        ebcCode: '3301960002',
        areaCode: '3301968001',
        emsNo: `T2991W${label.toUpperCase()}`,
        billNo: `BILL${label.toUpperCase()}`,
        operatorCode: '3301968001',
        lines: [{ itemRecordNo: `${label}-1`, gcode: '1901101000', gname: '奶粉', qty: '10' }],
      },
    });
    expect(bondedInbound.statusCode, bondedInbound.body).toBe(201);
    // Money needs a payer: a bank with a settlement account pays the party's account once.
    const payments = (org: Party, path: string, payload: object) =>
      ctx.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${org.organisationId}/payments${path}`,
        headers: { cookie: org.cookie },
        payload,
      });
    const payer = await createParty(ctx.hub, `${label}Bank`, { kind: 'bank' });
    const settlement = await payments(payer, '/accounts', {
      currency: 'EUR',
      code: 'settlement',
      kind: 'settlement',
      debitsMustNotExceedCredits: false,
    });
    expect(settlement.statusCode, settlement.body).toBe(201);
    const paymentAccount = await payments(party, '/accounts', { currency: 'EUR', code: 'main' });
    expect(paymentAccount.statusCode, paymentAccount.body).toBe(201);
    const paid = await payments(payer, '/transfers', {
      id: `${label}-paid`,
      debitAccountId: settlement.json<{ id: string }>().id,
      creditAccountId: paymentAccount.json<{ id: string }>().id,
      amount: '100.00',
      currency: 'EUR',
    });
    expect(paid.statusCode, paid.body).toBe(201);
    const outbound = await payments(party, '/outbound', {
      id: `${label}-outbound`,
      rail: 'sandbox',
      debitAccountId: paymentAccount.json<{ id: string }>().id,
      amount: '1.00',
      currency: 'EUR',
      debtor: { name: `${label} Ltd`, postalAddress: { townName: 'Hangzhou', country: 'CN' } },
      beneficiary: {
        name: 'Elbe Handelshaus GmbH',
        postalAddress: { townName: 'Hamburg', country: 'DE' },
        account: { other: 'HH12345678' },
        agentBic: 'COBADEHHXXX',
      },
    });
    expect(outbound.statusCode, outbound.body).toBe(201);

    const registration = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/finance/registry/registrations`,
      headers: { cookie: party.cookie },
      payload: {
        invoice: { ...sampleRegistryInvoice, invoiceNumber: `${label}-INV-1` },
        financedAmount: { amount: '5.00', currency: 'USD' },
      },
    });
    expect(registration.statusCode, registration.body).toBe(201);
    const invoice = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/documents`,
      headers: { cookie: party.cookie },
      payload: {
        documentType: 'CommercialInvoice',
        documentNumber: `${label}-CI-1`,
        subject: {
          issueDate: '2026-01-15',
          seller: { name: label, country: 'CN' },
          buyer: { name: 'Buyer', country: 'DE' },
          total: { amount: '10.00', currency: 'USD' },
        },
      },
    });
    expect(invoice.statusCode, invoice.body).toBe(201);
    // A request needs the invoice's bundle, which exists once the log has anchored it.
    await ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
    const financingRequest = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/finance/requests`,
      headers: { cookie: party.cookie },
      payload: {
        documentId: invoice.json<{ id: string }>().id,
        requestedAmount: { amount: '5.00', currency: 'USD' },
        tenorDays: 30,
      },
    });
    expect(financingRequest.statusCode, financingRequest.body).toBe(201);
    const creditSnapshot = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/finance/credit/snapshots`,
      headers: { cookie: party.cookie },
    });
    expect(creditSnapshot.statusCode, creditSnapshot.body).toBe(201);
    // Credit insurance: an insurer insures the party; the party declares a shipment (premium 0.35).
    const insurer = await createParty(ctx.hub, `${label}Insurer`, { kind: 'insurer' });
    const insurance = async (org: Party, path: string, payload: object) => {
      const answer = await ctx.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${org.organisationId}/finance/insurance${path}`,
        headers: { cookie: org.cookie },
        payload,
      });
      expect(answer.statusCode, answer.body).toBeLessThan(300);
      return answer.json<{ id: string; limits: { id: string }[] }>();
    };
    const insurerAccount = await payments(insurer, '/accounts', { currency: 'EUR', code: 'main' });
    expect(insurerAccount.statusCode, insurerAccount.body).toBe(201);
    const policy = await insurance(insurer, '/policies', {
      policyNumber: `${label}-POL-1`,
      exporterOrganisationId: party.organisationId,
      currency: 'EUR',
      periodStart: '2026-01-01',
      periodEnd: '2027-12-31',
      premiumRate: '0.0035',
      indemnityPercent: '90',
      waitingPeriodDays: 30,
      maxCreditPeriodDays: 90,
      insurerAccountId: insurerAccount.json<{ id: string }>().id,
    });
    const limitId =
      (
        await insurance(party, `/policies/${policy.id}/limits`, {
          buyer: { name: 'Buyer', country: 'DE' },
          amount: { amount: '1000.00', currency: 'EUR' },
        })
      ).limits[0]?.id ?? 'no limit';
    await insurance(insurer, `/policies/${policy.id}/limits/${limitId}/decision`, {
      action: 'approve',
      amount: { amount: '1000.00', currency: 'EUR' },
    });
    const declaration = await insurance(party, `/policies/${policy.id}/declarations`, {
      limitId,
      invoiceNumber: `${label}-INS-1`,
      invoiceAmount: { amount: '100.00', currency: 'EUR' },
      shipmentDate: '2026-06-01',
      dueDate: '2026-07-01',
      accountId: paymentAccount.json<{ id: string }>().id,
    });
    const shipment = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/logistics/shipments`,
      headers: { cookie: party.cookie },
      payload: {
        ...sampleShipment,
        reference: `${label}-SHP-1`,
        orderIds: [order.json<{ id: string }>().id],
        carrierBookingReference: `${label}-CBR-1`,
      },
    });
    expect(shipment.statusCode, shipment.body).toBe(201);
    // A warehouse operator grants the party use of its returns centre and receives a return for it.
    const warehouseOperator = await createParty(ctx.hub, `${label}Whs`, { kind: 'logistics_provider' });
    const warehouses = async (path: string, payload: object) => {
      const answer = await ctx.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${warehouseOperator.organisationId}/logistics/warehouses${path}`,
        headers: { cookie: warehouseOperator.cookie },
        payload,
      });
      expect(answer.statusCode, answer.body).toBeLessThan(300);
      return answer.json<{ id: string }>();
    };
    const warehouse = await warehouses('', {
      name: `${label} returns centre`,
      unlocode: 'DEHAM',
      address: { lines: ['Am Sandtorkai 1'], city: 'Hamburg', country: 'DE' },
      roles: ['returns_centre', 'after_sales'],
    });
    await warehouses(`/${warehouse.id}/clients`, { organisationId: party.organisationId });
    const returnCase = await warehouses(`/${warehouse.id}/returns`, {
      clientOrganisationId: party.organisationId,
      buyerReference: `${label}-BUYER`,
      orderReference: `${label}-ORDER`,
      sku: `${label}-SKU`,
      quantity: 1,
      reason: 'did not fit',
    });
    const repairTicket = await warehouses(`/${warehouse.id}/repairs`, {
      clientOrganisationId: party.organisationId,
      buyerReference: `${label}-BUYER`,
      sku: `${label}-SKU`,
      fault: 'does not switch on',
    });
    // The party asks a forwarder to move its order, and opens a callback for a carrier's events.
    const forwarder = await createParty(ctx.hub, `${label}Fwd`, { kind: 'logistics_provider' });
    const booking = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/logistics/bookings`,
      headers: { cookie: party.cookie },
      payload: {
        reference: `${label}-BKG-1`,
        forwarderOrganisationId: forwarder.organisationId,
        orderIds: [order.json<{ id: string }>().id],
        legs: [{ mode: 'sea', origin: 'CNNGB', destination: 'NLRTM', departureDate: '2099-01-01' }],
        cargo: sampleShipment.cargo,
      },
    });
    expect(booking.statusCode, booking.body).toBe(201);
    const eventCallback = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/logistics/event-callbacks`,
      headers: { cookie: party.cookie },
      payload: { description: `${label} carrier` },
    });
    expect(eventCallback.statusCode, eventCallback.body).toBe(201);
    rememberSecret(eventCallback.json<{ secret: string }>().secret);
    // The party reports its shipment 4 days late (an estimate): a delay exception; and subscribes.
    const late = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/logistics/events?org=${party.organisationId}`,
      headers: { cookie: party.cookie },
      payload: {
        eventID: randomUUID(),
        eventCreatedDateTime: '2026-06-20T00:00:00Z',
        eventType: 'TRANSPORT',
        eventClassifierCode: 'EST',
        eventDateTime: '2026-07-05T08:00:00Z',
        transportEventTypeCode: 'ARRI',
        transportCall: { transportCallID: randomUUID(), modeOfTransport: 'VESSEL', UNLocationCode: 'NLRTM' },
        documentReferences: [
          { documentReferenceType: 'BKG (Booking)', documentReferenceValue: `${label}-CBR-1` },
        ],
      },
    });
    expect(late.statusCode, late.body).toBe(201);
    const exceptions = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${party.organisationId}/logistics/exceptions`,
      headers: { cookie: party.cookie },
    });
    const exceptionId = exceptions.json<{ items: { id: string }[] }>().items[0]?.id ?? 'no exception';
    const exceptionSubscription = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/logistics/exception-subscriptions`,
      headers: { cookie: party.cookie },
      payload: { callbackUrl: `https://hooks.${label.toLowerCase()}.example/exceptions` },
    });
    expect(exceptionSubscription.statusCode, exceptionSubscription.body).toBe(201);
    rememberSecret(exceptionSubscription.json<{ secret: string }>().secret);
    // A commerce department registers the party to report; the party opens a monthly report.
    const commerce = await createParty(ctx.hub, `${label}Commerce`, { kind: 'regulator' });
    const registered = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${commerce.organisationId}/stats/reporting/enterprises`,
      headers: { cookie: commerce.cookie },
      payload: { organisationId: party.organisationId },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const directReport = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/stats/reporting/reports`,
      headers: { cookie: party.cookie },
      payload: { formCode: 'monthly_services', period: '2025-01', city: '330100' },
    });
    expect(directReport.statusCode, directReport.body).toBe(201);
    // The commerce department runs the policy-measure programme and plans a task with a milestone.
    const programme = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${commerce.organisationId}/stats/policy-measures/programme`,
      headers: { cookie: commerce.cookie },
      payload: {},
    });
    expect(programme.statusCode, programme.body).toBe(201);
    const policyTask = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${commerce.organisationId}/stats/policy-measures/measures/4/tasks`,
      headers: { cookie: commerce.cookie },
      payload: {
        titleEn: `${label} task`,
        ownerAgency: 'zj-commerce',
        dueDate: '2099-06-30',
        milestones: [{ titleEn: `${label} milestone`, dueDate: '2099-03-31' }],
      },
    });
    expect(policyTask.statusCode, policyTask.body).toBe(201);
    // The commerce department computes a Zhejiang Index run from a few synthetic facts (loaded
    // once: the same seed adds nothing the second time).
    await ctx.hub.stats.generateSynthetic({ fromYear: 2025, years: 1, facts: 400, seed: 3, batchSize: 400 });
    const indexRun = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${commerce.organisationId}/stats/index/runs`,
      headers: { cookie: commerce.cookie },
      payload: { year: 2025, runs: 10 },
    });
    expect(indexRun.statusCode, indexRun.body).toBe(201);
    const serviceContract = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/expo/service-contracts`,
      headers: { cookie: party.cookie },
      payload: {
        ...(sampleBodies['POST /api/orgs/:orgId/expo/service-contracts'] as object),
        reference: `${label}-SVC`,
      },
    });
    expect(serviceContract.statusCode, serviceContract.body).toBe(201);
    const technologyContract = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/expo/technology-contracts`,
      headers: { cookie: party.cookie },
      payload: {
        ...(sampleBodies['POST /api/orgs/:orgId/expo/technology-contracts'] as object),
        reference: `${label}-TEC`,
      },
    });
    expect(technologyContract.statusCode, technologyContract.body).toBe(201);
    const meeting = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${party.organisationId}/expo/meetings`,
      headers: { cookie: party.cookie },
      payload: {
        ...(sampleBodies['POST /api/orgs/:orgId/expo/meetings'] as object),
        counterpartOrganisationId: commerce.organisationId,
      },
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    // The IP registry: a private asset (so nothing of it is public), licensed, pledged with the
    // party's bank, listed as a draft, watched, with one alert.
    const ip = async (method: 'POST', path: string, payload: object) => {
      const res = await ctx.hub.app.inject({
        method,
        url: `/api/orgs/${party.organisationId}/expo/ip${path}`,
        headers: { cookie: party.cookie },
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string; documentId?: string; alert?: { id: string } }>();
    };
    const ipAsset = await ip('POST', '/assets', {
      ...(sampleBodies['POST /api/orgs/:orgId/expo/ip/assets'] as object),
      // Each party's own right: a pledge registers the right in the finance registry, where one
      // right is pledged once at a time across every bank.
      registryNumber: label === 'Alpha' ? 'ZL201710601862.3' : 'ZL202510149890.0',
    });
    const ipAgreement = await ip(
      'POST',
      `/assets/${ipAsset.id}/agreements`,
      sampleBodies['POST /api/orgs/:orgId/expo/ip/assets/:assetId/agreements'] as object,
    );
    const ipPledge = await ip('POST', `/assets/${ipAsset.id}/pledge`, {
      bankOrganisationId: payer.organisationId,
      securedAmount: { amount: '1000.00', currency: 'CNY' },
    });
    const ipListing = await ip('POST', '/listings', {
      ...(sampleBodies['POST /api/orgs/:orgId/expo/ip/listings'] as object),
      assetIds: [ipAsset.id],
    });
    const ipWatch = await ip(
      'POST',
      `/assets/${ipAsset.id}/watches`,
      sampleBodies['POST /api/orgs/:orgId/expo/ip/assets/:assetId/watches'] as object,
    );
    const ipHit = await ip(
      'POST',
      `/watches/${ipWatch.id}/hits`,
      sampleBodies['POST /api/orgs/:orgId/expo/ip/watches/:watchId/hits'] as object,
    );

    // The expo catalogue: drafts only, so that nothing of the party's shows in the public hall.
    const catalogue = async (method: 'POST' | 'PUT', path: string, payload: object) => {
      const res = await ctx.hub.app.inject({
        method,
        url: `/api/orgs/${party.organisationId}/expo${path}`,
        headers: { cookie: party.cookie },
        payload,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json<{ id: string }>();
    };
    await catalogue('PUT', '/exhibitor', {
      ...(sampleBodies['PUT /api/orgs/:orgId/expo/exhibitor'] as object),
      version: undefined,
    });
    const expoProduct = await catalogue(
      'POST',
      '/products',
      sampleBodies['POST /api/orgs/:orgId/expo/products'] as object,
    );
    await catalogue('PUT', `/products/${expoProduct.id}/certifications/CE`, {});
    const expoService = await catalogue(
      'POST',
      '/services',
      sampleBodies['POST /api/orgs/:orgId/expo/services'] as object,
    );
    const expoEvent = await catalogue(
      'POST',
      '/events',
      sampleBodies['POST /api/orgs/:orgId/expo/events'] as object,
    );
    const expoHall = await catalogue('POST', `/events/${expoEvent.id}/halls`, {
      nameZh: '馆',
      nameEn: 'Hall',
    });
    const expoBooth = await catalogue('POST', `/events/${expoEvent.id}/booths`, {
      hallId: expoHall.id,
      code: 'A-1',
    });
    // Expo matchmaking: a requirement, and a lead on it. Drafts never match, so the lead (the
    // party's own draft product against its requirement) is written here as matching would.
    const expoRequirement = await catalogue(
      'POST',
      '/requirements',
      sampleBodies['POST /api/orgs/:orgId/expo/requirements'] as object,
    );
    const expoLeadId = `eld_${label.toUpperCase()}LEAD`;
    await sql`insert into expo.matches (id, requirement_id, organisation_id, supplier_organisation_id,
        product_id, score, components, created_at, updated_at)
      values (${expoLeadId}, ${expoRequirement.id}, ${party.organisationId}, ${party.organisationId},
        ${expoProduct.id}, 50, '[]'::jsonb, now(), now())`.execute(ctx.hub.db.kysely);

    return {
      expoProductId: expoProduct.id,
      expoServiceId: expoService.id,
      expoEventId: expoEvent.id,
      expoBoothId: expoBooth.id,
      expoRequirementId: expoRequirement.id,
      expoLeadId,
      meetingId: meeting.json<{ id: string }>().id,
      ipAssetId: ipAsset.id,
      ipAgreementId: ipAgreement.id,
      ipAgreementDocumentId: ipAgreement.documentId ?? 'no document',
      ipPledgeId: ipPledge.id,
      ipListingId: ipListing.id,
      ipWatchId: ipWatch.id,
      ipAlertId: ipHit.alert?.id ?? 'no alert',
      serviceContractId: serviceContract.json<{ id: string }>().id,
      technologyContractId: technologyContract.json<{ id: string }>().id,
      directReportId: directReport.json<{ id: string }>().id,
      policyTaskId: policyTask.json<{ id: string }>().id,
      policyMilestoneId:
        policyTask.json<{ milestones: { id: string }[] }>().milestones[0]?.id ?? 'no milestone',
      indexRunId: indexRun.json<{ id: string }>().id,
      ...party,
      shipmentId: shipment.json<{ id: string }>().id,
      warehouseId: warehouse.id,
      returnCaseId: returnCase.id,
      repairTicketId: repairTicket.id,
      bookingId: booking.json<{ id: string }>().id,
      eventCallbackId: eventCallback.json<{ id: string }>().id,
      exceptionId,
      exceptionSubscriptionId: exceptionSubscription.json<{ subscription: { id: string } }>().subscription.id,
      invitationId: invitation.json<{ invitation: { id: string } }>().invitation.id,
      apiKeyId: apiKey.apiKey.id,
      apiKey: apiKey.secret,
      signingKeyId: signingKeys.json<{ items: { id: string }[] }>().items[0]?.id ?? 'no signing key',
      documentId: document.json<{ documentId: string }>().documentId,
      draftId: draft.json<{ id: string }>().id,
      orderId: order.json<{ id: string }>().id,
      parcelId: received?.parcelIds[0] ?? 'no parcel',
      customsMessageId: received?.messageId ?? 'no message',
      exportParcelId: exportParcelId ?? 'no export parcel',
      exportSummaryId: exportSummary.json<{ created: { id: string }[] }>().created[0]?.id ?? 'no summary',
      warehouseFilingId: warehouseFiling.json<{ id: string }>().id,
      bondedBookId: bondedInbound.json<{ bookId: string }>().bookId,
      billOfLadingId: billOfLading.json<{ id: string }>().id,
      recordId: record.json<{ id: string }>().id,
      recordHead: record.json<{ headHash: string }>().headHash,
      paymentAccountId: paymentAccount.json<{ id: string }>().id,
      paymentTransferId: paid.json<{ id: string }>().id,
      outboundPaymentId: outbound.json<{ id: string }>().id,
      registrationId: registration.json<{ id: string }>().id,
      financingRequestId: financingRequest.json<{ id: string }>().id,
      financingInvoiceId: invoice.json<{ id: string }>().id,
      creditSnapshotId: creditSnapshot.json<{ id: string }>().id,
      insurancePolicyId: policy.id,
      insuranceLimitId: limitId,
      insuranceDeclarationId: declaration.id,
    };
  };

  beforeAll(async () => {
    // A small web bundle, so the static-file and single-page routes are part of the matrix too.
    const webDist = mkdtempSync(join(tmpdir(), 'tradehub-web-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>tradehub</title>');
    writeFileSync(join(webDist, 'assets', 'app-1234.js'), 'export {};');
    ctx = await createTestHub({ webDistDir: webDist });
    a = await fixture('Alpha');
    b = await fixture('Bravo');
  });
  afterAll(async () => ctx.close());

  const apiRoutes = () => ctx.hub.routes.filter((route) => route.method !== 'HEAD');

  it('finds every route, and every route declares who may call it', () => {
    const routes = apiRoutes();
    // The hub has at least the identity, codes, meta and health routes; an empty list would make
    // every other assertion here vacuous.
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes
      .filter((route) => route.config?.access === undefined)
      .map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it("knows every path parameter of an organisation route: an object it calls with B's, or a listed non-object", () => {
    const unknown: string[] = [];
    for (const route of apiRoutes()) {
      const access = route.config?.access;
      if (access?.kind !== 'organisation') {
        continue;
      }
      for (const [, param] of String(route.url).matchAll(/:(\w+)/g)) {
        if (param === access.param || Object.hasOwn(access.objects ?? {}, param as string)) {
          continue;
        }
        if (!Object.hasOwn(notObjects, param as string)) {
          unknown.push(`${String(route.method)} ${route.url} :${param}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  for (const credential of credentials) {
    it(`answers 404 to organisation A (${credential.label}) for every object of organisation B`, async () => {
      const checked: string[] = [];
      // Routes called with a real object of B's (in the path or, where listed, in the body) under A.
      const withRealObjects: string[] = [];
      for (const route of apiRoutes()) {
        const access = route.config?.access;
        if (access?.kind !== 'organisation') {
          continue;
        }
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
          const key = `${method} ${route.url}`;
          if (method !== 'GET') {
            expect(Object.hasOwn(sampleBodies, key), `sample body for ${key}`).toBe(true);
          }
          const real = realBodies[key];
          const payload = real === undefined ? sampleBodies[key] : real(a, b);
          // B's organisation in the path, with B's objects.
          const query = sampleQueries[key] ?? '';
          const { contentType, ...body } = { contentType: undefined, ...bodyOptions(payload) };
          const headers = {
            ...credential.headers(a),
            ...(contentType === undefined ? {} : { 'content-type': contentType }),
          };
          const onB = await ctx.hub.app.inject({
            method: method as 'GET',
            url: fillPath(String(route.url), withObjects(b, b, access)) + query,
            headers,
            ...body,
          });
          expect(onB.statusCode, `${key} on B's organisation: ${onB.body}`).toBe(404);
          expect(onB.headers['content-type']).toContain('application/problem+json');
          expect(onB.body).not.toContain(b.email);
          checked.push(`${key} (B's organisation)`);
          if (Object.keys(access.objects ?? {}).length > 0) {
            // A's own organisation in the path, but B's object: still nothing of B's is reachable.
            const onMixed = await ctx.hub.app.inject({
              method: method as 'GET',
              url: fillPath(String(route.url), withObjects(a, b, access)) + query,
              headers,
              ...body,
            });
            // API keys may not manage members or keys at all (403); a person gets 404.
            expect([403, 404], `${key} with B's object: ${onMixed.body}`).toContain(onMixed.statusCode);
            expect(onMixed.body).not.toContain(b.recordHead);
            checked.push(`${key} (B's object under A)`);
            withRealObjects.push(key);
          }
        }
      }
      expect(checked.length).toBeGreaterThanOrEqual(10);
      // The transferable records were once outside the fixture, called with made-up ids only.
      expect(withRealObjects).toEqual(
        expect.arrayContaining([
          'GET /api/orgs/:orgId/transferable-records/:recordId',
          'POST /api/orgs/:orgId/transferable-records/:recordId/actions',
          'GET /api/orgs/:orgId/transferable-records/:recordId/chain',
          'GET /api/orgs/:orgId/orders/:orderId/documents/:documentId/bundle',
          'POST /api/orgs/:orgId/customs/parcels/:parcelId/inspection',
          'GET /api/orgs/:orgId/logistics/shipments/:shipmentId/trace',
          'GET /api/orgs/:orgId/logistics/shipments/:shipmentId/epcis',
        ]),
      );
      expect(withRealObjects.length).toBeGreaterThanOrEqual(minimumRoutesWithRealObjects);
      console.info(
        `access matrix (${credential.label}): ${checked.length} calls, ${withRealObjects.length} routes with B's real objects under A`,
      );
    });
  }

  it("refuses B's bill of lading under A's organisation exactly as a document that does not exist", async () => {
    const make = (documentId: string) =>
      ctx.hub.app.inject({
        method: 'POST',
        url: `/api/orgs/${a.organisationId}/transferable-records`,
        headers: { cookie: a.cookie },
        payload: { documentId, holderOrganisationId: a.organisationId },
      });
    const real = await make(b.billOfLadingId);
    const madeUp = await make('doc_does_not_exist');
    expect(real.statusCode, real.body).toBe(400);
    const shape = (res: typeof real) => {
      const body = res.json<{ code: string; errors: { field: string; code: string }[] }>();
      return { status: res.statusCode, code: body.code, errors: body.errors.map((e) => [e.field, e.code]) };
    };
    // Not 409 "a record already": B's document is refused before its own state is looked at.
    expect(shape(real)).toEqual(shape(madeUp));
    // A's own list still holds its own record only.
    const listed = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${a.organisationId}/transferable-records`,
      headers: { cookie: a.cookie },
    });
    expect(listed.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toEqual([a.recordId]);
  });

  it('never shows B anything of A on the routes that act on the caller itself', async () => {
    const checked: string[] = [];
    for (const route of apiRoutes()) {
      const access = route.config?.access;
      if (access === undefined || access.kind === 'organisation' || route.method !== 'GET') {
        continue;
      }
      if (String(route.url).includes(':') || String(route.url).includes('*')) {
        continue;
      }
      const res = await ctx.hub.app.inject({
        method: 'GET',
        url: String(route.url),
        headers: { cookie: b.cookie },
      });
      expect(res.statusCode, `${route.url}: ${res.body}`).toBeLessThan(500);
      expect(res.body).not.toContain(a.organisationId);
      expect(res.body).not.toContain(a.email);
      checked.push(String(route.url));
    }
    expect(checked).toContain('/api/orgs');
    expect(checked).toContain('/api/me');
  });

  it('serves the published white paper to anyone: public routes that name no organisation', async () => {
    const routes = apiRoutes().filter((route) => String(route.url).startsWith('/api/public/white-paper/'));
    expect(routes.map((route) => `${String(route.method)} ${route.url}`).sort()).toEqual([
      'GET /api/public/white-paper/:year.html',
      'GET /api/public/white-paper/:year.pdf',
    ]);
    expect(routes.every((route) => route.config?.access?.kind === 'public')).toBe(true);
    // The matrix's hub holds no trade facts: no paper, the same answer with or without a session.
    for (const headers of [{}, { cookie: b.cookie }]) {
      const res = await ctx.hub.app.inject({
        method: 'GET',
        url: '/api/public/white-paper/2001.pdf',
        headers,
      });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(a.organisationId);
    }
  });

  it('serves the web bundle: known assets, the app for page paths, 404 for unknown assets and API paths', async () => {
    const asset = await ctx.hub.app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const page = await ctx.hub.app.inject({ method: 'GET', url: '/org/profile' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>tradehub</title>');
    expect((await ctx.hub.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    const api = await ctx.hub.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/problem+json');
  });

  it("left B's data untouched", async () => {
    const org = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}`,
      headers: { authorization: `Bearer ${b.apiKey}` },
    });
    expect(org.statusCode).toBe(200);
    expect(org.json<{ nameEn: string }>().nameEn).toBe('Bravo Ltd');
    const invitations = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/invitations`,
      headers: { cookie: b.cookie },
    });
    expect(invitations.json<{ items: { status: string }[] }>().items.map((i) => i.status)).toEqual([
      'pending',
    ]);
    const members = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/members`,
      headers: { cookie: b.cookie },
    });
    expect(members.json<{ items: { email: string }[] }>().items.map((m) => m.email)).toEqual([b.email]);
  });

  it("left B's signing keys untouched: one key, still active", async () => {
    const keys = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/keys`,
      headers: { cookie: b.cookie },
    });
    expect(keys.json<{ items: { id: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({ id: b.signingKeyId, status: 'active' }),
    ]);
  });

  it("left B's documents untouched: the sales contract, the bill of lading, the invoice and the IP licence, still active", async () => {
    const documents = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/documents`,
      headers: { cookie: b.cookie },
    });
    const items = documents.json<{ items: { id: string; status: string }[] }>().items;
    expect(items).toHaveLength(4);
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: b.documentId, status: 'active' }),
        expect.objectContaining({ id: b.billOfLadingId, status: 'active' }),
        expect.objectContaining({ id: b.financingInvoiceId, status: 'active' }),
        expect.objectContaining({ id: b.ipAgreementDocumentId, status: 'active' }),
      ]),
    );
    const order = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/orders/${b.orderId}`,
      headers: { cookie: b.cookie },
    });
    expect(
      order.json<{ status: string; shares: unknown[]; documents: { documentId: string }[] }>(),
    ).toMatchObject({
      status: 'offered',
      shares: [],
      documents: [expect.objectContaining({ documentId: b.documentId })],
    });
  });

  it("left B's transferable record untouched: held by B, at the head it was issued with", async () => {
    const record = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${b.organisationId}/transferable-records/${b.recordId}`,
      headers: { cookie: b.cookie },
    });
    expect(record.statusCode, record.body).toBe(200);
    expect(
      record.json<{ holderOrganisationId: string; headHash: string; actions: unknown[] }>(),
    ).toMatchObject({
      holderOrganisationId: b.organisationId,
      headHash: b.recordHead,
      actions: [expect.objectContaining({ action: 'issue' })],
    });
  });

  it("left B's exception, threshold and exception subscription untouched", async () => {
    const get = (path: string) =>
      ctx.hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${b.organisationId}/logistics${path}`,
        headers: { cookie: b.cookie },
      });
    expect((await get('/exceptions')).json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ id: b.exceptionId, kind: 'delay', state: 'open' }),
    ]);
    expect((await get('/exception-settings')).json()).toMatchObject({
      delayThresholdMinutes: 1440,
      isDefault: true,
    });
    expect((await get('/exception-subscriptions')).json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ id: b.exceptionSubscriptionId }),
    ]);
    // A's own list holds A's exception only.
    const mine = await ctx.hub.app.inject({
      method: 'GET',
      url: `/api/orgs/${a.organisationId}/logistics/exceptions`,
      headers: { cookie: a.cookie },
    });
    expect(mine.json<{ items: { id: string }[] }>().items.map((x) => x.id)).toEqual([a.exceptionId]);
  });
});
