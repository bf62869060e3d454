import { Button, Card, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type IpAlert, useDismissIpAlert, useIpDisputeIntake, useIpWatches } from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { useFormat } from '../../../i18n/use-format.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { titleIn } from './ip-model.ts';

const ALERT_COLOUR: Record<IpAlert['status'], string> = {
  open: 'red',
  dismissed: 'default',
  dispute_intake: 'purple',
};

/** Alert columns with their actions: dismiss, or record a dispute intake. */
export const useAlertColumns = (orgId: string): TableColumnsType<IpAlert> => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const dismiss = useDismissIpAlert(orgId);
  const intake = useIpDisputeIntake(orgId);
  return [
    {
      key: 'asset',
      title: t('expoIp.fields.asset'),
      render: (_, a) => (
        <Link to={`/expo/ip/assets/${encodeURIComponent(a.assetId)}`}>
          {titleIn(i18n.language, { titleZh: a.assetTitleZh, titleEn: a.assetTitleEn })}
        </Link>
      ),
    },
    {
      key: 'where',
      title: t('expoIp.fields.marketplace'),
      render: (_, a) => (
        <Space direction="vertical" size={0}>
          <span>
            {a.marketplace} · {a.country}
          </span>
          <Typography.Link href={a.url} target="_blank" rel="noreferrer nofollow" className="ip-url">
            {a.url}
          </Typography.Link>
        </Space>
      ),
    },
    {
      key: 'observed',
      title: t('expoIp.fields.observedAt'),
      render: (_, a) => format.dateTime(a.observedAt),
      responsive: ['md'],
    },
    {
      key: 'evidence',
      title: t('expoIp.fields.evidenceSha256'),
      render: (_, a) => <span className="ip-mono">{a.evidenceSha256.slice(0, 12)}…</span>,
      responsive: ['lg'],
    },
    {
      key: 'status',
      title: t('expoIp.fields.status'),
      render: (_, a) => (
        <Space size={4} wrap>
          <Tag color={ALERT_COLOUR[a.status]} data-testid="ip-alert-status" data-status={a.status}>
            {t(`expoIp.alertStatuses.${a.status}`)}
          </Tag>
          {a.status === 'open' ? (
            <>
              <Button
                size="small"
                type="primary"
                loading={intake.isPending}
                onClick={() => intake.mutate({ alertId: a.id })}
                data-testid="ip-alert-intake"
              >
                {t('expoIp.alerts.intake')}
              </Button>
              <Button
                size="small"
                loading={dismiss.isPending}
                onClick={() => dismiss.mutate(a.id)}
                data-testid="ip-alert-dismiss"
              >
                {t('expoIp.alerts.dismiss')}
              </Button>
            </>
          ) : null}
        </Space>
      ),
    },
  ];
};

/** The organisation's infringement alerts across its watches. */
export const IpAlertsTab = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const list = useIpWatches(orgId);
  const columns = useAlertColumns(orgId);
  const rows = list.data?.alerts ?? [];
  return (
    <Card
      extra={
        <ExportButtons
          rows={rows}
          fileName="ip-alerts"
          sheetName={t('expoIp.tabs.alerts')}
          testIdPrefix="ip-alerts"
          columns={[
            {
              header: t('expoIp.fields.asset'),
              value: (a) => titleIn(i18n.language, { titleZh: a.assetTitleZh, titleEn: a.assetTitleEn }),
              width: 30,
            },
            { header: t('expoIp.fields.marketplace'), value: (a) => a.marketplace, width: 20 },
            { header: t('expoIp.fields.country'), value: (a) => a.country, width: 8 },
            { header: 'URL', value: (a) => a.url, width: 40 },
            { header: t('expoIp.fields.evidenceSha256'), value: (a) => a.evidenceSha256, width: 66 },
            { header: t('expoIp.fields.observedAt'), value: (a) => a.observedAt, width: 24 },
            {
              header: t('expoIp.fields.status'),
              value: (a) => t(`expoIp.alertStatuses.${a.status}`),
              width: 14,
            },
          ]}
        />
      }
    >
      <Typography.Paragraph type="secondary">{t('expoIp.alerts.disputesNote')}</Typography.Paragraph>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<IpAlert>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="ip-alerts-table"
      />
    </Card>
  );
};
