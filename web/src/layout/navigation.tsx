import {
  AccountBookOutlined,
  AreaChartOutlined,
  AuditOutlined,
  BorderlessTableOutlined,
  BulbOutlined,
  CalendarOutlined,
  ClusterOutlined,
  ContainerOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  ExperimentOutlined,
  ExportOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  FundOutlined,
  GlobalOutlined,
  HomeOutlined,
  IdcardOutlined,
  InsuranceOutlined,
  KeyOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  SendOutlined,
  ShopOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { ORGANISATION_KINDS } from '../api/types.ts';

export type NavItem = {
  path: string;
  /** i18n key of the menu label. */
  labelKey: string;
  /** i18n key of the one-line description on the overview's quick links. */
  descriptionKey: string;
  icon: ReactNode;
  testId: string;
  /** Only owners and admins can use the page (the server answers 403 to others). */
  managersOnly?: boolean;
  /** Only organisations of these kinds can use the page (the server answers 403 to others). */
  kinds?: readonly string[];
};

export type NavGroup = { key: string; labelKey: string; items: NavItem[] };

type ModuleNav = { group: NavGroupKey; items: NavItem[] };

// Menu groups in display order. Several server modules may contribute to one group (trade and
// documents under one heading, say); a group without any enabled module is not shown.
const GROUPS = [
  { key: 'organisation', labelKey: 'nav.groups.organisation' },
  { key: 'trade', labelKey: 'nav.groups.trade' },
  { key: 'expo', labelKey: 'nav.groups.expo' },
  { key: 'documents', labelKey: 'nav.groups.documents' },
  { key: 'clearance', labelKey: 'nav.groups.clearance' },
  { key: 'logistics', labelKey: 'logistics.navGroup' },
  { key: 'finance', labelKey: 'payments.navGroup' },
  { key: 'statistics', labelKey: 'stats.navGroup' },
  { key: 'trust', labelKey: 'nav.groups.trust' },
] as const;

type NavGroupKey = (typeof GROUPS)[number]['key'];

/**
 * What each server module (an id from GET /api/meta) adds to the menu. Modules the web app has no
 * pages for yet are skipped, so the server can enable a module before its pages ship.
 */
export const MODULE_NAV: Record<string, ModuleNav> = {
  expo: {
    group: 'expo',
    items: [
      {
        path: '/expo',
        labelKey: 'expoCatalogue.nav.hall',
        descriptionKey: 'expoCatalogue.nav.hallDescription',
        icon: <ShopOutlined />,
        testId: 'nav-expo-hall',
      },
      {
        path: '/expo/booth',
        labelKey: 'expoCatalogue.nav.booth',
        descriptionKey: 'expoCatalogue.nav.boothDescription',
        icon: <IdcardOutlined />,
        testId: 'nav-expo-booth',
      },
      {
        path: '/expo/services-trade',
        labelKey: 'expoServicesTrade.nav',
        descriptionKey: 'expoServicesTrade.navDescription',
        icon: <SolutionOutlined />,
        testId: 'nav-expo-services-trade',
      },
      {
        path: '/expo/technology-contracts',
        labelKey: 'expoTechnologyContracts.nav',
        descriptionKey: 'expoTechnologyContracts.navDescription',
        icon: <ExperimentOutlined />,
        testId: 'nav-expo-technology-contracts',
      },
      {
        path: '/expo/meetings',
        labelKey: 'expoMeetings.nav',
        descriptionKey: 'expoMeetings.navDescription',
        icon: <CalendarOutlined />,
        testId: 'nav-expo-meetings',
      },
      {
        // Matchmaking: the buyer's requirements and ranked matches, the supplier's leads, trends.
        path: '/expo/requirements',
        labelKey: 'expoMatchmaking.nav.requirements',
        descriptionKey: 'expoMatchmaking.nav.requirementsDescription',
        icon: <FileSearchOutlined />,
        testId: 'nav-expo-requirements',
      },
      {
        path: '/expo/leads',
        labelKey: 'expoMatchmaking.nav.leads',
        descriptionKey: 'expoMatchmaking.nav.leadsDescription',
        icon: <SendOutlined />,
        testId: 'nav-expo-leads',
      },
      {
        path: '/expo/trends',
        labelKey: 'expoMatchmaking.nav.trends',
        descriptionKey: 'expoMatchmaking.nav.trendsDescription',
        icon: <AreaChartOutlined />,
        testId: 'nav-expo-trends',
      },
      {
        // The IP registry: browsable by every signed-in organisation; its owners' tools on the pages.
        path: '/expo/ip',
        labelKey: 'expoIp.nav',
        descriptionKey: 'expoIp.navDescription',
        icon: <BulbOutlined />,
        testId: 'nav-expo-ip',
      },
    ],
  },
  documents: {
    group: 'documents',
    items: [
      {
        path: '/documents',
        labelKey: 'nav.documents',
        descriptionKey: 'documents.navDescription',
        icon: <FileProtectOutlined />,
        testId: 'nav-documents',
      },
      {
        // Transferable records live in the documents module (the title chain of a bill of lading).
        path: '/ebl',
        labelKey: 'nav.ebl',
        descriptionKey: 'ebl.navDescription',
        icon: <ContainerOutlined />,
        testId: 'nav-ebl',
      },
    ],
  },
  trade: {
    group: 'trade',
    items: [
      {
        path: '/orders',
        labelKey: 'nav.orders',
        descriptionKey: 'orders.navDescription',
        icon: <FileDoneOutlined />,
        testId: 'nav-orders',
      },
    ],
  },
  customs: {
    group: 'clearance',
    items: [
      {
        path: '/customs',
        labelKey: 'nav.customs',
        descriptionKey: 'customs.navDescription',
        icon: <ClusterOutlined />,
        testId: 'nav-customs',
      },
      {
        path: '/customs/parcels',
        labelKey: 'nav.customsParcels',
        descriptionKey: 'customs.parcels.navDescription',
        icon: <BorderlessTableOutlined />,
        testId: 'nav-customs-parcels',
      },
      {
        path: '/customs/export',
        labelKey: 'nav.customsExport',
        descriptionKey: 'customsExport.navDescription',
        icon: <ExportOutlined />,
        testId: 'nav-customs-export',
      },
      {
        path: '/customs/bonded',
        labelKey: 'nav.customsBonded',
        descriptionKey: 'customs.bonded.navDescription',
        icon: <DatabaseOutlined />,
        testId: 'nav-customs-bonded',
      },
    ],
  },
  payments: {
    group: 'finance',
    items: [
      {
        path: '/payments',
        labelKey: 'payments.nav',
        descriptionKey: 'payments.navDescription',
        icon: <AccountBookOutlined />,
        testId: 'nav-payments',
      },
      {
        path: '/payments/outbound',
        labelKey: 'outboundPayments.nav',
        descriptionKey: 'outboundPayments.navDescription',
        icon: <SendOutlined />,
        testId: 'nav-payments-outbound',
      },
    ],
  },
  finance: {
    group: 'finance',
    items: [
      {
        path: '/finance/requests',
        labelKey: 'financing.nav',
        descriptionKey: 'financing.navDescription',
        icon: <FundOutlined />,
        testId: 'nav-finance-requests',
      },
      {
        // Shown to every organisation: the page explains that only financiers use the registry.
        path: '/finance/registry',
        labelKey: 'financeRegistry.nav',
        descriptionKey: 'financeRegistry.navDescription',
        icon: <FileSearchOutlined />,
        testId: 'nav-finance-registry',
      },
      {
        path: '/finance/credit',
        labelKey: 'creditPage.nav',
        descriptionKey: 'creditPage.navDescription',
        icon: <DashboardOutlined />,
        testId: 'nav-finance-credit',
      },
      {
        path: '/finance/insurance',
        labelKey: 'insurance.nav',
        descriptionKey: 'insurance.navDescription',
        icon: <InsuranceOutlined />,
        testId: 'nav-finance-insurance',
      },
    ],
  },
  logistics: {
    group: 'logistics',
    items: [
      {
        path: '/logistics/shipments',
        labelKey: 'logistics.nav.shipments',
        descriptionKey: 'logistics.navDescription.shipments',
        icon: <GlobalOutlined />,
        testId: 'nav-logistics-shipments',
      },
      {
        path: '/logistics/bookings',
        labelKey: 'logistics.nav.bookings',
        descriptionKey: 'logistics.navDescription.bookings',
        icon: <ScheduleOutlined />,
        testId: 'nav-logistics-bookings',
      },
      {
        path: '/logistics/warehouses',
        labelKey: 'logistics.nav.warehouses',
        descriptionKey: 'logistics.navDescription.warehouses',
        icon: <ShopOutlined />,
        testId: 'nav-logistics-warehouses',
      },
    ],
  },
  stats: {
    group: 'statistics',
    items: [
      {
        path: '/stats',
        labelKey: 'stats.nav',
        descriptionKey: 'stats.navDescription',
        icon: <AreaChartOutlined />,
        testId: 'nav-stats',
        // The commerce department's and customs' dashboards (stats.regulators_only for the rest).
        kinds: ['regulator', 'customs_authority'],
      },
      {
        // The joint-meeting office's policy-measure board: the office and the agencies, all regulators.
        path: '/stats/policy',
        labelKey: 'statsPolicy.nav',
        descriptionKey: 'statsPolicy.navDescription',
        icon: <ScheduleOutlined />,
        testId: 'nav-stats-policy',
        kinds: ['regulator', 'customs_authority'],
      },
      {
        path: '/stats/reporting',
        labelKey: 'statsReporting.nav.my',
        descriptionKey: 'statsReporting.nav.myDescription',
        icon: <FileDoneOutlined />,
        testId: 'nav-stats-reporting',
        // Enterprises report; the commerce department and customs do not (stats.report_enterprises_only).
        kinds: [
          'exporter',
          'importer',
          'ecommerce_platform',
          'logistics_provider',
          'carrier',
          'customs_broker',
          'bank',
          'payment_institution',
          'insurer',
          'data_supplier',
          'data_buyer',
          'mediator',
          'arbitration_body',
        ],
      },
      {
        path: '/stats/reporting/review',
        labelKey: 'statsReporting.nav.review',
        descriptionKey: 'statsReporting.nav.reviewDescription',
        icon: <ScheduleOutlined />,
        testId: 'nav-stats-reporting-review',
        kinds: ['regulator'],
      },
      {
        // The commerce department's and customs' Zhejiang Index runs: compute and publish.
        path: '/stats/index',
        labelKey: 'zjIndex.nav.runs',
        descriptionKey: 'zjIndex.nav.runsDescription',
        icon: <FundOutlined />,
        testId: 'nav-stats-index-runs',
        kinds: ['regulator', 'customs_authority'],
      },
      {
        // The published index is public: every organisation may open it.
        path: '/index',
        labelKey: 'zjIndex.nav.public',
        descriptionKey: 'zjIndex.nav.publicDescription',
        icon: <FundOutlined />,
        testId: 'nav-zhejiang-index',
        kinds: ORGANISATION_KINDS,
      },
    ],
  },
  identity: {
    group: 'organisation',
    items: [
      {
        path: '/org/profile',
        labelKey: 'nav.profile',
        descriptionKey: 'overview.links.profile',
        icon: <IdcardOutlined />,
        testId: 'nav-profile',
      },
      {
        path: '/org/members',
        labelKey: 'nav.members',
        descriptionKey: 'overview.links.members',
        icon: <TeamOutlined />,
        testId: 'nav-members',
      },
      {
        path: '/org/api-keys',
        labelKey: 'nav.apiKeys',
        descriptionKey: 'overview.links.apiKeys',
        icon: <KeyOutlined />,
        testId: 'nav-api-keys',
        managersOnly: true,
      },
      {
        path: '/org/audit',
        labelKey: 'nav.audit',
        descriptionKey: 'overview.links.audit',
        icon: <AuditOutlined />,
        testId: 'nav-audit',
        managersOnly: true,
      },
      {
        path: '/org/keys',
        labelKey: 'nav.keys',
        descriptionKey: 'keys.navDescription',
        icon: <SafetyOutlined />,
        testId: 'nav-keys',
      },
    ],
  },
  'transparency-log': {
    group: 'trust',
    items: [
      {
        path: '/log',
        labelKey: 'nav.logExplorer',
        descriptionKey: 'logExplorer.navDescription',
        icon: <NodeIndexOutlined />,
        testId: 'nav-log',
      },
      {
        // The public page, outside the workspace frame: anyone may check a document there.
        path: '/verify',
        labelKey: 'nav.verify',
        descriptionKey: 'verify.navDescription',
        icon: <SafetyCertificateOutlined />,
        testId: 'nav-verify',
      },
    ],
  },
};

export const OVERVIEW_ITEM: NavItem = {
  path: '/',
  labelKey: 'nav.overview',
  descriptionKey: 'overview.subtitle',
  icon: <HomeOutlined />,
  testId: 'nav-overview',
};

/** Whether the caller's role and organisation kind may use an item's page. */
export const navItemVisible = (item: NavItem, canManage: boolean, organisationKind?: string): boolean =>
  (canManage || !item.managersOnly) &&
  (item.kinds === undefined || (organisationKind !== undefined && item.kinds.includes(organisationKind)));

/** The menu groups for the enabled modules, keeping only pages the caller's role and organisation can use. */
export const buildNavigation = (
  moduleIds: readonly string[],
  canManage: boolean,
  organisationKind?: string,
): NavGroup[] =>
  GROUPS.map((group) => ({
    key: group.key,
    labelKey: group.labelKey,
    items: moduleIds
      .map((id) => MODULE_NAV[id])
      .filter((entry): entry is ModuleNav => entry !== undefined && entry.group === group.key)
      .flatMap((entry) => entry.items)
      .filter((item) => navItemVisible(item, canManage, organisationKind)),
  })).filter((group) => group.items.length > 0);

/** The menu entry a path belongs to: the longest item path that prefixes it. */
export const selectedNavPath = (pathname: string, groups: readonly NavGroup[]): string => {
  let best = OVERVIEW_ITEM.path;
  for (const item of groups.flatMap((group) => group.items)) {
    if ((pathname === item.path || pathname.startsWith(`${item.path}/`)) && item.path.length > best.length) {
      best = item.path;
    }
  }
  return best;
};
