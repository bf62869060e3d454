import { DownloadOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ProblemFieldError } from '../../api/client.ts';
import { documentKeys, getDocument, useDocuments } from '../../api/documents.ts';
import {
  collectFinancingRequests,
  createFinancingRequest,
  type FinancingRequest,
  REQUEST_STATUSES,
  type RequestStatus,
  useFinancingMutation,
  useFinancingRequests,
} from '../../api/finance.ts';
import { useOrders } from '../../api/orders.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { checkAmount } from '../../components/payments/ledger-model.ts';
import { usePaymentsLabels } from '../../components/payments/use-payments-labels.ts';
import { useTableExport } from '../../components/use-table-export.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { financeableOrders, invoiceTotal, subjectLabel } from './requests-model.ts';
import '../../components/payments/payments.css';

export const REQUEST_STATUS_COLOUR: Record<RequestStatus, string> = {
  draft: 'default',
  open: 'blue',
  offered: 'gold',
  accepted: 'cyan',
  disbursed: 'green',
  repaid: 'default',
  withdrawn: 'default',
};

const EXPORT_MAX_ROWS = 10_000;

type SubjectKind = FinancingRequest['subjectKind'];
type CreateValues = {
  kind: SubjectKind;
  documentId?: string;
  orderId?: string;
  amount: string;
  tenorDays: number;
};

/** Financing requests: an exporter's own, and for a bank those shared with it. */
export const FinancingRequestsPage = () => {
  const { t } = useTranslation();
  const { orgId, membership } = useActiveOrg();
  const navigate = useNavigate();
  const labels = usePaymentsLabels();
  const format = useFormat();
  const [status, setStatus] = useState<RequestStatus | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useFinancingRequests(orgId, status);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const isBank = membership.organisation.kind === 'bank';
  const statusLabel = (code: RequestStatus) => t(`financing.statuses.${code}`);
  const subjectOf = (r: FinancingRequest) => {
    const { key, number } = subjectLabel(r);
    return t(key, { number });
  };

  const exporter = useTableExport<FinancingRequest>({
    key: 'financing-export',
    fileNamePrefix: 'financing-requests',
    sheetName: () => t('financing.title'),
    columns: () => [
      { header: t('financing.columns.subject'), value: subjectOf, width: 28 },
      { header: t('financing.columns.issueDate'), value: (r) => r.invoice.issueDate, width: 12 },
      { header: t('financing.columns.buyer'), value: (r) => r.invoice.buyer.name, width: 30 },
      { header: t('financing.columns.currency'), value: (r) => r.invoice.amount.currency, width: 8 },
      // Amounts as the server's decimal strings: a spreadsheet must not round them through floats.
      { header: t('financing.columns.subjectAmount'), value: (r) => r.invoice.amount.amount, width: 16 },
      { header: t('financing.columns.requested'), value: (r) => r.requestedAmount.amount, width: 16 },
      { header: t('financing.columns.tenor'), value: (r) => r.tenorDays, width: 8 },
      { header: t('financing.columns.status'), value: (r) => statusLabel(r.status), width: 12 },
      { header: t('financing.columns.offers'), value: (r) => r.offers.length, width: 8 },
      { header: t('financing.columns.createdAt'), value: (r) => r.createdAt, width: 24 },
      { header: 'id', value: (r) => r.id, width: 30 },
    ],
    collect: (onProgress) => collectFinancingRequests(orgId, status, EXPORT_MAX_ROWS, onProgress),
    messages: {
      progress: (count) => t('financing.export.progress', { count }),
      done: (count) => t('financing.export.done', { count }),
      truncated: (count) => t('financing.export.truncated', { count }),
    },
  });

  const columns: TableColumnsType<FinancingRequest> = [
    {
      key: 'invoice',
      title: t('financing.columns.subject'),
      render: (_, r) => (
        <Link
          to={`/finance/requests/${encodeURIComponent(r.id)}`}
          data-testid="financing-request-link"
          data-subject-kind={r.subjectKind}
        >
          {subjectOf(r)}
        </Link>
      ),
    },
    {
      key: 'buyer',
      title: isBank ? t('financing.columns.exporter') : t('financing.columns.buyer'),
      render: (_, r) => (isBank ? r.invoice.seller.name : r.invoice.buyer.name),
    },
    {
      key: 'requested',
      title: t('financing.columns.requested'),
      className: 'payments-amount',
      render: (_, r) => labels.money(r.requestedAmount.amount, r.requestedAmount.currency),
    },
    {
      key: 'tenor',
      title: t('financing.columns.tenor'),
      render: (_, r) => t('financing.days', { count: r.tenorDays }),
    },
    {
      key: 'status',
      title: t('financing.columns.status'),
      render: (_, r) => (
        <Tag
          color={REQUEST_STATUS_COLOUR[r.status]}
          data-testid="financing-request-status"
          data-status={r.status}
        >
          {statusLabel(r.status)}
        </Tag>
      ),
    },
    { key: 'offers', title: t('financing.columns.offers'), render: (_, r) => r.offers.length },
    {
      key: 'createdAt',
      title: t('financing.columns.createdAt'),
      render: (_, r) => <span className="nowrap">{format.dateTime(r.createdAt)}</span>,
    },
  ];

  return (
    <div className="page">
      <PageHeader
        title={t('financing.title')}
        subtitle={isBank ? t('financing.subtitleBank') : t('financing.subtitle')}
        extra={
          isBank ? null : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="financing-new"
            >
              {t('financing.create.open')}
            </Button>
          )
        }
      />
      <Card
        extra={
          <Space wrap>
            <Select<RequestStatus>
              allowClear
              className="payments-filter"
              placeholder={t('financing.allStatuses')}
              aria-label={t('financing.columns.status')}
              value={status}
              onChange={(value) => setStatus(value ?? null)}
              options={REQUEST_STATUSES.map((code) => ({ value: code, label: statusLabel(code) }))}
              data-testid="financing-filter"
            />
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={exporter.exporting === 'csv'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('csv')}
              data-testid="financing-export-csv"
            >
              {t('tableExport.csv')}
            </Button>
            <Button
              size="small"
              icon={<FileExcelOutlined />}
              loading={exporter.exporting === 'xlsx'}
              disabled={rows.length === 0}
              onClick={() => void exporter.runExport('xlsx')}
              data-testid="financing-export-xlsx"
            >
              {t('tableExport.xlsx')}
            </Button>
          </Space>
        }
      >
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<FinancingRequest>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: isBank ? t('financing.emptyBank') : t('financing.empty') }}
          data-testid="financing-requests-table"
        />
        <Flex justify="center" className="load-more">
          {list.hasNextPage ? (
            <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
      {creating ? (
        <CreateRequestModal
          onClose={() => setCreating(false)}
          onCreated={(id) => navigate(`/finance/requests/${encodeURIComponent(id)}`)}
        />
      ) : null}
    </div>
  );
};

const CreateRequestModal = ({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const common = useLabels();
  const labels = usePaymentsLabels();
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('kind', form) ?? 'invoice';
  const documentId = Form.useWatch('documentId', form);
  const orderId = Form.useWatch('orderId', form);
  const [failure, setFailure] = useState<{ error: unknown; unmatched: ProblemFieldError[] } | null>(null);
  const invoices = useDocuments(orgId, { type: 'CommercialInvoice', status: 'active', number: '' });
  const options = (invoices.data?.pages.flatMap((page) => page.items) ?? []).map((d) => ({
    value: d.id,
    label: d.documentNumber,
  }));
  // Agreed orders the organisation sells: accepted, or in fulfilment (still before shipment).
  const accepted = useOrders(orgId, { status: 'accepted', role: 'seller', q: '' });
  const fulfilling = useOrders(orgId, { status: 'in_fulfilment', role: 'seller', q: '' });
  const orders = financeableOrders(
    [accepted, fulfilling].flatMap((list) => list.data?.pages.flatMap((page) => page.items) ?? []),
  );
  const orderOptions = orders.map((order) => ({
    value: order.id,
    label: `${order.content.buyerReference} · ${order.content.buyer.name}`,
  }));
  // The amount and currency come from the signed credential, as the server will read them.
  const chosen = useQuery({
    queryKey: documentKeys.one(orgId, documentId ?? ''),
    queryFn: ({ signal }) => getDocument(orgId, documentId ?? '', signal),
    enabled: kind === 'invoice' && Boolean(documentId),
  });
  // An agreed order's content is fixed, so its total is the one the server will read.
  const chosenOrder = orders.find((order) => order.id === orderId);
  const total =
    kind === 'purchase_order'
      ? (chosenOrder?.content.total ?? null)
      : documentId && chosen.isSuccess
        ? invoiceTotal(chosen.data.credential)
        : null;
  const create = useFinancingMutation(orgId, (values: CreateValues) =>
    createFinancingRequest(orgId, {
      ...(values.kind === 'purchase_order'
        ? { orderId: values.orderId ?? '' }
        : { documentId: values.documentId ?? '' }),
      requestedAmount: { amount: values.amount.trim(), currency: total?.currency ?? '' },
      tenorDays: values.tenorDays,
    }),
  );

  const submit = async (values: CreateValues) => {
    setFailure(null);
    try {
      const created = await create.mutateAsync(values);
      onCreated(created.id);
    } catch (error) {
      const unmatched = applyFieldErrors(
        form,
        error,
        ['documentId', 'orderId', 'tenorDays'],
        common.fieldError,
      ).filter((item) => {
        // The requested amount is one field on this form, whichever half the server names.
        if (item.field.startsWith('requestedAmount')) {
          form.setFields([{ name: 'amount', errors: [common.fieldError(item.code, item.message)] }]);
          return false;
        }
        return true;
      });
      setFailure({ error, unmatched });
    }
  };

  return (
    <Modal
      open
      title={t('financing.create.titleAny')}
      okText={t('financing.create.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{
        loading: create.isPending,
        ...({ 'data-testid': 'financing-create-submit' } as object),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {kind === 'purchase_order' ? t('financing.create.introOrder') : t('financing.create.intro')}
      </Typography.Paragraph>
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'invoice', tenorDays: 90 }}
        onFinish={(values) => void submit(values)}
        onValuesChange={(changed: Partial<CreateValues>) => {
          setFailure(null);
          if (changed.documentId || changed.orderId || changed.kind) {
            form.setFieldsValue({ amount: '' });
          }
        }}
        data-testid="financing-create-form"
      >
        <Form.Item name="kind" label={t('financing.create.kind')}>
          <Radio.Group
            optionType="button"
            options={(['invoice', 'purchase_order'] as const).map((value) => ({
              value,
              label: t(`financing.create.kinds.${value}`),
            }))}
            data-testid="financing-create-kind"
          />
        </Form.Item>
        {kind === 'purchase_order' ? (
          <Form.Item
            name="orderId"
            label={t('financing.create.order')}
            rules={[{ required: true, message: t('payments.validation.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={accepted.isPending || fulfilling.isPending}
              options={orderOptions}
              notFoundContent={t('financing.create.noOrders')}
              data-testid="financing-create-order"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="documentId"
            label={t('financing.create.invoice')}
            rules={[{ required: true, message: t('payments.validation.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={invoices.isPending}
              options={options}
              notFoundContent={t('financing.create.noInvoices')}
              data-testid="financing-create-invoice"
            />
          </Form.Item>
        )}
        {total ? (
          <Typography.Paragraph data-testid="financing-create-total">
            {kind === 'purchase_order'
              ? t('financing.create.orderTotal', { amount: labels.money(total.amount, total.currency) })
              : t('financing.create.invoiceTotal', { amount: labels.money(total.amount, total.currency) })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="amount"
          required
          label={t('financing.create.amount', { currency: total?.currency ?? '' })}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const problem = checkAmount(value ?? '', total?.currency ?? 'XXX');
                if (problem && total) {
                  throw new Error(t(`payments.validation.${problem}`));
                }
                if (!value) {
                  throw new Error(t('payments.validation.required'));
                }
              },
            },
          ]}
        >
          <Input
            inputMode="decimal"
            autoComplete="off"
            disabled={!total}
            data-testid="financing-create-amount"
          />
        </Form.Item>
        <Form.Item
          name="tenorDays"
          label={t('financing.create.tenor')}
          rules={[{ required: true, message: t('payments.validation.required') }]}
        >
          <InputNumber min={1} max={360} precision={0} data-testid="financing-create-tenor" />
        </Form.Item>
      </Form>
      {failure ? (
        <ErrorAlert error={failure.error} fieldErrors={failure.unmatched} testId="financing-create-error" />
      ) : null}
    </Modal>
  );
};
