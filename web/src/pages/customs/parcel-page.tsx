import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  FileSearchOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  List,
  Row,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { type ParcelDetail, type ParcelMessage, type ParcelReceipt, useParcel } from '../../api/customs.ts';
import { BuyerCard } from '../../components/customs/buyer-card.tsx';
import { describeDetail, documentOfMessageType } from '../../components/customs/documents.ts';
import { DOCUMENT_KINDS } from '../../components/customs/findings.ts';
import { FindingsTable } from '../../components/customs/findings-table.tsx';
import { InspectionDecision } from '../../components/customs/inspection-decision.tsx';
import { MessageDrawer } from '../../components/customs/message-drawer.tsx';
import { ParcelStateTag } from '../../components/customs/parcel-state-tag.tsx';
import { receiptStatusMeaning } from '../../components/customs/receipt-status.ts';
import { RiskView, TaxBillView } from '../../components/customs/tax-card.tsx';
import { useCustomsLabels } from '../../components/customs/use-customs-labels.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/customs/customs.css';

const TIMELINE_COLOURS: Record<string, string> = {
  failed: 'red',
  refused: 'red',
  returned: 'red',
  released: 'green',
  inspection: 'orange',
  cancelled: 'gray',
};

export const ParcelPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { parcelId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const parcel = useParcel(orgId, parcelId);
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => navigate('/customs/parcels')}
      data-testid="customs-parcel-back"
    >
      {t('customs.parcel.back')}
    </Button>
  );
  if (parcel.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('customs.parcel.title')} extra={back} />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (parcel.isError) {
    return (
      <div className="page">
        <PageHeader title={t('customs.parcel.title')} extra={back} />
        <ErrorAlert error={parcel.error} onRetry={() => void parcel.refetch()} />
      </div>
    );
  }
  return <ParcelView parcel={parcel.data} back={back} />;
};

const ParcelView = ({ parcel, back }: { parcel: ParcelDetail; back: ReactNode }) => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  const format = useFormat();
  const { orgId, membership } = useActiveOrg();
  const [openMessage, setOpenMessage] = useState<string | null>(null);
  const isCustoms = membership.organisation.kind === 'customs_authority';
  const messagesById = new Map(parcel.messages.map((message) => [message.id, message]));

  const openButton = (message: ParcelMessage | undefined, testId: string) =>
    message === undefined ? null : message.readable ? (
      <Button
        size="small"
        icon={<FileSearchOutlined />}
        onClick={() => setOpenMessage(message.id)}
        data-testid={testId}
      >
        {t('customs.parcel.viewXml')}
      </Button>
    ) : (
      <Typography.Text type="secondary">{t('customs.parcel.notYours')}</Typography.Text>
    );

  const receiptColumns: TableColumnsType<ParcelReceipt> = [
    {
      key: 'type',
      title: t('customs.receipts.type'),
      render: (_, r) => <span className="mono">{r.receiptType}</span>,
    },
    {
      key: 'status',
      title: t('customs.receipts.status'),
      render: (_, r) => {
        const meaning = receiptStatusMeaning(r.receiptType, r.returnStatus);
        const text = labels.receiptStatus(r.receiptType, r.returnStatus);
        return (
          <span className="nowrap" data-testid="customs-receipt-status" data-status={r.returnStatus}>
            <Tag color={meaning?.tone ?? 'default'}>{r.returnStatus}</Tag>
            {text ?? (
              <Typography.Text type="secondary">{t('customs.receipts.unknownStatus')}</Typography.Text>
            )}
          </span>
        );
      },
    },
    {
      key: 'info',
      title: t('customs.receipts.info'),
      render: (_, r) => <span className="customs-receipt-info">{r.returnInfo}</span>,
    },
    {
      key: 'at',
      title: t('customs.receipts.at'),
      render: (_, r) => <span className="nowrap">{format.dateTime(r.createdAt)}</span>,
    },
    {
      key: 'message',
      title: t('customs.receipts.message'),
      render: (_, r) => openButton(messagesById.get(r.messageId), 'customs-receipt-message'),
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={
          <Space wrap>
            <span className="customs-breakable" data-testid="customs-parcel-order-no">
              {parcel.orderNo}
            </span>
            <ParcelStateTag state={parcel.state} />
          </Space>
        }
        subtitle={t('customs.parcel.title')}
        extra={back}
      />
      {isCustoms && parcel.state === 'inspection' ? (
        <InspectionDecision orgId={orgId} parcelId={parcel.id} />
      ) : null}
      <Card className="block-gap">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="customs-parcel-header">
          <Descriptions.Item label={t('customs.columns.orderNo')}>
            <span className="mono customs-breakable">{parcel.orderNo}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.logisticsNo')}>
            <span className="mono customs-breakable" data-testid="customs-parcel-logistics-no">
              {parcel.logisticsNo ?? '–'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.invtNo')}>
            <span className="mono customs-breakable" data-testid="customs-parcel-invt-no">
              {parcel.invtNo ?? '–'}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.ebpCode')}>
            <span className="mono">{parcel.ebpCode ?? '–'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.tradeMode')}>
            {labels.tradeMode(parcel.tradeMode)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.customsCode')}>
            <span className="mono">{parcel.customsCode ?? '–'}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.dutiableValue')}>
            {labels.cny(parcel.dutiableValue)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.taxTotal')}>
            {labels.cny(parcel.taxTotal)}
          </Descriptions.Item>
          <Descriptions.Item label={t('customs.columns.updatedAt')}>
            {format.dateTime(parcel.updatedAt)}
          </Descriptions.Item>
          {parcel.refusalCode !== null ? (
            <Descriptions.Item label={t('customs.columns.refusalCode')}>
              <Typography.Text type="danger" data-testid="customs-parcel-refusal">
                {labels.refusal(parcel.refusalCode)}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card
            title={t('customs.documentsCard.title')}
            className="block-gap"
            data-testid="customs-documents"
          >
            <List
              size="small"
              dataSource={[...DOCUMENT_KINDS]}
              renderItem={(kind) => {
                const present = parcel.documents[kind];
                const message = parcel.messages.find((m) => documentOfMessageType(m.messageType) === kind);
                return (
                  <List.Item
                    data-testid="customs-document"
                    data-document={kind}
                    data-present={present ? 'true' : 'false'}
                    extra={openButton(message, `customs-document-xml-${kind}`)}
                  >
                    <Space wrap>
                      {present ? (
                        <CheckCircleFilled className="customs-present" aria-hidden />
                      ) : (
                        <MinusCircleOutlined className="customs-missing" aria-hidden />
                      )}
                      <Typography.Text strong>{labels.document(kind)}</Typography.Text>
                      <Typography.Text type={present ? 'success' : 'secondary'}>
                        {present ? t('customs.documentsCard.present') : t('customs.documentsCard.missing')}
                      </Typography.Text>
                      {message ? (
                        <Typography.Text type="secondary" className="mono">
                          {message.messageType} · {format.dateTime(message.receivedAt)}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <div className="block-gap">
            <BuyerCard orgId={orgId} parcelId={parcel.id} masked={parcel.buyer} canReveal={isCustoms} />
          </div>
          <Card title={t('customs.timeline.title')} className="block-gap">
            {parcel.timeline.length === 0 ? (
              <Typography.Text type="secondary">{t('customs.timeline.empty')}</Typography.Text>
            ) : (
              <Timeline
                data-testid="customs-timeline"
                items={parcel.timeline.map((event) => ({
                  key: String(event.seq),
                  color: TIMELINE_COLOURS[event.state] ?? 'blue',
                  content: (
                    <div data-testid="customs-timeline-event" data-kind={event.kind}>
                      <Typography.Text strong>{labels.eventKind(event.kind)}</Typography.Text>{' '}
                      <ParcelStateTag state={event.state} />
                      <div>
                        <Typography.Text type="secondary">{format.dateTime(event.at)}</Typography.Text>
                      </div>
                      {describeDetail(event.detail) ? (
                        <div className="customs-breakable customs-secondary">
                          {describeDetail(event.detail)}
                        </div>
                      ) : null}
                      {event.messageId !== null && messagesById.get(event.messageId) ? (
                        <div>{openButton(messagesById.get(event.messageId), 'customs-timeline-message')}</div>
                      ) : null}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
      {/* Full width: the compared values are why a parcel failed and must not hide behind a scroll. */}
      <Card title={t('customs.findings.title')} className="block-gap">
        <FindingsTable detail={parcel.findingsDetail} />
      </Card>
      <Row gutter={[16, 0]}>
        <Col xs={24} lg={12}>
          <Card title={t('customs.tax.title')} className="block-gap">
            <TaxBillView tax={parcel.tax} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('customs.risk.title')} className="block-gap">
            <RiskView risk={parcel.risk} />
          </Card>
        </Col>
      </Row>
      <Card title={t('customs.receipts.title')} className="block-gap">
        <Table<ParcelReceipt>
          rowKey="id"
          size="small"
          columns={receiptColumns}
          dataSource={parcel.receipts}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('customs.receipts.empty') }}
          data-testid="customs-receipts"
        />
      </Card>
      <MessageDrawer orgId={orgId} messageId={openMessage} onClose={() => setOpenMessage(null)} />
    </div>
  );
};
