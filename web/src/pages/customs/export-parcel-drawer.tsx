import { Descriptions, Drawer, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { type ExportParcelDetail, useExportParcel } from './export-api.ts';

// One export parcel: why a list is held, failed or refused (each finding with both documents'
// fields), its route, receipts and timeline. Export documents carry no buyer data to mask.

type Props = { orgId: string; parcelId: string | null; onClose: () => void };

export const ExportParcelDrawer = ({ orgId, parcelId, onClose }: Props) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const parcel = useExportParcel(orgId, parcelId);
  const data = parcel.data;
  const doc = (kind: string) => t(`customsExport.documents.${kind}`, { defaultValue: kind });
  return (
    <Drawer
      open={parcelId !== null}
      onClose={onClose}
      size="large"
      title={data?.orderNo ?? t('customsExport.parcel.title')}
      data-testid="export-parcel-drawer"
    >
      {parcel.isError ? <ErrorAlert error={parcel.error} onRetry={() => void parcel.refetch()} /> : null}
      {parcel.isPending && parcelId !== null ? <Skeleton active /> : null}
      {data ? (
        <>
          <Descriptions size="small" column={1} bordered className="block-gap">
            <Descriptions.Item label={t('customsExport.columns.state')}>
              {t(`customsExport.states.${data.state}`, { defaultValue: data.state })}
            </Descriptions.Item>
            <Descriptions.Item label={t('customsExport.columns.tradeMode')}>
              {data.tradeMode ?? '–'}
            </Descriptions.Item>
            <Descriptions.Item label={t('customsExport.parcel.invtNo')}>
              <span className="mono">{data.invtNo ?? '–'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('customsExport.columns.logisticsNo')}>
              <span className="mono">{data.logisticsNo ?? '–'}</span>
            </Descriptions.Item>
            {data.route === null ? null : (
              <Descriptions.Item label={t('customsExport.columns.route')}>
                {t(`customsExport.routes.${data.route}`)}
                {(data.routeReasons ?? []).length > 0
                  ? ` (${(data.routeReasons ?? []).map((r) => t(`customsExport.routeReasons.${r}`, { defaultValue: r })).join(', ')})`
                  : ''}
              </Descriptions.Item>
            )}
            {data.waitingFor.length > 0 ? (
              <Descriptions.Item label={t('customsExport.columns.waitingFor')}>
                {data.waitingFor.map(doc).join(', ')}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5}>{t('customsExport.parcel.findings')}</Typography.Title>
          <Table<ExportParcelDetail['findings'][number]>
            rowKey={(f) =>
              `${f.rule}-${f.fields.map((x) => `${x.document}.${x.field}.${x.gnum ?? ''}`).join('|')}`
            }
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...data.findings]}
            locale={{ emptyText: t('customsExport.parcel.noFindings') }}
            data-testid="export-findings"
            columns={[
              {
                key: 'severity',
                title: t('customsExport.parcel.severity'),
                render: (_, f) => (
                  <Tag color={f.severity === 'reject' ? 'red' : 'gold'}>
                    {t(`customsExport.parcel.severities.${f.severity}`)}
                  </Tag>
                ),
              },
              {
                key: 'reason',
                title: t('customsExport.parcel.reason'),
                render: (_, f) => labels.fieldError(f.code, f.message),
              },
              {
                key: 'fields',
                title: t('customsExport.parcel.fields'),
                render: (_, f) =>
                  f.fields.map((x) => (
                    <div key={`${x.document}.${x.field}.${x.gnum ?? ''}`} className="mono">
                      {doc(x.document)}
                      {x.gnum === undefined ? '' : ` #${x.gnum}`} {x.field}: {x.value ?? '–'}
                    </div>
                  )),
              },
            ]}
          />
          {data.refusal !== null && data.refusal.length > 0 ? (
            <>
              <Typography.Title level={5} className="block-gap">
                {t('customsExport.parcel.refusal')}
              </Typography.Title>
              <ul data-testid="export-refusal">
                {data.refusal.map((r) => (
                  <li key={`${r.field}-${r.code}`}>
                    <span className="mono">{r.field}</span>: {labels.fieldError(r.code, r.message)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <Typography.Title level={5} className="block-gap">
            {t('customsExport.parcel.receipts')}
          </Typography.Title>
          <ul>
            {data.receipts.map((r) => (
              <li key={`${r.receiptType}-${r.createdAt}-${r.returnStatus}`}>
                {r.receiptType} · {r.returnStatus} · {r.returnInfo}
              </li>
            ))}
          </ul>
          <Typography.Title level={5} className="block-gap">
            {t('customsExport.parcel.timeline')}
          </Typography.Title>
          <Timeline
            items={data.timeline.map((e) => ({
              key: String(e.seq),
              content: `${format.dateTime(e.at)} · ${t(`customsExport.events.${e.kind}`, { defaultValue: e.kind })}`,
            }))}
          />
        </>
      ) : null}
    </Drawer>
  );
};
