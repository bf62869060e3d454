import { App, Button, Card, Col, Form, Input, Row, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import { CountrySelect } from '../../components/country-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  useDecideWarehouse,
  useFileWarehouse,
  useWarehouseFilings,
  type WarehouseFiling,
  type WarehouseFilingInput,
} from './export-api.ts';

// 9810 overseas-warehouse filing (海外仓备案): an exporter files its warehouse; a customs officer
// approves or returns it. A 9810 export list names the filing number in its note.

const FORM_FIELDS = ['name', 'country', 'address', 'areaM2', 'operator', 'proofDocumentId'] as const;
const stateColor = { filed: 'gold', approved: 'green', returned: 'red' } as const;

const FilingForm = ({ orgId }: { orgId: string }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<WarehouseFilingInput>();
  const file = useFileWarehouse(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const submit = async (values: WarehouseFilingInput) => {
    setUnmatched([]);
    try {
      const filed = await file.mutateAsync({
        name: values.name.trim(),
        country: values.country,
        address: values.address.trim(),
        areaM2: values.areaM2.trim(),
        operator: values.operator.trim(),
        proofDocumentId: values.proofDocumentId.trim(),
      });
      void message.success(t('customsExport.warehouses.filed', { filingNo: filed.filingNo }));
      form.resetFields();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, FORM_FIELDS, labels.fieldError));
    }
  };
  return (
    <Card
      title={t('customsExport.warehouses.fileTitle')}
      className="block-gap"
      data-testid="warehouse-file-form"
    >
      <Form<WarehouseFilingInput> form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        {file.isError ? <ErrorAlert error={file.error} fieldErrors={unmatched} /> : null}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('customsExport.warehouses.name')}
              rules={[{ required: true, max: 200 }]}
            >
              <Input data-testid="warehouse-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="country"
              label={t('customsExport.warehouses.country')}
              rules={[{ required: true }]}
            >
              <CountrySelect testId="warehouse-country" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="address"
              label={t('customsExport.warehouses.address')}
              rules={[{ required: true, max: 500 }]}
            >
              <Input data-testid="warehouse-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="areaM2"
              label={t('customsExport.warehouses.area')}
              rules={[
                {
                  required: true,
                  pattern: /^\d{1,10}(\.\d{1,2})?$/,
                  message: t('customsExport.warehouses.areaHint'),
                },
              ]}
            >
              <Input inputMode="decimal" data-testid="warehouse-area" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="operator"
              label={t('customsExport.warehouses.operator')}
              rules={[{ required: true, max: 200 }]}
            >
              <Input data-testid="warehouse-operator" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="proofDocumentId"
              label={t('customsExport.warehouses.proof')}
              rules={[{ required: true, max: 100 }]}
            >
              <Input data-testid="warehouse-proof" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="warehouse-submit">
          {t('customsExport.warehouses.submit')}
        </Button>
      </Form>
    </Card>
  );
};

export const ExportWarehousesPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const { orgId, membership } = useActiveOrg();
  const isCustoms = membership.organisation.kind === 'customs_authority';
  const filings = useWarehouseFilings(orgId);
  const decide = useDecideWarehouse(orgId);
  const columns: TableColumnsType<WarehouseFiling> = [
    {
      key: 'filingNo',
      title: t('customsExport.warehouses.filingNo'),
      render: (_, f) => <span className="mono nowrap">{f.filingNo}</span>,
    },
    { key: 'name', title: t('customsExport.warehouses.name'), render: (_, f) => f.name },
    { key: 'country', title: t('customsExport.warehouses.country'), render: (_, f) => f.country },
    { key: 'address', title: t('customsExport.warehouses.address'), render: (_, f) => f.address },
    {
      key: 'area',
      title: t('customsExport.warehouses.area'),
      className: 'customs-amount',
      render: (_, f) => format.number(Number(f.areaM2), { maximumFractionDigits: 2 }),
    },
    { key: 'operator', title: t('customsExport.warehouses.operator'), render: (_, f) => f.operator },
    {
      key: 'state',
      title: t('customsExport.warehouses.state'),
      render: (_, f) => (
        <Tag color={stateColor[f.state]} data-testid="warehouse-state" data-state={f.state}>
          {t(`customsExport.warehouses.states.${f.state}`)}
        </Tag>
      ),
    },
    {
      key: 'createdAt',
      title: t('customsExport.warehouses.filedAt'),
      render: (_, f) => <span className="nowrap">{format.dateTime(f.createdAt)}</span>,
    },
    ...(isCustoms
      ? [
          {
            key: 'decide',
            title: t('customsExport.warehouses.decision'),
            render: (_: unknown, f: WarehouseFiling) =>
              f.state === 'filed' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={decide.isPending}
                    data-testid="warehouse-approve"
                    onClick={() =>
                      decide.mutate({
                        filingId: f.id,
                        outcome: 'approve',
                        note: t('customsExport.warehouses.approvedNote'),
                      })
                    }
                  >
                    {t('customsExport.warehouses.approve')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    loading={decide.isPending}
                    data-testid="warehouse-return"
                    onClick={() =>
                      decide.mutate({
                        filingId: f.id,
                        outcome: 'return',
                        note: t('customsExport.warehouses.returnedNote'),
                      })
                    }
                  >
                    {t('customsExport.warehouses.return')}
                  </Button>
                </Space>
              ) : (
                (f.decisionNote ?? '–')
              ),
          },
        ]
      : []),
  ];
  return (
    <div className="page">
      <PageHeader
        title={t('customsExport.warehouses.title')}
        subtitle={t('customsExport.warehouses.subtitle')}
      />
      {isCustoms ? null : <FilingForm orgId={orgId} />}
      {decide.isError ? <ErrorAlert error={decide.error} /> : null}
      <Card
        title={t('customsExport.warehouses.listTitle')}
        className="block-gap"
        data-testid="warehouse-filings"
      >
        {filings.isError ? <ErrorAlert error={filings.error} onRetry={() => void filings.refetch()} /> : null}
        <Table<WarehouseFiling>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          loading={filings.isPending}
          dataSource={filings.data?.items ?? []}
          columns={columns}
          locale={{ emptyText: t('customsExport.warehouses.empty') }}
        />
      </Card>
    </div>
  );
};
