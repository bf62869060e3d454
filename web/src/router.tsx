import { createBrowserRouter } from 'react-router-dom';
import { WorkspaceLayout } from './layout/workspace-layout.tsx';
import { AcceptInvitationPage } from './pages/accept-invitation-page.tsx';
import { BondedStockPage } from './pages/customs/bonded-stock-page.tsx';
import { BuyerQuotaPage } from './pages/customs/buyer-quota-page.tsx';
import { ClearanceBoardPage } from './pages/customs/clearance-board-page.tsx';
import { ExportBoardPage } from './pages/customs/export-board-page.tsx';
import { ExportWarehousesPage } from './pages/customs/export-warehouses-page.tsx';
import { ParcelPage } from './pages/customs/parcel-page.tsx';
import { ParcelsListPage } from './pages/customs/parcels-list-page.tsx';
import { DocumentsDetailPage } from './pages/documents-detail-page.tsx';
import { DocumentsImportPage } from './pages/documents-import-page.tsx';
import { DocumentsListPage } from './pages/documents-list-page.tsx';
import { DocumentsNewPage } from './pages/documents-new-page.tsx';
import { BoothEditorPage } from './pages/expo/catalogue/booth-editor-page.tsx';
import { EventPage } from './pages/expo/catalogue/event-page.tsx';
import { ExhibitorPage } from './pages/expo/catalogue/exhibitor-page.tsx';
import { HallPage } from './pages/expo/catalogue/hall-page.tsx';
import { ProductPage } from './pages/expo/catalogue/product-page.tsx';
import { IpAssetPage } from './pages/expo/ip/ip-asset-page.tsx';
import { IpListingPage } from './pages/expo/ip/ip-listing-page.tsx';
import { IpRegistryPage } from './pages/expo/ip/ip-registry-page.tsx';
import { LeadsPage } from './pages/expo/matchmaking/leads-page.tsx';
import { RequirementDetailPage } from './pages/expo/matchmaking/requirement-detail-page.tsx';
import { RequirementsPage } from './pages/expo/matchmaking/requirements-page.tsx';
import { TrendsPage } from './pages/expo/matchmaking/trends-page.tsx';
import { MeetingPage } from './pages/expo/meetings/meeting-page.tsx';
import { MeetingsCalendarPage } from './pages/expo/meetings/meetings-calendar-page.tsx';
import { ExpoSearchPage } from './pages/expo/search/search-page.tsx';
import { ServicesTradePage } from './pages/expo/services-trade/services-trade-page.tsx';
import { TechnologyContractsPage } from './pages/expo/services-trade/technology-contracts-page.tsx';
import { CreditProfilePage } from './pages/finance/credit-page.tsx';
import { InsurancePoliciesPage } from './pages/finance/insurance-list-page.tsx';
import { InsurancePolicyPage } from './pages/finance/insurance-policy-page.tsx';
import { FinanceRegistryPage } from './pages/finance/registry-page.tsx';
import { FinancingRequestPage } from './pages/finance/requests-detail-page.tsx';
import { FinancingRequestsPage } from './pages/finance/requests-list-page.tsx';
import { LogExplorerPage } from './pages/log-explorer-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { BookingDetailPage } from './pages/logistics/booking-detail-page.tsx';
import { BookingNewPage } from './pages/logistics/booking-new-page.tsx';
import { BookingsListPage } from './pages/logistics/bookings-list-page.tsx';
import { ShipmentDetailPage } from './pages/logistics/shipment-detail-page.tsx';
import { ShipmentsListPage } from './pages/logistics/shipments-list-page.tsx';
import { WarehouseDetailPage } from './pages/logistics/warehouse-detail-page.tsx';
import { WarehousesListPage } from './pages/logistics/warehouses-list-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { OrderDetailPage } from './pages/orders/order-detail-page.tsx';
import { OrderCounterPage, OrderEditPage, OrderNewPage } from './pages/orders/order-form-page.tsx';
import { OrdersListPage } from './pages/orders/orders-list-page.tsx';
import { OrgApiKeysPage } from './pages/org-api-keys-page.tsx';
import { OrgAuditPage } from './pages/org-audit-page.tsx';
import { OrgKeysPage } from './pages/org-keys-page.tsx';
import { OrgMembersPage } from './pages/org-members-page.tsx';
import { OrgProfilePage } from './pages/org-profile-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { PaymentsAccountPage } from './pages/payments/account-page.tsx';
import { PaymentsAccountsPage } from './pages/payments/accounts-page.tsx';
import { OutboundPaymentDetailPage } from './pages/payments/outbound-detail-page.tsx';
import { OutboundPaymentsPage } from './pages/payments/outbound-page.tsx';
import { StatsDashboardPage } from './pages/stats/dashboard-page.tsx';
import { PolicyBoardPage } from './pages/stats/policy-board-page.tsx';
import { PolicyMeasurePage } from './pages/stats/policy-measure-page.tsx';
import { ReportingMyReportsPage } from './pages/stats/reporting-my-reports-page.tsx';
import { ReportingReportPage } from './pages/stats/reporting-report-page.tsx';
import { ReportingReviewPage } from './pages/stats/reporting-review-page.tsx';
import { ReportingReviewReportPage } from './pages/stats/reporting-review-report-page.tsx';
import { ZhejiangIndexPage, ZhejiangIndexRunsPage } from './pages/stats/zhejiang-index-page.tsx';
import { EblDetailPage, EblListPage } from './pages/transferable-records/ebl-pages.tsx';
import { VerifyPage } from './pages/verify-page.tsx';

/** Pages reachable without a session; a 401 on them is an answer, not a reason to redirect. */
const PUBLIC_PATHS = ['/login', '/invitations/', '/verify', '/buyer-quota', '/index'] as const;

export const isPublicPath = (pathname: string): boolean =>
  PUBLIC_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(prefix));

export const createRouter = () =>
  createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    { path: '/invitations/:token', element: <AcceptInvitationPage /> },
    // Public: anyone holding a document (or its QR link) checks it here, without an account.
    { path: '/verify', element: <VerifyPage /> },
    { path: '/buyer-quota', element: <BuyerQuotaPage /> },
    // Public: the published Zhejiang Index, its charts and downloads, for anyone.
    { path: '/index', element: <ZhejiangIndexPage /> },
    {
      path: '/',
      element: <WorkspaceLayout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: 'org/profile', element: <OrgProfilePage /> },
        { path: 'org/members', element: <OrgMembersPage /> },
        { path: 'org/api-keys', element: <OrgApiKeysPage /> },
        { path: 'org/audit', element: <OrgAuditPage /> },
        { path: 'org/keys', element: <OrgKeysPage /> },
        { path: 'log', element: <LogExplorerPage /> },
        { path: 'documents', element: <DocumentsListPage /> },
        { path: 'documents/new', element: <DocumentsNewPage /> },
        { path: 'documents/import', element: <DocumentsImportPage /> },
        { path: 'documents/:documentId', element: <DocumentsDetailPage /> },
        { path: 'orders', element: <OrdersListPage /> },
        { path: 'orders/new', element: <OrderNewPage /> },
        { path: 'orders/:orderId', element: <OrderDetailPage /> },
        { path: 'orders/:orderId/edit', element: <OrderEditPage /> },
        { path: 'orders/:orderId/counter', element: <OrderCounterPage /> },
        { path: 'ebl', element: <EblListPage /> },
        { path: 'ebl/:recordId', element: <EblDetailPage /> },
        { path: 'customs', element: <ClearanceBoardPage /> },
        { path: 'customs/parcels', element: <ParcelsListPage /> },
        { path: 'customs/bonded', element: <BondedStockPage /> },
        { path: 'customs/parcels/:parcelId', element: <ParcelPage /> },
        { path: 'customs/export', element: <ExportBoardPage /> },
        { path: 'customs/export/warehouses', element: <ExportWarehousesPage /> },
        { path: 'payments', element: <PaymentsAccountsPage /> },
        { path: 'payments/accounts/:accountId', element: <PaymentsAccountPage /> },
        { path: 'payments/outbound', element: <OutboundPaymentsPage /> },
        { path: 'payments/outbound/:paymentId', element: <OutboundPaymentDetailPage /> },
        { path: 'finance/registry', element: <FinanceRegistryPage /> },
        { path: 'finance/requests', element: <FinancingRequestsPage /> },
        { path: 'finance/requests/:requestId', element: <FinancingRequestPage /> },
        { path: 'finance/credit', element: <CreditProfilePage /> },
        { path: 'finance/insurance', element: <InsurancePoliciesPage /> },
        { path: 'finance/insurance/:policyId', element: <InsurancePolicyPage /> },
        { path: 'logistics/shipments', element: <ShipmentsListPage /> },
        { path: 'logistics/shipments/:shipmentId', element: <ShipmentDetailPage /> },
        { path: 'logistics/bookings', element: <BookingsListPage /> },
        { path: 'logistics/bookings/new', element: <BookingNewPage /> },
        { path: 'logistics/bookings/:bookingId', element: <BookingDetailPage /> },
        { path: 'logistics/warehouses', element: <WarehousesListPage /> },
        { path: 'logistics/warehouses/:warehouseId', element: <WarehouseDetailPage /> },
        { path: 'stats', element: <StatsDashboardPage /> },
        { path: 'stats/policy', element: <PolicyBoardPage /> },
        { path: 'stats/policy/measures/:number', element: <PolicyMeasurePage /> },
        { path: 'stats/index', element: <ZhejiangIndexRunsPage /> },
        { path: 'stats/reporting', element: <ReportingMyReportsPage /> },
        { path: 'stats/reporting/reports/:reportId', element: <ReportingReportPage /> },
        { path: 'stats/reporting/review', element: <ReportingReviewPage /> },
        { path: 'stats/reporting/review/:reportId', element: <ReportingReviewReportPage /> },
        { path: 'expo', element: <HallPage /> },
        { path: 'expo/booth', element: <BoothEditorPage /> },
        { path: 'expo/exhibitors/:orgId', element: <ExhibitorPage /> },
        { path: 'expo/products/:productId', element: <ProductPage /> },
        { path: 'expo/search', element: <ExpoSearchPage /> },
        { path: 'expo/events/:eventId', element: <EventPage /> },
        { path: 'expo/services-trade', element: <ServicesTradePage /> },
        { path: 'expo/technology-contracts', element: <TechnologyContractsPage /> },
        { path: 'expo/meetings', element: <MeetingsCalendarPage /> },
        { path: 'expo/meetings/:meetingId', element: <MeetingPage /> },
        { path: 'expo/requirements', element: <RequirementsPage /> },
        { path: 'expo/requirements/:requirementId', element: <RequirementDetailPage /> },
        { path: 'expo/leads', element: <LeadsPage /> },
        { path: 'expo/trends', element: <TrendsPage /> },
        { path: 'expo/ip', element: <IpRegistryPage /> },
        { path: 'expo/ip/assets/:assetId', element: <IpAssetPage /> },
        { path: 'expo/ip/listings/:listingId', element: <IpListingPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);

export type AppRouter = ReturnType<typeof createRouter>;
