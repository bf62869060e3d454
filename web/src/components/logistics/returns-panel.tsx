import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import {
  decideReturn,
  inspectReturn,
  RETURN_GRADES,
  type ReturnCase,
  type ReturnDecision,
  type ReturnGrade,
  type ReturnInput,
  type ReturnStage,
  receiveReturn,
  useReturnFunnel,
  useWarehouseMutation,
  useWarehouseReturns,
  type WarehouseView,
} from '../../api/logistics.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { EChart } from '../charts/e-chart.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { buildFunnelOption, funnelLevels, gradeCounts } from './returns-funnel.ts';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import { useOrgNames } from './use-org-names.ts';
import { allowedDecisions, nextReturnStep } from './warehouse-model.ts';
import './logistics.css';

type Failure = { error: unknown; unmatched: ProblemFieldError[] } | null;

export const RETURN_STAGE_COLOUR: Record<ReturnStage, string> = {
  received: 'blue',
  inspected: 'cyan',
  refurbishing: 'geekblue',
  restocked: 'green',
  re_exported: 'purple',
  returned_to_china: 'orange',
  scrapped: 'default',
};

type Dialog =
  | { kind: 'receive' }
  | { kind: 'inspect'; item: ReturnCase }
  | { kind: 'decide'; item: ReturnCase }
  | null;

/** The returns centre of one warehouse: the funnel, the cases, and the operator's steps. */
export const ReturnsPanel = ({ warehouse }: { warehouse: WarehouseView }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const nameOf = useOrgNames();
  const returns = useWarehouseReturns(orgId, warehouse.id);
  const funnel = useReturnFunnel(orgId, warehouse.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const operator = warehouse.myStanding === 'operator';
  const cases = returns.data?.items ?? [];
  const funnelData = useMemo(() => funnelLevels(funnel.data ?? {}), [funnel.data]);
  const option = useMemo(
    () => buildFunnelOption(funnelData.steps, (step) => labels.returnStage(step)),
    [funnelData, labels],
  );
  const grades = gradeCounts(cases);

  const columns: TableColumnsType<ReturnCase> = [
    { key: 'buyer', title: t('logistics.returns.buyerReference'), dataIndex: 'buyerReference' },
    { key: 'order', title: t('logistics.returns.orderReference'), dataIndex: 'orderReference' },
    ...(operator
      ? [
          {
            key: 'client',
            title: t('logistics.warehouses.client'),
            render: (_: unknown, row: ReturnCase) => nameOf(row.clientOrganisationId),
          },
        ]
      : []),
    { key: 'sku', title: 'SKU', render: (_, row) => <span className="mono">{row.sku}</span> },
    {
      key: 'quantity',
      title: t('logistics.returns.quantity'),
      className: 'logistics-number',
      render: (_, row) => format.number(row.quantity),
    },
    { key: 'reason', title: t('logistics.returns.reason'), dataIndex: 'reason' },
    {
      key: 'stage',
      title: t('logistics.returns.stage'),
      render: (_, row) => (
        <Tag color={RETURN_STAGE_COLOUR[row.stage]} data-testid="return-stage" data-stage={row.stage}>
          {labels.returnStage(row.stage)}
        </Tag>
      ),
    },
    {
      key: 'grade',
      title: t('logistics.returns.grade'),
      render: (_, row) => (row.grade ? labels.grade(row.grade) : '–'),
    },
    {
      key: 'updated',
      title: t('logistics.returns.updatedAt'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.updatedAt)}</span>,
    },
    ...(operator
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_: unknown, row: ReturnCase) => {
              const step = nextReturnStep(row);
              return step === null ? null : (
                <Button
                  size="small"
                  onClick={() => setDialog({ kind: step, item: row })}
                  data-testid={step === 'inspect' ? 'return-inspect' : 'return-decide'}
                >
                  {t(step === 'inspect' ? 'logistics.returns.inspect' : 'logistics.returns.decide')}
                </Button>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <Row gutter={[16, 16]} className="block-gap">
        <Col xs={24} md={14}>
          {funnel.isError ? <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} /> : null}
          <EChart
            option={option}
            height={280}
            testId="returns-funnel"
            ariaLabel={t('logistics.returns.funnelAria')}
          />
          <ul className="map-unknown" data-testid="returns-funnel-levels">
            {[...funnelData.steps, ...funnelData.outcomes].map((level) => (
              <li key={level.step} data-step={level.step} data-count={level.count}>
                {labels.returnStage(level.step)}: {format.number(level.count)}
              </li>
            ))}
          </ul>
        </Col>
        <Col xs={24} md={10}>
          <Row gutter={[8, 8]}>
            {RETURN_GRADES.map((grade) => (
              <Col span={8} key={grade}>
                <Statistic title={labels.grade(grade)} value={grades[grade]} />
              </Col>
            ))}
          </Row>
          {operator && warehouse.roles.includes('returns_centre') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              className="block-gap"
              onClick={() => setDialog({ kind: 'receive' })}
              data-testid="return-receive"
            >
              {t('logistics.returns.receive')}
            </Button>
          ) : null}
        </Col>
      </Row>
      {returns.isError ? <ErrorAlert error={returns.error} onRetry={() => void returns.refetch()} /> : null}
      <Table<ReturnCase>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={cases}
        loading={returns.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('logistics.returns.empty') }}
        data-testid="returns-table"
      />
      {dialog?.kind === 'receive' ? (
        <ReceiveModal warehouse={warehouse} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'inspect' ? (
        <InspectModal warehouseId={warehouse.id} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'decide' ? (
        <DecideModal warehouseId={warehouse.id} item={dialog.item} onClose={() => setDialog(null)} />
      ) : null}
    </>
  );
};

/** Runs a write; field errors go onto the form, the rest into an alert; success closes. */
const useSubmit = (fields: readonly string[], onDone: () => void) => {
  const common = useLabels();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [failure, setFailure] = useState<Failure>(null);
  const run = async (form: Parameters<typeof applyFieldErrors>[0], write: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await write();
      void message.success(t('logistics.returns.saved'));
      onDone();
    } catch (error) {
      setFailure({ error, unmatched: applyFieldErrors(form, error, fields, common.fieldError) });
    }
  };
  return { failure, run, clear: () => setFailure(null) };
};

const ReceiveModal = ({ warehouse, onClose }: { warehouse: WarehouseView; onClose: () => void }) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const nameOf = useOrgNames();
  const [form] = Form.useForm<ReturnInput>();
  const write = useWarehouseMutation(orgId, warehouse.id, (input: ReturnInput) =>
    receiveReturn(orgId, warehouse.id, input),
  );
  const submit = useSubmit(
    ['clientOrganisationId', 'buyerReference', 'orderReference', 'sku', 'quantity', 'reason'],
    onClose,
  );
  const required = [{ required: true, message: t('logistics.validation.required') }];
  return (
    <Modal
      open
      title={t('logistics.returns.receiveTitle')}
      okText={t('logistics.returns.receive')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, ...({ 'data-testid': 'return-receive-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<ReturnInput>
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1, clientOrganisationId: warehouse.clients[0]?.organisationId }}
        onValuesChange={submit.clear}
        onFinish={(values) => void submit.run(form, () => write.mutateAsync(values))}
        data-testid="return-receive-form"
      >
        <Form.Item name="clientOrganisationId" label={t('logistics.warehouses.client')} rules={required}>
          <Select
            options={warehouse.clients.map((c) => ({
              value: c.organisationId,
              label: nameOf(c.organisationId),
            }))}
            data-testid="return-client"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="buyerReference" label={t('logistics.returns.buyerReference')} rules={required}>
              <Input maxLength={100} data-testid="return-buyer-reference" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="orderReference" label={t('logistics.returns.orderReference')} rules={required}>
              <Input maxLength={100} data-testid="return-order-reference" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sku" label="SKU" rules={required}>
              <Input maxLength={64} data-testid="return-sku" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="quantity" label={t('logistics.returns.quantity')} rules={required}>
              <InputNumber min={1} max={1_000_000} precision={0} data-testid="return-quantity" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="reason" label={t('logistics.returns.reason')} rules={required}>
          <Input.TextArea maxLength={500} rows={2} data-testid="return-reason" />
        </Form.Item>
      </Form>
      {submit.failure ? (
        <ErrorAlert
          error={submit.failure.error}
          fieldErrors={submit.failure.unmatched}
          testId="return-error"
        />
      ) : null}
    </Modal>
  );
};

type InspectValues = { grade: ReturnGrade; note?: string };

const InspectModal = ({
  warehouseId,
  item,
  onClose,
}: {
  warehouseId: string;
  item: ReturnCase;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const [form] = Form.useForm<InspectValues>();
  const write = useWarehouseMutation(orgId, warehouseId, (values: InspectValues) =>
    inspectReturn(orgId, warehouseId, item.id, values.note ? values : { grade: values.grade }),
  );
  const submit = useSubmit(['grade', 'note'], onClose);
  return (
    <Modal
      open
      title={t('logistics.returns.inspectTitle', { reference: item.buyerReference, sku: item.sku })}
      okText={t('logistics.returns.inspect')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, ...({ 'data-testid': 'return-inspect-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<InspectValues>
        form={form}
        layout="vertical"
        onValuesChange={submit.clear}
        onFinish={(values) => void submit.run(form, () => write.mutateAsync(values))}
      >
        <Form.Item
          name="grade"
          label={t('logistics.returns.grade')}
          rules={[{ required: true, message: t('logistics.validation.required') }]}
        >
          <Select
            options={RETURN_GRADES.map((grade) => ({ value: grade, label: labels.grade(grade) }))}
            data-testid="return-grade"
          />
        </Form.Item>
        <Form.Item name="note" label={t('logistics.returns.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
      {submit.failure ? (
        <ErrorAlert error={submit.failure.error} fieldErrors={submit.failure.unmatched} />
      ) : null}
    </Modal>
  );
};

type DecideValues = { decision: ReturnDecision; customsReturnReference?: string; reference?: string };

const DecideModal = ({
  warehouseId,
  item,
  onClose,
}: {
  warehouseId: string;
  item: ReturnCase;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const labels = useLogisticsLabels();
  const [form] = Form.useForm<DecideValues>();
  const decision = Form.useWatch('decision', form);
  const write = useWarehouseMutation(orgId, warehouseId, (values: DecideValues) =>
    decideReturn(orgId, warehouseId, item.id, {
      decision: values.decision,
      ...(values.customsReturnReference
        ? { customsReturnReference: values.customsReturnReference.trim() }
        : {}),
      ...(values.reference ? { reference: values.reference.trim() } : {}),
    }),
  );
  const submit = useSubmit(['decision', 'customsReturnReference', 'reference'], onClose);
  return (
    <Modal
      open
      title={t('logistics.returns.decideTitle', { reference: item.buyerReference, sku: item.sku })}
      okText={t('logistics.returns.decide')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: write.isPending, ...({ 'data-testid': 'return-decide-submit' } as object) }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('logistics.returns.grade')}: {item.grade ? labels.grade(item.grade) : '–'}
      </Typography.Paragraph>
      <Form<DecideValues>
        form={form}
        layout="vertical"
        onValuesChange={submit.clear}
        onFinish={(values) => void submit.run(form, () => write.mutateAsync(values))}
      >
        <Form.Item
          name="decision"
          label={t('logistics.returns.decision')}
          rules={[{ required: true, message: t('logistics.validation.required') }]}
        >
          <Select
            options={allowedDecisions(item.grade).map((value) => ({ value, label: labels.decision(value) }))}
            data-testid="return-decision"
          />
        </Form.Item>
        {decision === 'return_to_china' ? (
          <Form.Item
            name="customsReturnReference"
            label={t('logistics.returns.customsReturnReference')}
            rules={[{ required: true, message: t('logistics.validation.required') }]}
          >
            <Input maxLength={100} data-testid="return-customs-reference" />
          </Form.Item>
        ) : null}
        <Form.Item name="reference" label={t('logistics.returns.decisionReference')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {submit.failure ? (
        <ErrorAlert error={submit.failure.error} fieldErrors={submit.failure.unmatched} />
      ) : null}
    </Modal>
  );
};
