import { ShopOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { UploadPanel } from '../../components/customs/upload-panel.tsx';
import { formatAmount } from '../../components/documents/decimal-format.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  chinaMonth,
  type ExportParcelSummary,
  type ExportSummary,
  summaryXmlUrl,
  useBuildSummaries,
  useExportBoard,
  useExportSummaries,
} from './export-api.ts';
import { ExportParcelDrawer } from './export-parcel-drawer.tsx';
import '../../components/customs/customs.css';

// The export side of the clearance board: 9610/9710/9810 lists by state, the 9710/9810 routes,
// lists held and what they wait for, failures, and the CEB701 summaries with their CEB792 result.

const EXPORT_MODES = ['9610', '9710', '9810'] as const;
const STATES = ['waiting', 'failed', 'refused', 'released', 'cancelled'] as const;

/** An amount with its JGS-20 currency: CNY (142) in the reader's locale, others with their code. */
const useMoney = () => {
  const { i18n } = useTranslation();
  return (amount: string | null, currency: string | null) =>
    amount === null
      ? '–'
      : currency === '142'
        ? formatAmount(amount, 'CNY', i18n.language)
        : `${amount} (${currency ?? '?'})`;
};

const stateColor: Record<string, string> = {
  waiting: 'gold',
  failed: 'red',
  refused: 'volcano',
  released: 'green',
  cancelled: 'default',
};

export const ExportStateTag = ({ state }: { state: string }) => {
  const { t } = useTranslation();
  return (
    <Tag color={stateColor[state] ?? 'default'} data-testid="export-state" data-state={state}>
      {t(`customsExport.states.${state}`, { defaultValue: state })}
    </Tag>
  );
};

const parcelColumns = (
  t: ReturnType<typeof useTranslation>['t'],
  dateTime: (v: string) => string,
  money: ReturnType<typeof useMoney>,
  withWaiting: boolean,
  open: (parcelId: string) => void,
): TableColumnsType<ExportParcelSummary> => [
  {
    key: 'orderNo',
    title: t('customsExport.columns.orderNo'),
    render: (_, p) => (
      <Typography.Link className="mono nowrap" onClick={() => open(p.id)} data-testid="export-parcel-link">
        {p.orderNo}
      </Typography.Link>
    ),
  },
  {
    key: 'logisticsNo',
    title: t('customsExport.columns.logisticsNo'),
    render: (_, p) => <span className="mono nowrap">{p.logisticsNo ?? '–'}</span>,
  },
  { key: 'tradeMode', title: t('customsExport.columns.tradeMode'), render: (_, p) => p.tradeMode ?? '–' },
  {
    key: 'state',
    title: t('customsExport.columns.state'),
    render: (_, p) => <ExportStateTag state={p.state} />,
  },
  withWaiting
    ? {
        key: 'waitingFor',
        title: t('customsExport.columns.waitingFor'),
        render: (_, p) => (
          <span data-testid="export-waiting-for">
            {p.waitingFor.map((d) => t(`customsExport.documents.${d}`, { defaultValue: d })).join(', ')}
          </span>
        ),
      }
    : {
        key: 'route',
        title: t('customsExport.columns.route'),
        render: (_, p) => (p.route === null ? '–' : t(`customsExport.routes.${p.route}`)),
      },
  {
    key: 'goodsValue',
    title: t('customsExport.columns.goodsValue'),
    className: 'customs-amount',
    render: (_, p) => money(p.goodsValue, p.currency),
  },
  {
    key: 'updatedAt',
    title: t('customsExport.columns.updatedAt'),
    render: (_, p) => <span className="nowrap">{dateTime(p.updatedAt)}</span>,
  },
];

const SummariesCard = ({ orgId }: { orgId: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const summaries = useExportSummaries(orgId);
  const build = useBuildSummaries(orgId);
  const [month] = useState(() => chinaMonth(new Date()));
  const [built, setBuilt] = useState<number | null>(null);
  const columns: TableColumnsType<ExportSummary> = [
    {
      key: 'sumNo',
      title: t('customsExport.summaries.sumNo'),
      render: (_, s) => <span className="mono nowrap">{s.sumNo}</span>,
    },
    {
      key: 'entryId',
      title: t('customsExport.summaries.entryId'),
      render: (_, s) => (
        <span className="mono nowrap" data-testid="export-summary-entry">
          {s.entryId}
        </span>
      ),
    },
    { key: 'period', title: t('customsExport.summaries.period'), render: (_, s) => s.period },
    {
      key: 'destination',
      title: t('customsExport.summaries.destination'),
      render: (_, s) => `${s.key.country} · ${s.key.portCode}`,
    },
    {
      key: 'lists',
      title: t('customsExport.summaries.lists'),
      className: 'customs-amount',
      render: (_, s) => format.number(s.listCount),
    },
    {
      key: 'totals',
      title: t('customsExport.summaries.totals'),
      className: 'customs-amount',
      render: (_, s) =>
        Object.entries(s.totals).map(([currency, total]) => (
          <div key={currency}>{money(total, currency)}</div>
        )),
    },
    {
      key: 'result',
      title: t('customsExport.summaries.result'),
      render: (_, s) => (
        <Flex gap={8} wrap>
          <Tag color="green" data-testid="export-summary-result">
            {t('customsExport.summaries.declared')}
          </Tag>
          <a href={summaryXmlUrl(orgId, s.id, 'apply')} download data-testid="export-summary-download-apply">
            CEB701
          </a>
          <a
            href={summaryXmlUrl(orgId, s.id, 'result')}
            download
            data-testid="export-summary-download-result"
          >
            CEB792
          </a>
        </Flex>
      ),
    },
  ];
  return (
    <Card
      title={t('customsExport.summaries.title')}
      className="block-gap"
      data-testid="export-summaries"
      extra={
        <Button
          type="primary"
          loading={build.isPending}
          data-testid="export-build-summaries"
          onClick={() =>
            void build.mutateAsync(month).then(
              (answer) => setBuilt(answer.created.length),
              () => undefined,
            )
          }
        >
          {t('customsExport.summaries.build', { month })}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('customsExport.summaries.explain')}</Typography.Paragraph>
      {build.isError ? <ErrorAlert error={build.error} /> : null}
      {built !== null ? (
        <Alert
          type={built === 0 ? 'info' : 'success'}
          showIcon
          className="block-gap"
          data-testid="export-summaries-built"
          title={
            built === 0
              ? t('customsExport.summaries.nothingNew')
              : t('customsExport.summaries.built', { count: built })
          }
        />
      ) : null}
      {summaries.isError ? (
        <ErrorAlert error={summaries.error} onRetry={() => void summaries.refetch()} />
      ) : null}
      <Table<ExportSummary>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={summaries.data?.items ?? []}
        loading={summaries.isPending}
        columns={columns}
        locale={{ emptyText: t('customsExport.summaries.empty') }}
      />
    </Card>
  );
};

export const ExportBoardPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const board = useExportBoard(orgId);
  const [openParcel, setOpenParcel] = useState<string | null>(null);
  const data = board.data;
  const count = (mode: string | null, state?: string) =>
    (data?.byState ?? [])
      .filter(
        (row) => (mode === null || row.tradeMode === mode) && (state === undefined || row.state === state),
      )
      .reduce((n, row) => n + row.count, 0);

  return (
    <div className="page">
      <PageHeader
        title={t('customsExport.board.title')}
        subtitle={t('customsExport.board.subtitle')}
        extra={
          <Button
            icon={<ShopOutlined />}
            onClick={() => navigate('/customs/export/warehouses')}
            data-testid="export-warehouses-link"
          >
            {t('customsExport.warehouses.title')}
          </Button>
        }
      />
      {board.isError && !data ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : null}
      {board.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : null}
      {data ? (
        <>
          <Row gutter={[16, 16]} className="block-gap">
            {EXPORT_MODES.map((mode) => (
              <Col key={mode} xs={24} md={8}>
                <Card
                  size="small"
                  className="customs-stat"
                  title={t(`customsExport.modes.${mode}`)}
                  data-testid={`export-mode-${mode}`}
                >
                  <Flex wrap gap={12}>
                    {STATES.map((state) => (
                      <Statistic
                        key={state}
                        title={t(`customsExport.states.${state}`)}
                        value={format.number(count(mode, state))}
                        data-testid="export-count"
                        data-mode={mode}
                        data-state={state}
                      />
                    ))}
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            className="block-gap"
            title={t('customsExport.board.routes')}
            data-testid="export-routes"
          >
            <Flex wrap gap={16}>
              {(['simplified_list', 'declaration_form'] as const).map((route) => (
                <Statistic
                  key={route}
                  title={t(`customsExport.routes.${route}`)}
                  value={format.number(data.byRoute.find((r) => r.route === route)?.count ?? 0)}
                />
              ))}
            </Flex>
            <Typography.Paragraph type="secondary" className="block-gap">
              {t('customsExport.board.illustrativeControls')}
            </Typography.Paragraph>
          </Card>
          <Card title={t('customsExport.board.held')} className="block-gap" data-testid="export-held">
            <Table<ExportParcelSummary>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.held}
              columns={parcelColumns(t, format.dateTime, money, true, setOpenParcel)}
              locale={{ emptyText: t('customsExport.board.noneHeld') }}
            />
          </Card>
          <Card title={t('customsExport.board.failures')} className="block-gap" data-testid="export-failures">
            <Table<ExportParcelSummary>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.recentFailures}
              columns={parcelColumns(t, format.dateTime, money, false, setOpenParcel)}
              locale={{ emptyText: t('customsExport.board.noFailures') }}
            />
          </Card>
        </>
      ) : null}
      <SummariesCard orgId={orgId} />
      <UploadPanel orgId={orgId} />
      <ExportParcelDrawer orgId={orgId} parcelId={openParcel} onClose={() => setOpenParcel(null)} />
    </div>
  );
};
