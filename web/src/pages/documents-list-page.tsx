import { DownloadOutlined, FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  collectDocuments,
  type DocumentFilters,
  type DocumentSummary,
  useDocuments,
} from '../api/documents.ts';
import { DocumentStatusTag, LogIndexCell } from '../components/documents/document-status-tag.tsx';
import {
  DOCUMENT_STATUSES,
  DOCUMENT_TYPES,
  type DocumentStatus,
  type DocumentType,
} from '../components/documents/document-types.ts';
import { documentPermissions } from '../components/documents/permissions.ts';
import { type DocumentLabels, useDocumentLabels } from '../components/documents/use-document-labels.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useFormat } from '../i18n/use-format.ts';
import type { ExportColumn } from '../lib/table-export.ts';
import { useDebounced } from '../lib/use-debounced.ts';
import { useActiveOrg } from '../session/current-org.tsx';
import '../components/documents/documents.css';
import { useTableExport } from '../components/use-table-export.ts';

// An export walks the whole filtered list page by page; beyond this many rows it stops and says so.
const EXPORT_MAX_ROWS = 20_000;

type TFn = ReturnType<typeof useTranslation>['t'];

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

/** Export columns headed in the UI language; times stay ISO 8601 UTC so they are exact. */
const exportColumns = (t: TFn, labels: DocumentLabels): ExportColumn<DocumentSummary>[] => [
  { header: t('documents.columns.number'), value: (d) => d.documentNumber, width: 24 },
  { header: t('documents.columns.type'), value: (d) => labels.type(d.documentType), width: 20 },
  { header: t('documents.columns.typeCode'), value: (d) => d.documentType, width: 20 },
  { header: t('documents.columns.status'), value: (d) => labels.status(d.status), width: 12 },
  { header: t('documents.columns.issuedAt'), value: (d) => d.issuedAt, width: 26 },
  { header: t('documents.columns.logIndex'), value: (d) => d.logIndex, width: 12 },
  { header: t('documents.columns.docHash'), value: (d) => d.docHash, width: 66 },
  { header: t('documents.columns.credentialId'), value: (d) => d.credentialId, width: 46 },
  { header: t('documents.columns.id'), value: (d) => d.id, width: 30 },
];

export const DocumentsListPage = () => {
  const { t } = useTranslation();
  const documentLabels = useDocumentLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { orgId, role } = useActiveOrg();
  const { canIssue } = documentPermissions(role);
  // Filters live in the address so the list comes back as it was after opening a document.
  const [params, setParams] = useSearchParams();
  const type = pick<DocumentType>(params.get('type'), DOCUMENT_TYPES);
  const status = pick<DocumentStatus>(params.get('status'), DOCUMENT_STATUSES);
  const [numberInput, setNumberInput] = useState(params.get('number') ?? '');
  const number = useDebounced(numberInput, 300);
  const filters: DocumentFilters = { type, status, number };
  const list = useDocuments(orgId, filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  const setFilter = (key: 'type' | 'status' | 'number', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const { exporting, runExport } = useTableExport({
    key: 'documents-export',
    fileNamePrefix: 'tradehub-documents',
    sheetName: () => t('documents.export.sheetName'),
    columns: () => exportColumns(t, documentLabels),
    collect: async (onProgress) => {
      const { documents, truncated } = await collectDocuments(orgId, filters, EXPORT_MAX_ROWS, onProgress);
      return { rows: documents, truncated };
    },
    messages: {
      progress: (count) => t('documents.export.progress', { formatted: format.number(count) }),
      done: (count) => t('documents.export.done', { formatted: format.number(count) }),
      truncated: (count) => t('documents.export.truncated', { formatted: format.number(count) }),
    },
  });

  const columns: TableColumnsType<DocumentSummary> = [
    {
      key: 'number',
      title: t('documents.columns.number'),
      render: (_, doc) => (
        <Link
          to={`/documents/${encodeURIComponent(doc.id)}`}
          data-testid="document-link"
          className="documents-number"
        >
          {doc.documentNumber}
        </Link>
      ),
    },
    {
      key: 'type',
      title: t('documents.columns.type'),
      render: (_, doc) => documentLabels.type(doc.documentType),
    },
    {
      key: 'status',
      title: t('documents.columns.status'),
      render: (_, doc) => <DocumentStatusTag status={doc.status} />,
    },
    {
      key: 'issuedAt',
      title: t('documents.columns.issuedAt'),
      render: (_, doc) => <span className="nowrap">{format.dateTime(doc.issuedAt)}</span>,
    },
    {
      key: 'logIndex',
      title: t('documents.columns.logIndex'),
      render: (_, doc) => <LogIndexCell logIndex={doc.logIndex} issuedAt={doc.issuedAt} />,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('documents.title')}
        subtitle={t('documents.subtitle')}
        extra={
          <Space wrap>
            {canIssue ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/documents/new')}
                data-testid="documents-issue"
              >
                {t('documents.issue')}
              </Button>
            ) : null}
            {canIssue ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => navigate('/documents/import')}
                data-testid="documents-import"
              >
                {t('documents.import.open')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('csv')}
              data-testid="documents-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              disabled={exporting !== null || rows.length === 0}
              onClick={() => void runExport('xlsx')}
              data-testid="documents-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      />
      <Card>
        <Flex wrap gap={12} align="center" className="block-gap documents-filters">
          <Select<DocumentType>
            allowClear
            className="documents-filter"
            placeholder={t('documents.filters.allTypes')}
            aria-label={t('documents.filters.type')}
            value={type}
            onChange={(value) => setFilter('type', value ?? null)}
            options={DOCUMENT_TYPES.map((code) => ({ value: code, label: documentLabels.type(code) }))}
            data-testid="documents-filter-type"
          />
          <Select<DocumentStatus>
            allowClear
            className="documents-filter"
            placeholder={t('documents.filters.allStatuses')}
            aria-label={t('documents.filters.status')}
            value={status}
            onChange={(value) => setFilter('status', value ?? null)}
            options={DOCUMENT_STATUSES.map((code) => ({ value: code, label: documentLabels.status(code) }))}
            data-testid="documents-filter-status"
          />
          <Input.Search
            allowClear
            className="documents-filter"
            placeholder={t('documents.filters.number')}
            aria-label={t('documents.filters.number')}
            value={numberInput}
            onChange={(event) => {
              setNumberInput(event.target.value);
              setFilter('number', event.target.value.trim() || null);
            }}
            data-testid="documents-filter-number"
          />
        </Flex>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<DocumentSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(doc) => (doc.status === 'revoked' ? 'row-muted' : '')}
          locale={{ emptyText: t('documents.empty') }}
          data-testid="documents-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
              data-testid="documents-load-more"
            >
              {t('common.loadMore')}
            </Button>
          ) : rows.length > 0 ? (
            <Typography.Text type="secondary" data-testid="documents-end">
              {t('documents.end', { formatted: format.number(rows.length) })}
            </Typography.Text>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
};
