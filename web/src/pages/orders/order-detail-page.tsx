import {
  ArrowLeftOutlined,
  DownloadOutlined,
  EditOutlined,
  FilePdfOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  fetchOrderFile,
  issueOrderDocument,
  type OrderAction,
  type OrderDetail,
  type OrderDocument,
  type OrderDocumentKind,
  type OrderFile,
  type OrderShare,
  PEPPOL_KINDS,
  runOrderAction,
  SHARE_ROLES,
  type ShareRole,
  shareOrder,
  unshareOrder,
  useOrder,
  useOrderMutation,
  usePartners,
} from '../../api/orders.ts';
import { DocumentStatusTag } from '../../components/documents/document-status-tag.tsx';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../../components/documents/document-types.ts';
import { bundleFileName, pdfFileName, safeFileStem } from '../../components/documents/files.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { EscrowPanel } from '../../components/escrow/escrow-panel.tsx';
import {
  allowedActions,
  canEdit,
  canShare,
  issuableKinds,
  needsNote,
  whoseMove,
} from '../../components/orders/allowed-actions.ts';
import { IssueDocumentModal } from '../../components/orders/issue-document-modal.tsx';
import { OrderStatusTag } from '../../components/orders/order-status-tag.tsx';
import { useOrderLabels } from '../../components/orders/use-order-labels.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { downloadBlob } from '../../lib/table-export.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import '../../components/orders/orders.css';

const isDocumentStatus = (status: string): status is DocumentStatus =>
  (DOCUMENT_STATUSES as readonly string[]).includes(status);

export const OrderDetailPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { orderId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const order = useOrder(orgId, orderId);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/orders')} data-testid="order-back">
      {t('orders.back')}
    </Button>
  );
  if (order.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('orders.detail.title')} extra={back} />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (order.isError) {
    return (
      <div className="page">
        <PageHeader title={t('orders.detail.title')} extra={back} />
        <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  }
  return <OrderDetailView order={order.data} back={back} />;
};

type Pending = { action: OrderAction } | null;

const OrderDetailView = ({ order, back }: { order: OrderDetail; back: ReactNode }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const labels = useOrderLabels();
  const common = useLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const [pending, setPending] = useState<Pending>(null);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const act = useOrderMutation(orgId, (input: { action: OrderAction; note: string }) =>
    runOrderAction(orgId, order.id, {
      action: input.action,
      version: order.version,
      ...(input.note.trim() ? { note: input.note.trim() } : {}),
    }),
  );
  const actions = allowedActions(order, orgId);
  const move = whoseMove(order, orgId);
  const content = order.content;

  const download = async (file: OrderFile, name: string) => {
    try {
      downloadBlob(await fetchOrderFile(orgId, order.id, file), name);
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const start = (action: OrderAction) => {
    if (action === 'counter') {
      navigate(`/orders/${encodeURIComponent(order.id)}/counter`);
      return;
    }
    setNote('');
    setFailure(null);
    setPending({ action });
  };

  const confirm = async () => {
    if (!pending) {
      return;
    }
    try {
      await act.mutateAsync({ action: pending.action, note });
      void message.success(t('orders.detail.actionDone', { action: labels.action(pending.action) }));
      setPending(null);
    } catch (error) {
      // 409 (not allowed in the current state, or someone changed the order meanwhile) and 403
      // (not this party's move) come with the server's reason; the order is reloaded either way.
      setFailure(error);
    }
  };

  const noteRequired = pending?.action === 'cancel';
  const responded = order.history.some((row) => ['accept', 'reject', 'counter'].includes(row.action));

  return (
    <div className="page">
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="order-reference">{content.buyerReference}</span>
            <OrderStatusTag status={order.status} />
          </Space>
        }
        subtitle={
          <span data-testid="order-move">
            {move === 'mine'
              ? t('orders.move.mineLong')
              : move === 'theirs'
                ? t('orders.move.theirsLong')
                : t('orders.move.nobody')}
          </span>
        }
        extra={back}
      />

      <Card className="orders-section" data-testid="order-actions-card">
        <div className="orders-actions">
          {actions.map((action) => (
            <Button
              key={action}
              type={action === 'accept' || action === 'offer' ? 'primary' : 'default'}
              danger={action === 'cancel' || action === 'reject'}
              onClick={() => start(action)}
              data-testid={`order-action-${action}`}
            >
              {labels.action(action)}
            </Button>
          ))}
          {canEdit(order, orgId) ? (
            <Button
              icon={<EditOutlined />}
              onClick={() => navigate(`/orders/${encodeURIComponent(order.id)}/edit`)}
              data-testid="order-edit"
            >
              {t('orders.detail.edit')}
            </Button>
          ) : null}
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              void download({ kind: 'ubl-order' }, `${safeFileStem(content.buyerReference)}.order.xml`)
            }
            data-testid="order-download-ubl"
          >
            {t('orders.detail.ublOrder')}
          </Button>
          {responded ? (
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                void download(
                  { kind: 'ubl-order-response' },
                  `${safeFileStem(content.buyerReference)}.order-response.xml`,
                )
              }
              data-testid="order-download-ubl-response"
            >
              {t('orders.detail.ublOrderResponse')}
            </Button>
          ) : null}
        </div>
        {actions.length === 0 ? (
          <Typography.Text type="secondary" className="block-gap" data-testid="order-no-actions">
            {order.myRole === 'shared' ? t('orders.detail.sharedReadOnly') : t('orders.detail.noActions')}
          </Typography.Text>
        ) : null}
      </Card>

      <Card title={t('orders.form.lines')} className="orders-section">
        <Table
          rowKey="lineNumber"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={content.lines}
          data-testid="order-lines-view"
          columns={[
            { key: 'n', title: '#', dataIndex: 'lineNumber' },
            {
              key: 'description',
              title: t('orders.fields.description'),
              render: (_, line) => (
                <div>
                  <div>{line.descriptionEn}</div>
                  {line.descriptionZh ? (
                    <Typography.Text type="secondary">{line.descriptionZh}</Typography.Text>
                  ) : null}
                </div>
              ),
            },
            {
              key: 'hs',
              title: t('orders.fields.hsCode'),
              render: (_, line) => <span className="mono">{line.hsCode}</span>,
            },
            {
              key: 'qty',
              title: t('orders.fields.quantity'),
              className: 'orders-amount',
              render: (_, line) => (
                <span title={labels.unit(line.unitCode)}>
                  {labels.quantity(line.quantity)} {line.unitCode}
                </span>
              ),
            },
            {
              key: 'price',
              title: t('orders.fields.unitPriceShort'),
              className: 'orders-amount',
              render: (_, line) => labels.money(line.unitPrice),
            },
            {
              key: 'total',
              title: t('orders.fields.lineTotal'),
              className: 'orders-amount',
              render: (_, line) => labels.money(line.lineTotal),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                <Typography.Text strong>{t('orders.fields.total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} className="orders-amount orders-total">
                <span data-testid="order-total">{labels.money(content.total)}</span>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card title={t('orders.detail.parties')} className="orders-section">
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" bordered>
              <Descriptions.Item label={labels.role('seller')}>
                <span data-testid="order-seller">{content.seller.name}</span> ({content.seller.country})
              </Descriptions.Item>
              <Descriptions.Item label={labels.role('buyer')}>
                <span data-testid="order-buyer">{content.buyer.name}</span> ({content.buyer.country})
                {order.buyerInvitation ? (
                  <Tag
                    className="block-gap"
                    color={order.buyerInvitation.status === 'claimed' ? 'green' : 'gold'}
                  >
                    {t(`orders.invitation.${order.buyerInvitation.status}`, {
                      email: order.buyerInvitation.email,
                    })}
                  </Tag>
                ) : null}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.myRole')}>
                {labels.role(order.myRole)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.incoterms')}>
                <span className="nowrap">
                  {content.incoterms.rule}{' '}
                  {content.incoterms.namedPlace.name ?? content.incoterms.namedPlace.unlocode}{' '}
                  <span className="mono">({content.incoterms.namedPlace.unlocode})</span>
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.issueDate')}>
                {format.date(content.issueDate)}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.requestedDeliveryDate')}>
                {content.requestedDeliveryDate ? format.date(content.requestedDeliveryDate) : '–'}
              </Descriptions.Item>
              <Descriptions.Item label={t('orders.fields.paymentTerms')} span={2}>
                {content.paymentTerms}
              </Descriptions.Item>
              {content.note ? (
                <Descriptions.Item label={t('orders.fields.note')} span={2}>
                  {content.note}
                </Descriptions.Item>
              ) : null}
              {order.parties
                .filter((party) => party.role !== 'seller' && party.role !== 'buyer')
                .map((party) => (
                  <Descriptions.Item key={party.organisationId ?? party.name} label={labels.role(party.role)}>
                    {party.name}
                  </Descriptions.Item>
                ))}
            </Descriptions>
          </Card>
          <DocumentsCard order={order} onDownload={download} />
          <SharesCard order={order} />
        </Col>
        <Col xs={24} lg={9}>
          <EscrowPanel order={order} />
          <Card title={t('orders.detail.history')} className="orders-section">
            <Timeline
              data-testid="order-history"
              items={order.history.map((row, index) => ({
                key: `${row.at}-${index}`,
                color:
                  row.action === 'cancel' || row.action === 'reject'
                    ? 'red'
                    : row.action === 'accept'
                      ? 'green'
                      : 'blue',
                content: (
                  <div data-testid="order-history-row" data-action={row.action}>
                    <Typography.Text strong>{labels.historyAction(row.action)}</Typography.Text>{' '}
                    <OrderStatusTag status={row.status} />
                    <div>
                      {row.byOrganisationName}
                      {row.byUserLabel ? ` · ${row.byUserLabel}` : ''}
                    </div>
                    <Typography.Text type="secondary">{format.dateTime(row.at)}</Typography.Text>
                    {row.contentChanged ? (
                      <div>
                        <Tag>{t('orders.detail.contentChanged')}</Tag>
                      </div>
                    ) : null}
                    {row.note ? <div className="orders-breakable">“{row.note}”</div> : null}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>

      <Modal
        open={pending !== null}
        title={pending ? t('orders.detail.confirmTitle', { action: labels.action(pending.action) }) : ''}
        okText={pending ? labels.action(pending.action) : ''}
        okButtonProps={{
          danger: pending?.action === 'cancel' || pending?.action === 'reject',
          disabled: noteRequired && note.trim() === '',
          loading: act.isPending,
          ...({ 'data-testid': 'order-action-confirm' } as object),
        }}
        cancelText={t('common.cancel')}
        onOk={() => void confirm()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{pending ? t(`orders.confirm.${pending.action}`) : ''}</Typography.Paragraph>
        {pending && (needsNote(pending.action) || pending.action === 'accept') ? (
          <Form layout="vertical">
            <Form.Item
              label={noteRequired ? t('orders.detail.noteRequired') : t('orders.detail.noteOptional')}
              required={noteRequired}
            >
              <Input.TextArea
                rows={3}
                maxLength={1000}
                value={note}
                onChange={(event) => setNote(event.target.value)}
                data-testid="order-action-note"
              />
            </Form.Item>
          </Form>
        ) : null}
        {failure ? <ErrorAlert error={failure} testId="order-action-error" /> : null}
      </Modal>
    </div>
  );
};

const DocumentsCard = ({
  order,
  onDownload,
}: {
  order: OrderDetail;
  onDownload: (file: OrderFile, name: string) => Promise<void>;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useOrderLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const kinds = issuableKinds(order);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [issueError, setIssueError] = useState<unknown>(null);
  const issue = useOrderMutation(
    orgId,
    (input: { kind: OrderDocumentKind; overrides?: Record<string, unknown> }) =>
      issueOrderDocument(orgId, order.id, input),
  );

  const submit = async (input: { kind: OrderDocumentKind; overrides?: Record<string, unknown> }) => {
    setIssueError(null);
    try {
      const issued = await issue.mutateAsync(input);
      void message.success(t('orders.documents.issued', { number: issued.documentNumber }));
      setDialogOpen(false);
    } catch (error) {
      setIssueError(error);
    }
  };

  return (
    <Card
      title={t('orders.documents.title')}
      className="orders-section"
      data-testid="order-documents"
      extra={
        kinds.length > 0 ? (
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            onClick={() => {
              setIssueError(null);
              setDialogOpen(true);
            }}
            data-testid="order-document-issue"
          >
            {t('orders.documents.issue')}
          </Button>
        ) : null
      }
    >
      {kinds.length > 0 ? (
        <IssueDocumentModal
          open={dialogOpen}
          kinds={kinds}
          initialKind={
            kinds.includes('commercial_invoice') ? 'commercial_invoice' : (kinds[0] ?? 'sales_contract')
          }
          lines={order.content.lines}
          submitting={issue.isPending}
          error={issueError}
          onIssue={(input) => void submit(input)}
          onClose={() => setDialogOpen(false)}
        />
      ) : null}
      <Table<OrderDocument>
        rowKey="documentId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={order.documents}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.documents.empty')} />,
        }}
        data-testid="order-documents-table"
        columns={[
          {
            key: 'kind',
            title: t('orders.documents.kind'),
            render: (_, doc) => (
              <span data-testid="order-document-row" data-kind={doc.kind}>
                {labels.kind(doc.kind)}
              </span>
            ),
          },
          {
            key: 'number',
            title: t('orders.documents.number'),
            render: (_, doc) =>
              order.myRole === 'seller' ? (
                <Link to={`/documents/${encodeURIComponent(doc.documentId)}`} className="nowrap">
                  {doc.documentNumber}
                </Link>
              ) : (
                <span className="nowrap">{doc.documentNumber}</span>
              ),
          },
          { key: 'version', title: t('orders.documents.version'), render: (_, doc) => `v${doc.version}` },
          {
            key: 'status',
            title: t('orders.documents.status'),
            render: (_, doc) =>
              isDocumentStatus(doc.status) ? (
                <DocumentStatusTag status={doc.status} testId="order-document-status" />
              ) : (
                <Tag>{doc.status}</Tag>
              ),
          },
          {
            key: 'issuedAt',
            title: t('orders.documents.issuedAt'),
            render: (_, doc) => <span className="nowrap">{format.dateTime(doc.issuedAt)}</span>,
          },
          {
            key: 'files',
            title: t('common.actions'),
            render: (_, doc) => (
              <Space wrap size={4}>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  onClick={() =>
                    void onDownload(
                      { kind: 'pdf', documentId: doc.documentId },
                      pdfFileName(doc.documentNumber),
                    )
                  }
                  data-testid="order-document-pdf"
                >
                  PDF
                </Button>
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    void onDownload(
                      { kind: 'bundle', documentId: doc.documentId },
                      bundleFileName(doc.documentNumber),
                    )
                  }
                  data-testid="order-document-bundle"
                >
                  {t('orders.documents.bundle')}
                </Button>
                {PEPPOL_KINDS.includes(doc.kind) ? (
                  <Button
                    size="small"
                    icon={<DownloadOutlined />}
                    onClick={() =>
                      void onDownload(
                        { kind: 'peppol', documentId: doc.documentId },
                        `${safeFileStem(doc.documentNumber)}.peppol.xml`,
                      )
                    }
                    data-testid="order-document-peppol"
                  >
                    Peppol XML
                  </Button>
                ) : null}
                <Button
                  size="small"
                  href="/verify"
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="order-document-verify"
                >
                  {t('orders.documents.verify')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
};

const SharesCard = ({ order }: { order: OrderDetail }) => {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const labels = useOrderLabels();
  const common = useLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const [target, setTarget] = useState<string | null>(null);
  const [role, setRole] = useState<ShareRole>('forwarder');
  const share = useOrderMutation(orgId, (input: { organisationId: string; role: ShareRole }) =>
    shareOrder(orgId, order.id, input),
  );
  const unshare = useOrderMutation(orgId, (organisationId: string) =>
    unshareOrder(orgId, order.id, organisationId),
  );
  const involved = new Set([
    order.sellerOrganisationId,
    order.buyerOrganisationId,
    ...order.shares.map((item) => item.organisationId),
  ]);
  const candidates = (partners.data ?? []).filter((p) => !involved.has(p.organisationId));

  const submit = async () => {
    if (!target) {
      return;
    }
    try {
      await share.mutateAsync({ organisationId: target, role });
      void message.success(t('orders.shares.done'));
      setTarget(null);
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const remove = (item: OrderShare) => {
    modal.confirm({
      title: t('orders.shares.removeConfirm', { name: item.name }),
      okButtonProps: { danger: true },
      okText: t('common.remove'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await unshare.mutateAsync(item.organisationId);
        } catch (error) {
          void message.error(common.errorMessage(error));
        }
      },
    });
  };

  return (
    <Card title={t('orders.shares.title')} className="orders-section" data-testid="order-shares">
      {canShare(order) ? (
        <Flex wrap gap={8} className="block-gap">
          <Select
            className="orders-filter"
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={target}
            onChange={setTarget}
            placeholder={t('orders.shares.pick')}
            loading={partners.isFetching}
            options={candidates.map((p) => ({ value: p.organisationId, label: labels.partner(p) }))}
            data-testid="order-share-target"
            style={{ minWidth: 240 }}
          />
          <Select<ShareRole>
            value={role}
            onChange={setRole}
            options={SHARE_ROLES.map((code) => ({ value: code, label: labels.role(code) }))}
            aria-label={t('orders.shares.role')}
            data-testid="order-share-role"
            style={{ minWidth: 120 }}
          />
          <Button
            icon={<ShareAltOutlined />}
            disabled={!target}
            loading={share.isPending}
            onClick={() => void submit()}
            data-testid="order-share-submit"
          >
            {t('orders.shares.share')}
          </Button>
        </Flex>
      ) : null}
      <Table<OrderShare>
        rowKey="organisationId"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={order.shares}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.shares.empty')} />,
        }}
        data-testid="order-shares-table"
        columns={[
          {
            key: 'name',
            title: t('orders.shares.organisation'),
            render: (_, item) => <span data-testid="order-share-name">{item.name}</span>,
          },
          { key: 'role', title: t('orders.shares.role'), render: (_, item) => labels.role(item.role) },
          {
            key: 'at',
            title: t('orders.shares.sharedAt'),
            render: (_, item) => <span className="nowrap">{format.dateTime(item.sharedAt)}</span>,
          },
          {
            key: 'remove',
            title: '',
            render: (_, item) =>
              item.sharedByOrganisationId === orgId ? (
                <Button size="small" danger onClick={() => remove(item)} data-testid="order-share-remove">
                  {t('common.remove')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
};
