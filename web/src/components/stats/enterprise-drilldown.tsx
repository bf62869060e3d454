import { CloseOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Skeleton, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, seg } from '../../api/client.ts';
import type { BreakdownDimension } from '../../api/stats.ts';
import type { Role } from '../../api/types.ts';
import {
  type DashboardState,
  growthPercent,
  modeFilterApplies,
  usdFromMinor,
} from '../../pages/stats/stats-model.ts';
import { ErrorAlert } from '../error-alert.tsx';
import { ExportButtons } from '../export-buttons.tsx';
import type { StatsLabels } from './use-stats-labels.ts';

// The enterprises behind a breakdown row (GET .../stats/dashboard/enterprises). Mirrors the
// server's policy, `stats.read_enterprises`: a regulator's admins and owners, in person; the
// server still decides every request (403 for anyone else).

/** Whether the page offers the drill-down to enterprises at all. */
export const canReadEnterprises = (organisationKind: string, role: Role): boolean =>
  organisationKind === 'regulator' && (role === 'admin' || role === 'owner');

export type EnterpriseSelection = { dimension: BreakdownDimension; key: string };

type EnterpriseItem = {
  enterpriseCode: string;
  organisationId: string | null;
  name: string | null;
  nameZh: string | null;
  usdMinor: string;
  share: number | null;
  facts: number;
};
type Enterprises = { totalUsdMinor: string; enterprises: number; items: EnterpriseItem[] };
type Row = EnterpriseItem & { rank: number; label: string };

// The breakdown dimension a row belongs to names the filter its key goes into.
const filterOf: Record<BreakdownDimension, string> = {
  mode: 'customsMode',
  partner: 'partner',
  hs_chapter: 'hsChapter',
  ebops: 'ebops',
  content_type: 'contentType',
  city: 'city',
};

/** The query of the drill-down: the dashboard's filters and the row clicked. */
export const enterpriseQuery = (state: DashboardState, selection: EnterpriseSelection) => ({
  year: state.year,
  throughMonth: state.throughMonth,
  digitalOnly: String(state.digitalOnly),
  ...(state.flow === null ? {} : { flow: state.flow }),
  ...(state.customsMode !== null && modeFilterApplies(selection.dimension)
    ? { customsMode: state.customsMode }
    : {}),
  [filterOf[selection.dimension]]: selection.key,
  limit: 50,
});

export const EnterpriseDrilldown = ({
  orgId,
  state,
  selection,
  labels,
  onClose,
}: {
  orgId: string;
  state: DashboardState;
  selection: EnterpriseSelection;
  labels: StatsLabels;
  onClose: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const query = useMemo(() => enterpriseQuery(state, selection), [state, selection]);
  const answer = useQuery({
    queryKey: ['orgs', orgId, 'stats', 'enterprises', query],
    queryFn: ({ signal }) =>
      apiGet<Enterprises>(`/api/orgs/${seg(orgId)}/stats/dashboard/enterprises`, query, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const zh = i18n.language === 'zh-CN';
  const rows: Row[] = useMemo(
    () =>
      (answer.data?.items ?? []).map((item, index) => ({
        ...item,
        rank: index + 1,
        label: (zh ? item.nameZh : item.name) ?? item.name ?? item.enterpriseCode,
      })),
    [answer.data, zh],
  );
  const what = labels.key(selection.dimension, selection.key);
  const columns: TableColumnsType<Row> = [
    { key: 'rank', title: t('stats.enterprises.columns.rank'), render: (_, row) => row.rank, width: 56 },
    {
      key: 'enterprise',
      title: t('stats.enterprises.columns.enterprise'),
      render: (_, row) => (
        <Flex vertical>
          <span data-testid="stats-enterprise-name">{row.label}</span>
          {/* Without a name (an enterprise not on the hub) the code is the label already. */}
          {row.label === row.enterpriseCode ? null : (
            <Typography.Text type="secondary" className="stats-note">
              {row.enterpriseCode}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'amount',
      title: t('stats.enterprises.columns.amount', { year: state.year }),
      align: 'right',
      render: (_, row) => <span className="stats-amount">{labels.amount(row.usdMinor)}</span>,
    },
    {
      key: 'share',
      title: t('stats.enterprises.columns.share'),
      align: 'right',
      render: (_, row) => (row.share === null ? '—' : labels.percent(row.share)),
    },
  ];
  return (
    <Card
      size="small"
      title={t('stats.enterprises.title', { what })}
      extra={
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          onClick={onClose}
          aria-label={t('stats.enterprises.close')}
          data-testid="stats-enterprises-close"
        />
      }
      data-testid="stats-enterprises"
      data-key={selection.key}
    >
      {answer.isError ? (
        <ErrorAlert error={answer.error} onRetry={() => void answer.refetch()} />
      ) : answer.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('stats.empty')} />
      ) : (
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Typography.Text type="secondary">
              {t('stats.enterprises.summary', {
                count: answer.data.enterprises,
                shown: rows.length,
                total: labels.amount(answer.data.totalUsdMinor),
              })}
            </Typography.Text>
            <ExportButtons<Row>
              rows={rows}
              fileName={[
                'tradehub-statistics-enterprises',
                selection.dimension,
                selection.key,
                `${state.year}-${String(state.throughMonth).padStart(2, '0')}`,
              ].join('-')}
              sheetName={t('stats.enterprises.sheet')}
              testIdPrefix="stats-enterprises"
              columns={[
                { header: t('stats.enterprises.columns.rank'), value: (row) => row.rank, width: 6 },
                { header: t('stats.enterprises.columns.enterprise'), value: (row) => row.label, width: 32 },
                {
                  header: t('stats.enterprises.columns.code'),
                  value: (row) => row.enterpriseCode,
                  width: 22,
                },
                {
                  header: t('stats.export.usdThisYear', { year: state.year }),
                  value: (row) => usdFromMinor(row.usdMinor),
                  width: 20,
                },
                { header: t('stats.export.sharePercent'), value: (row) => growthPercent(row.share) },
              ]}
            />
          </Flex>
          <Table<Row>
            rowKey="enterpriseCode"
            size="small"
            pagination={false}
            columns={columns}
            dataSource={rows}
            loading={answer.isFetching}
            scroll={{ x: 'max-content' }}
            data-testid="stats-enterprises-table"
            onRow={(row) =>
              ({ 'data-testid': 'stats-enterprise-row', 'data-code': row.enterpriseCode }) as object
            }
          />
        </Flex>
      )}
    </Card>
  );
};
