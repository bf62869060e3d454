import { Spin } from 'antd';
import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { WorkspaceLayout } from './layout/workspace-layout.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';

/**
 * A page's code is fetched when the page is first opened, so that a phone on a slow line loads the
 * workspace shell and the one page it asked for, not every page of the hub.
 */
const page =
  <Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) =>
  async () => ({ Component: (await load())[name] });

/** Shown while the first page's code arrives. */
const PageLoading = () => (
  <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
    <Spin />
  </div>
);

/** Pages reachable without a session; a 401 on them is an answer, not a reason to redirect. */
const PUBLIC_PATHS = ['/login', '/invitations/', '/verify', '/buyer-quota', '/index'] as const;

export const isPublicPath = (pathname: string): boolean =>
  PUBLIC_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(prefix));

export const createRouter = () =>
  createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/invitations/:token',
      lazy: page(() => import('./pages/accept-invitation-page.tsx'), 'AcceptInvitationPage'),
      HydrateFallback: PageLoading,
    },
    // Public: anyone holding a document (or its QR link) checks it here, without an account.
    {
      path: '/verify',
      lazy: page(() => import('./pages/verify-page.tsx'), 'VerifyPage'),
      HydrateFallback: PageLoading,
    },
    {
      path: '/buyer-quota',
      lazy: page(() => import('./pages/customs/buyer-quota-page.tsx'), 'BuyerQuotaPage'),
      HydrateFallback: PageLoading,
    },
    // Public: the published Zhejiang Index, its charts and downloads, for anyone.
    {
      path: '/index',
      lazy: page(() => import('./pages/stats/zhejiang-index-page.tsx'), 'ZhejiangIndexPage'),
      HydrateFallback: PageLoading,
    },
    {
      path: '/',
      element: <WorkspaceLayout />,
      HydrateFallback: PageLoading,
      children: [
        { index: true, lazy: page(() => import('./pages/overview-page.tsx'), 'OverviewPage') },
        { path: 'org/profile', lazy: page(() => import('./pages/org-profile-page.tsx'), 'OrgProfilePage') },
        { path: 'org/members', lazy: page(() => import('./pages/org-members-page.tsx'), 'OrgMembersPage') },
        { path: 'org/api-keys', lazy: page(() => import('./pages/org-api-keys-page.tsx'), 'OrgApiKeysPage') },
        { path: 'org/audit', lazy: page(() => import('./pages/org-audit-page.tsx'), 'OrgAuditPage') },
        { path: 'org/keys', lazy: page(() => import('./pages/org-keys-page.tsx'), 'OrgKeysPage') },
        { path: 'log', lazy: page(() => import('./pages/log-explorer-page.tsx'), 'LogExplorerPage') },
        {
          path: 'documents',
          lazy: page(() => import('./pages/documents-list-page.tsx'), 'DocumentsListPage'),
        },
        {
          path: 'documents/new',
          lazy: page(() => import('./pages/documents-new-page.tsx'), 'DocumentsNewPage'),
        },
        {
          path: 'documents/import',
          lazy: page(() => import('./pages/documents-import-page.tsx'), 'DocumentsImportPage'),
        },
        {
          path: 'documents/:documentId',
          lazy: page(() => import('./pages/documents-detail-page.tsx'), 'DocumentsDetailPage'),
        },
        { path: 'orders', lazy: page(() => import('./pages/orders/orders-list-page.tsx'), 'OrdersListPage') },
        {
          path: 'orders/new',
          lazy: page(() => import('./pages/orders/order-form-page.tsx'), 'OrderNewPage'),
        },
        {
          path: 'orders/:orderId',
          lazy: page(() => import('./pages/orders/order-detail-page.tsx'), 'OrderDetailPage'),
        },
        {
          path: 'orders/:orderId/edit',
          lazy: page(() => import('./pages/orders/order-form-page.tsx'), 'OrderEditPage'),
        },
        {
          path: 'orders/:orderId/counter',
          lazy: page(() => import('./pages/orders/order-form-page.tsx'), 'OrderCounterPage'),
        },
        {
          path: 'ebl',
          lazy: page(() => import('./pages/transferable-records/ebl-pages.tsx'), 'EblListPage'),
        },
        {
          path: 'ebl/:recordId',
          lazy: page(() => import('./pages/transferable-records/ebl-pages.tsx'), 'EblDetailPage'),
        },
        {
          path: 'customs',
          lazy: page(() => import('./pages/customs/clearance-board-page.tsx'), 'ClearanceBoardPage'),
        },
        {
          path: 'customs/parcels',
          lazy: page(() => import('./pages/customs/parcels-list-page.tsx'), 'ParcelsListPage'),
        },
        {
          path: 'customs/bonded',
          lazy: page(() => import('./pages/customs/bonded-stock-page.tsx'), 'BondedStockPage'),
        },
        {
          path: 'customs/parcels/:parcelId',
          lazy: page(() => import('./pages/customs/parcel-page.tsx'), 'ParcelPage'),
        },
        {
          path: 'customs/export',
          lazy: page(() => import('./pages/customs/export-board-page.tsx'), 'ExportBoardPage'),
        },
        {
          path: 'customs/export/warehouses',
          lazy: page(() => import('./pages/customs/export-warehouses-page.tsx'), 'ExportWarehousesPage'),
        },
        {
          path: 'payments',
          lazy: page(() => import('./pages/payments/accounts-page.tsx'), 'PaymentsAccountsPage'),
        },
        {
          path: 'payments/accounts/:accountId',
          lazy: page(() => import('./pages/payments/account-page.tsx'), 'PaymentsAccountPage'),
        },
        {
          path: 'payments/outbound',
          lazy: page(() => import('./pages/payments/outbound-page.tsx'), 'OutboundPaymentsPage'),
        },
        {
          path: 'payments/outbound/:paymentId',
          lazy: page(() => import('./pages/payments/outbound-detail-page.tsx'), 'OutboundPaymentDetailPage'),
        },
        {
          path: 'finance/registry',
          lazy: page(() => import('./pages/finance/registry-page.tsx'), 'FinanceRegistryPage'),
        },
        {
          path: 'finance/requests',
          lazy: page(() => import('./pages/finance/requests-list-page.tsx'), 'FinancingRequestsPage'),
        },
        {
          path: 'finance/requests/:requestId',
          lazy: page(() => import('./pages/finance/requests-detail-page.tsx'), 'FinancingRequestPage'),
        },
        {
          path: 'finance/credit',
          lazy: page(() => import('./pages/finance/credit-page.tsx'), 'CreditProfilePage'),
        },
        {
          path: 'finance/insurance',
          lazy: page(() => import('./pages/finance/insurance-list-page.tsx'), 'InsurancePoliciesPage'),
        },
        {
          path: 'finance/insurance/:policyId',
          lazy: page(() => import('./pages/finance/insurance-policy-page.tsx'), 'InsurancePolicyPage'),
        },
        {
          path: 'logistics/shipments',
          lazy: page(() => import('./pages/logistics/shipments-list-page.tsx'), 'ShipmentsListPage'),
        },
        {
          path: 'logistics/shipments/:shipmentId',
          lazy: page(() => import('./pages/logistics/shipment-detail-page.tsx'), 'ShipmentDetailPage'),
        },
        {
          path: 'logistics/bookings',
          lazy: page(() => import('./pages/logistics/bookings-list-page.tsx'), 'BookingsListPage'),
        },
        {
          path: 'logistics/bookings/new',
          lazy: page(() => import('./pages/logistics/booking-new-page.tsx'), 'BookingNewPage'),
        },
        {
          path: 'logistics/bookings/:bookingId',
          lazy: page(() => import('./pages/logistics/booking-detail-page.tsx'), 'BookingDetailPage'),
        },
        {
          path: 'logistics/warehouses',
          lazy: page(() => import('./pages/logistics/warehouses-list-page.tsx'), 'WarehousesListPage'),
        },
        {
          path: 'logistics/warehouses/:warehouseId',
          lazy: page(() => import('./pages/logistics/warehouse-detail-page.tsx'), 'WarehouseDetailPage'),
        },
        { path: 'stats', lazy: page(() => import('./pages/stats/dashboard-page.tsx'), 'StatsDashboardPage') },
        {
          path: 'stats/policy',
          lazy: page(() => import('./pages/stats/policy-board-page.tsx'), 'PolicyBoardPage'),
        },
        {
          path: 'stats/policy/measures/:number',
          lazy: page(() => import('./pages/stats/policy-measure-page.tsx'), 'PolicyMeasurePage'),
        },
        {
          path: 'stats/index',
          lazy: page(() => import('./pages/stats/zhejiang-index-page.tsx'), 'ZhejiangIndexRunsPage'),
        },
        {
          path: 'stats/reporting',
          lazy: page(() => import('./pages/stats/reporting-my-reports-page.tsx'), 'ReportingMyReportsPage'),
        },
        {
          path: 'stats/reporting/reports/:reportId',
          lazy: page(() => import('./pages/stats/reporting-report-page.tsx'), 'ReportingReportPage'),
        },
        {
          path: 'stats/reporting/review',
          lazy: page(() => import('./pages/stats/reporting-review-page.tsx'), 'ReportingReviewPage'),
        },
        {
          path: 'stats/reporting/review/:reportId',
          lazy: page(
            () => import('./pages/stats/reporting-review-report-page.tsx'),
            'ReportingReviewReportPage',
          ),
        },
        { path: 'expo', lazy: page(() => import('./pages/expo/catalogue/hall-page.tsx'), 'HallPage') },
        {
          path: 'expo/booth',
          lazy: page(() => import('./pages/expo/catalogue/booth-editor-page.tsx'), 'BoothEditorPage'),
        },
        {
          path: 'expo/exhibitors/:orgId',
          lazy: page(() => import('./pages/expo/catalogue/exhibitor-page.tsx'), 'ExhibitorPage'),
        },
        {
          path: 'expo/products/:productId',
          lazy: page(() => import('./pages/expo/catalogue/product-page.tsx'), 'ProductPage'),
        },
        {
          path: 'expo/search',
          lazy: page(() => import('./pages/expo/search/search-page.tsx'), 'ExpoSearchPage'),
        },
        {
          path: 'expo/events/:eventId',
          lazy: page(() => import('./pages/expo/catalogue/event-page.tsx'), 'EventPage'),
        },
        {
          path: 'expo/services-trade',
          lazy: page(
            () => import('./pages/expo/services-trade/services-trade-page.tsx'),
            'ServicesTradePage',
          ),
        },
        {
          path: 'expo/technology-contracts',
          lazy: page(
            () => import('./pages/expo/services-trade/technology-contracts-page.tsx'),
            'TechnologyContractsPage',
          ),
        },
        {
          path: 'expo/meetings',
          lazy: page(
            () => import('./pages/expo/meetings/meetings-calendar-page.tsx'),
            'MeetingsCalendarPage',
          ),
        },
        {
          path: 'expo/meetings/:meetingId',
          lazy: page(() => import('./pages/expo/meetings/meeting-page.tsx'), 'MeetingPage'),
        },
        {
          path: 'expo/requirements',
          lazy: page(() => import('./pages/expo/matchmaking/requirements-page.tsx'), 'RequirementsPage'),
        },
        {
          path: 'expo/requirements/:requirementId',
          lazy: page(
            () => import('./pages/expo/matchmaking/requirement-detail-page.tsx'),
            'RequirementDetailPage',
          ),
        },
        {
          path: 'expo/leads',
          lazy: page(() => import('./pages/expo/matchmaking/leads-page.tsx'), 'LeadsPage'),
        },
        {
          path: 'expo/trends',
          lazy: page(() => import('./pages/expo/matchmaking/trends-page.tsx'), 'TrendsPage'),
        },
        {
          path: 'expo/ip',
          lazy: page(() => import('./pages/expo/ip/ip-registry-page.tsx'), 'IpRegistryPage'),
        },
        {
          path: 'expo/ip/assets/:assetId',
          lazy: page(() => import('./pages/expo/ip/ip-asset-page.tsx'), 'IpAssetPage'),
        },
        {
          path: 'expo/ip/listings/:listingId',
          lazy: page(() => import('./pages/expo/ip/ip-listing-page.tsx'), 'IpListingPage'),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);

export type AppRouter = ReturnType<typeof createRouter>;
