import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Select, Skeleton, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchLeads,
  LEAD_STATUSES,
  type Lead,
  type LeadStatus,
  PAGE_SIZE,
  useLeads,
} from '../../../api/expo-matchmaking.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useTableExport } from '../../../components/use-table-export.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { LeadCard } from './lead-card.tsx';
import './matchmaking.css';

const EXPORT_MAX_ROWS = 10_000;
const MIN_SCORES = [0, 50, 70, 85] as const;

/** The supplier's inbox: buyers' requirements that matched its products, newest first. */
export const LeadsPage = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const [status, setStatus] = useState<LeadStatus | undefined>(undefined);
  const [minScore, setMinScore] = useState<number>(0);
  const filter = { status, minScore: minScore > 0 ? minScore : undefined };
  const leads = useLeads(orgId, filter);
  const rows = leads.data?.items ?? [];
  const zh = i18n.language === 'zh-CN';

  const exporter = useTableExport<Lead>({
    key: 'mm-leads-export',
    fileNamePrefix: 'expo-leads',
    sheetName: () => t('expoMatchmaking.leads.title'),
    columns: () => [
      { header: t('expoMatchmaking.matches.score'), value: (lead) => lead.score, width: 8 },
      {
        header: t('expoMatchmaking.lead.buyer'),
        value: (lead) => (zh ? lead.buyer.nameZh : lead.buyer.name),
        width: 30,
      },
      { header: t('expoMatchmaking.fields.title'), value: (lead) => lead.requirement.title, width: 36 },
      {
        header: t('expoMatchmaking.lead.yourProduct'),
        value: (lead) => (zh ? lead.product.nameZh : lead.product.nameEn),
        width: 36,
      },
      { header: t('expoMatchmaking.fields.quantity'), value: (lead) => lead.requirement.quantity, width: 12 },
      { header: t('expoMatchmaking.fields.unit'), value: (lead) => lead.requirement.unit, width: 8 },
      {
        header: t('expoMatchmaking.fields.destinationCountry'),
        value: (lead) => lead.requirement.destinationCountry,
        width: 8,
      },
      { header: t('expoMatchmaking.fields.deadline'), value: (lead) => lead.requirement.deadline, width: 12 },
      {
        header: t('expoMatchmaking.leads.myMark'),
        value: (lead) => t(`expoMatchmaking.leadStatuses.${lead.supplierStatus}`),
        width: 10,
      },
      { header: t('expoMatchmaking.fields.createdAt'), value: (lead) => lead.createdAt, width: 24 },
      { header: 'id', value: (lead) => lead.id, width: 30 },
    ],
    collect: async (onProgress) => {
      const collected: Lead[] = [];
      for (let offset = 0; offset < EXPORT_MAX_ROWS; offset += PAGE_SIZE) {
        const page = await fetchLeads(orgId, offset, filter);
        collected.push(...page.items);
        onProgress(collected.length);
        if (collected.length >= page.total || page.items.length === 0) {
          return { rows: collected, truncated: false };
        }
      }
      return { rows: collected, truncated: true };
    },
    messages: {
      progress: (count) => t('expoMatchmaking.export.progress', { count }),
      done: (count) => t('expoMatchmaking.export.done', { count }),
      truncated: (count) => t('expoMatchmaking.export.truncated', { count }),
    },
  });

  return (
    <div className="page" data-testid="mm-leads-page">
      <PageHeader
        title={t('expoMatchmaking.leads.title')}
        subtitle={t('expoMatchmaking.leads.subtitle')}
        extra={
          <Space wrap>
            <Select<LeadStatus>
              allowClear
              className="mm-filter"
              placeholder={t('expoMatchmaking.allStatuses')}
              aria-label={t('expoMatchmaking.leads.myMark')}
              value={status ?? null}
              onChange={(value) => setStatus(value ?? undefined)}
              options={LEAD_STATUSES.map((code) => ({
                value: code,
                label: t(`expoMatchmaking.leadStatuses.${code}`),
              }))}
              data-testid="mm-leads-filter"
            />
            <Select<number>
              className="mm-filter"
              aria-label={t('expoMatchmaking.leads.minScore')}
              value={minScore}
              onChange={setMinScore}
              options={MIN_SCORES.map((score) => ({
                value: score,
                label:
                  score === 0
                    ? t('expoMatchmaking.leads.anyScore')
                    : t('expoMatchmaking.leads.atLeast', { score }),
              }))}
              data-testid="mm-leads-min-score"
            />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporter.exporting === 'csv'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('csv')}
              data-testid="mm-leads-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporter.exporting === 'xlsx'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('xlsx')}
              data-testid="mm-leads-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      />
      {leads.isError ? <ErrorAlert error={leads.error} onRetry={() => void leads.refetch()} /> : null}
      {leads.isPending ? (
        <Skeleton active />
      ) : rows.length === 0 ? (
        <Empty description={t('expoMatchmaking.leads.empty')} data-testid="mm-leads-empty" />
      ) : (
        <Flex vertical gap={12} data-testid="mm-leads" data-count={rows.length}>
          {rows.map((lead) => (
            <LeadCard key={lead.id} lead={lead} />
          ))}
        </Flex>
      )}
    </div>
  );
};
