import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { collectAudit, useAuditTrail } from '../api/audit.ts';
import { AUDIT_ACTIONS, type AuditEntry, type AuditOutcome } from '../api/types.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ForbiddenResult } from '../components/forbidden-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useTableExport } from '../components/use-table-export.ts';
import { type Labels, useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import type { ExportColumn } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';

const OUTCOME_COLOURS: Record<AuditOutcome, string> = {
  success: 'success',
  denied: 'warning',
  failed: 'error',
};

// An export walks the whole filtered trail page by page; beyond this many rows it stops and says so.
const EXPORT_MAX_ROWS = 10_000;

type TFn = ReturnType<typeof useTranslation>['t'];

/** Columns of an export, headed in the UI language; times stay ISO 8601 UTC so they are exact. */
const exportColumns = (t: TFn, labels: Labels): ExportColumn<AuditEntry>[] => [
  { header: t('audit.columns.time'), value: (entry) => entry.at, width: 26 },
  { header: t('audit.columns.actorType'), value: (entry) => labels.actorType(entry.actor.type), width: 12 },
  { header: t('audit.columns.actor'), value: (entry) => entry.actor.label, width: 28 },
  { header: t('audit.columns.actorId'), value: (entry) => entry.actor.id, width: 30 },
  { header: t('audit.columns.action'), value: (entry) => labels.action(entry.action), width: 24 },
  { header: t('audit.columns.actionCode'), value: (entry) => entry.action, width: 30 },
  {
    header: t('audit.columns.objectType'),
    value: (entry) => (entry.objectType ? labels.objectType(entry.objectType) : null),
    width: 14,
  },
  { header: t('audit.columns.objectId'), value: (entry) => entry.objectId, width: 30 },
  { header: t('audit.columns.outcome'), value: (entry) => labels.outcome(entry.outcome), width: 10 },
  { header: t('audit.columns.statusCode'), value: (entry) => entry.statusCode, width: 10 },
  { header: t('audit.columns.requestId'), value: (entry) => entry.requestId, width: 30 },
];

export const OrgAuditPage = () => {
  const { t } = useTranslation();
  const { canManage } = useActiveOrg();
  if (!canManage) {
    return (
      <div className="page">
        <PageHeader title={t('audit.title')} />
        <ForbiddenResult />
      </div>
    );
  }
  return <AuditTrail />;
};

const AuditTrail = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const [action, setAction] = useState<string | null>(null);
  const trail = useAuditTrail(orgId, action, true);
  const entries = trail.data?.pages.flatMap((page) => page.items) ?? [];

  const { exporting, runExport } = useTableExport({
    key: 'audit-export',
    fileNamePrefix: 'tradehub-audit',
    sheetName: () => t('audit.export.sheetName'),
    columns: () => exportColumns(t, labels),
    collect: async (onProgress) => {
      const { entries: rows, truncated } = await collectAudit(orgId, action, EXPORT_MAX_ROWS, onProgress);
      return { rows, truncated };
    },
    messages: {
      progress: (count) => t('audit.export.progress', { count: format.number(count) }),
      done: (count) => t('audit.export.done', { count: format.number(count) }),
      truncated: (count) => t('audit.export.truncated', { count: format.number(count) }),
    },
  });

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.columns.time'),
      render: (_, entry) => <span className="nowrap">{format.dateTime(entry.at)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.columns.actor'),
      render: (_, entry) => (
        <Space size={4}>
          <Tag>{labels.actorType(entry.actor.type)}</Tag>
          {/* "name <email>" can be long; the full text stays one hover away so the outcome and
              request id remain on screen at 1280 px. */}
          <Typography.Text ellipsis={{ tooltip: entry.actor.label }} className="audit-actor-label">
            {entry.actor.label}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      render: (_, entry) => (
        <span title={entry.action} data-testid="audit-action">
          {labels.action(entry.action)}
        </span>
      ),
    },
    {
      key: 'object',
      title: t('audit.columns.object'),
      render: (_, entry) =>
        entry.objectType ? (
          <span>
            {labels.objectType(entry.objectType)}
            {entry.objectId ? (
              <Typography.Text type="secondary" className="mono object-id">
                {entry.objectId}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          '—'
        ),
    },
    {
      key: 'outcome',
      title: t('audit.columns.outcome'),
      render: (_, entry) => (
        <Tag color={OUTCOME_COLOURS[entry.outcome]} title={String(entry.statusCode)}>
          {labels.outcome(entry.outcome)}
        </Tag>
      ),
    },
    {
      key: 'requestId',
      title: t('audit.columns.requestId'),
      render: (_, entry) => (
        <Typography.Text
          className="mono audit-request-id"
          ellipsis={{ tooltip: entry.requestId }}
          copyable={{ text: entry.requestId }}
        >
          {entry.requestId}
        </Typography.Text>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              disabled={exporting !== null}
              onClick={() => void runExport('csv')}
              data-testid="audit-export-csv"
            >
              {t('audit.export.csv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              disabled={exporting !== null}
              onClick={() => void runExport('xlsx')}
              data-testid="audit-export-xlsx"
            >
              {t('audit.export.xlsx')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" className="block-gap">
          <Typography.Text>{t('audit.filterAction')}</Typography.Text>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            className="audit-filter"
            placeholder={t('audit.allActions')}
            value={action}
            onChange={(value) => setAction(value ?? null)}
            options={AUDIT_ACTIONS.map((code) => ({ value: code, label: labels.action(code) }))}
            data-testid="audit-filter-action"
          />
        </Flex>
        {trail.isError ? <ErrorAlert error={trail.error} onRetry={() => void trail.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries}
          loading={trail.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
        />
        <Flex justify="center" className="load-more">
          {trail.hasNextPage ? (
            <Button
              onClick={() => void trail.fetchNextPage()}
              loading={trail.isFetchingNextPage}
              data-testid="audit-load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : entries.length > 0 ? (
            <Typography.Text type="secondary" data-testid="audit-end">
              {t('audit.end', { count: entries.length })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
};
