import { UnorderedListOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Input,
  List,
  Row,
  Skeleton,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { findParcels, type ParcelSummary, useClearanceBoard } from '../../api/customs.ts';
import { countsByState, countsByTradeMode } from '../../components/customs/board-counts.ts';
import { ParcelStateTag } from '../../components/customs/parcel-state-tag.tsx';
import { type BarDatum, StateBarChart } from '../../components/customs/state-bar-chart.tsx';
import { UploadPanel } from '../../components/customs/upload-panel.tsx';
import { type CustomsLabels, useCustomsLabels } from '../../components/customs/use-customs-labels.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/customs/customs.css';

export const parcelPath = (parcelId: string) => `/customs/parcels/${encodeURIComponent(parcelId)}`;

const ParcelSearch = ({ orgId }: { orgId: string }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [matches, setMatches] = useState<{ q: string; items: ParcelSummary[] } | null>(null);

  const search = async (value: string) => {
    const q = value.trim();
    if (q === '') {
      setMatches(null);
      return;
    }
    setSearching(true);
    setError(null);
    try {
      const page = await findParcels(orgId, q);
      const only = page.items.length === 1 ? page.items[0] : undefined;
      if (only !== undefined) {
        navigate(parcelPath(only.id));
        return;
      }
      setMatches({ q, items: page.items });
    } catch (caught) {
      setError(caught);
    } finally {
      setSearching(false);
    }
  };

  return (
    <Card className="block-gap">
      <Input.Search
        allowClear
        enterButton
        loading={searching}
        maxLength={80}
        placeholder={t('customs.search.placeholder')}
        aria-label={t('customs.search.label')}
        onSearch={(value) => void search(value)}
        data-testid="customs-search"
      />
      {error !== null ? <ErrorAlert error={error} /> : null}
      {matches !== null ? (
        matches.items.length === 0 ? (
          <Typography.Paragraph
            type="secondary"
            className="customs-search-result"
            data-testid="customs-search-none"
          >
            {t('customs.search.none', { q: matches.q })}
          </Typography.Paragraph>
        ) : (
          <List
            className="customs-search-result"
            size="small"
            header={t('customs.search.several', { count: matches.items.length })}
            dataSource={matches.items}
            data-testid="customs-search-matches"
            renderItem={(parcel) => (
              <List.Item>
                <Link to={parcelPath(parcel.id)} data-testid="customs-search-match">
                  {parcel.orderNo}
                </Link>
                <span className="customs-secondary mono">{parcel.logisticsNo ?? ''}</span>
                <ParcelStateTag state={parcel.state} />
              </List.Item>
            )}
          />
        )
      ) : null}
    </Card>
  );
};

const failureColumns = (
  t: ReturnType<typeof useTranslation>['t'],
  labels: CustomsLabels,
  dateTime: (v: string) => string,
) =>
  [
    {
      key: 'orderNo',
      title: t('customs.columns.orderNo'),
      render: (_, parcel) => (
        <Link to={parcelPath(parcel.id)} className="nowrap" data-testid="customs-failure-link">
          {parcel.orderNo}
        </Link>
      ),
    },
    {
      key: 'logisticsNo',
      title: t('customs.columns.logisticsNo'),
      render: (_, parcel) => <span className="mono nowrap">{parcel.logisticsNo ?? '–'}</span>,
    },
    { key: 'findings', title: t('customs.columns.findings'), render: (_, parcel) => parcel.findings },
    {
      key: 'tradeMode',
      title: t('customs.columns.tradeMode'),
      render: (_, parcel) => labels.tradeMode(parcel.tradeMode),
    },
    {
      key: 'updatedAt',
      title: t('customs.columns.updatedAt'),
      render: (_, parcel) => <span className="nowrap">{dateTime(parcel.updatedAt)}</span>,
    },
  ] satisfies TableColumnsType<ParcelSummary>;

export const ClearanceBoardPage = () => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId } = useActiveOrg();
  const board = useClearanceBoard(orgId);

  const header = (
    <PageHeader
      title={t('customs.board.title')}
      subtitle={t('customs.board.subtitle')}
      extra={
        <Flex wrap gap={8}>
          <Button
            icon={<UnorderedListOutlined />}
            onClick={() => navigate('/customs/parcels')}
            data-testid="customs-all-parcels"
          >
            {t('customs.board.allParcels')}
          </Button>
          {/* The export side (9610/9710/9810 lists, summaries, warehouses) has its own board. */}
          <Button onClick={() => navigate('/customs/export')} data-testid="customs-export-board">
            {t('customsExport.board.openExport')}
          </Button>
        </Flex>
      }
    />
  );

  const data = board.data;
  const states = data ? countsByState(data) : [];
  const bars: BarDatum[] = states.map(({ state, count }) => ({
    key: state,
    label: labels.state(state),
    value: count,
    formatted: format.number(count),
  }));

  return (
    <div className="page">
      {header}
      <ParcelSearch orgId={orgId} />
      {board.isError && !data ? (
        <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />
      ) : null}
      {board.isRefetchError ? (
        // Polling failed: keep the last counts but say how old they are.
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('customs.board.stale', { at: format.dateTime(new Date(board.dataUpdatedAt)) })}
          data-testid="customs-board-stale"
        />
      ) : null}
      {board.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : null}
      {data?.tariff.source === 'illustrative_sample' ? (
        // The shipped rates are made up: nobody should read the tax figures as real.
        <Alert
          type="info"
          showIcon
          className="block-gap"
          title={t('customs.board.sampleTariff', { lines: format.number(data.tariff.lines) })}
          data-testid="customs-sample-tariff"
        />
      ) : null}
      {data ? (
        <>
          <Row gutter={[16, 16]} className="block-gap">
            {(
              [
                ['total', data.total, undefined],
                ['matchingFailures', data.matchingFailures, '/customs/parcels?state=failed'],
                ['quotaRejections', data.quotaRejections, '/customs/parcels?state=refused'],
                ['riskHits', data.riskHits, '/customs/parcels?state=inspection'],
              ] as const
            ).map(([key, value, link]) => (
              <Col key={key} xs={12} md={6} lg={4}>
                <Card size="small" className="customs-stat">
                  <Statistic
                    title={
                      link ? (
                        <Link to={link}>{t(`customs.board.stats.${key}`)}</Link>
                      ) : (
                        t(`customs.board.stats.${key}`)
                      )
                    }
                    value={format.number(value)}
                    data-testid={`customs-stat-${key}`}
                  />
                </Card>
              </Col>
            ))}
            <Col xs={24} md={24} lg={8}>
              <Card size="small" className="customs-stat">
                <Statistic
                  title={t('customs.board.stats.taxWithheld')}
                  value={labels.cny(data.taxWithheld)}
                  data-testid="customs-stat-taxWithheld"
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]} className="block-gap">
            <Col xs={24} lg={14}>
              <Card title={t('customs.board.byState')} data-testid="customs-by-state">
                <StateBarChart
                  title={t('customs.board.chartTitle')}
                  description={bars.map((bar) => `${bar.label}: ${bar.formatted}`).join(', ')}
                  data={bars}
                />
                <Flex wrap gap={8} className="customs-state-links">
                  {states.map(({ state, count }) => (
                    <Link
                      key={state}
                      to={`/customs/parcels?state=${state}`}
                      data-testid="customs-state-count"
                      data-state={state}
                    >
                      <ParcelStateTag state={state} /> {format.number(count)}
                    </Link>
                  ))}
                </Flex>
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card title={t('customs.board.byTradeMode')} data-testid="customs-by-trade-mode">
                <Table
                  rowKey={(row) => row.tradeMode ?? ''}
                  size="small"
                  pagination={false}
                  dataSource={countsByTradeMode(data)}
                  locale={{ emptyText: t('customs.board.empty') }}
                  columns={[
                    {
                      key: 'tradeMode',
                      title: t('customs.columns.tradeMode'),
                      render: (_, row) =>
                        row.tradeMode === null ? (
                          <Typography.Text type="secondary">{t('customs.board.noTradeMode')}</Typography.Text>
                        ) : (
                          <Link to={`/customs/parcels?tradeMode=${encodeURIComponent(row.tradeMode)}`}>
                            {labels.tradeMode(row.tradeMode)}
                          </Link>
                        ),
                    },
                    {
                      key: 'count',
                      title: t('customs.board.count'),
                      className: 'customs-amount',
                      render: (_, row) => format.number(row.count),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card
            title={t('customs.board.recentFailures')}
            className="block-gap"
            data-testid="customs-recent-failures"
          >
            <Table<ParcelSummary>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.recentFailures}
              columns={failureColumns(t, labels, format.dateTime)}
              locale={{ emptyText: t('customs.board.noFailures') }}
            />
          </Card>
        </>
      ) : null}
      <UploadPanel orgId={orgId} />
    </div>
  );
};
