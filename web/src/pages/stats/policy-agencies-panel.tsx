import { Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { applyFieldErrors } from '../../lib/form-errors.ts';
import type { ExportColumn } from '../../lib/table-export.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type AgencyCatalogueItem,
  useCreateProgramme,
  useMapAgency,
  usePolicyAgencies,
} from './policy-api.ts';
import { agencyName, langOf } from './policy-model.ts';

/**
 * The policy's agencies, the measures each leads or shares, and the hub organisation standing for
 * each in the caller's programme; the office sets the programme up and names the organisations.
 */
export const PolicyAgenciesPanel = () => {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { orgId, canManage } = useActiveOrg();
  const agencies = usePolicyAgencies(orgId);
  const createProgramme = useCreateProgramme(orgId);
  const [editing, setEditing] = useState<AgencyCatalogueItem | null>(null);
  const programme = agencies.data?.programme ?? null;
  const isOffice = programme?.isOffice === true && canManage;
  const rows = agencies.data?.items ?? [];
  const name = (item: AgencyCatalogueItem) =>
    item.organisationId === null
      ? ''
      : ((lang === 'zh' ? item.organisationNameZh : item.organisationName) ??
        item.organisationName ??
        item.organisationId);
  const columns: ExportColumn<AgencyCatalogueItem>[] = [
    { header: t('statsPolicy.agencies.code'), value: (a) => a.code, width: 28 },
    { header: t('statsPolicy.columns.agency'), value: (a) => agencyName(a, lang), width: 40 },
    { header: t('statsPolicy.agencies.leads'), value: (a) => a.leads.join(' '), width: 16 },
    { header: t('statsPolicy.agencies.shares'), value: (a) => a.coResponsible.join(' '), width: 24 },
    { header: t('statsPolicy.agencies.organisation'), value: name, width: 36 },
  ];
  return (
    <>
      {agencies.isError ? (
        <ErrorAlert error={agencies.error} onRetry={() => void agencies.refetch()} />
      ) : null}
      <Space wrap className="block-gap">
        {programme === null && canManage ? (
          <Button
            type="primary"
            loading={createProgramme.isPending}
            onClick={() => createProgramme.mutate(undefined)}
            data-testid="policy-create-programme"
          >
            {t('statsPolicy.agencies.createProgramme')}
          </Button>
        ) : null}
        <ExportButtons
          rows={rows}
          columns={columns}
          fileName="policy-agencies-catalogue"
          sheetName={t('statsPolicy.agencies.title')}
          testIdPrefix="policy-agency-catalogue"
        />
      </Space>
      {createProgramme.isError ? <ErrorAlert error={createProgramme.error} /> : null}
      <Table<AgencyCatalogueItem>
        size="small"
        rowKey="code"
        dataSource={rows}
        loading={agencies.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="policy-agency-catalogue"
        columns={[
          {
            title: t('statsPolicy.columns.agency'),
            key: 'agency',
            render: (_, a) => (
              <Space wrap size={[4, 4]}>
                <span>{agencyName(a, lang)}</span>
                {a.collective ? <Tag>{t('statsPolicy.agencies.collective')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('statsPolicy.agencies.leads'),
            key: 'leads',
            render: (_, a) => a.leads.join(', ') || '—',
          },
          {
            title: t('statsPolicy.agencies.shares'),
            key: 'shares',
            render: (_, a) => a.coResponsible.join(', ') || '—',
          },
          {
            title: t('statsPolicy.agencies.organisation'),
            key: 'organisation',
            render: (_, a) => (
              <Space wrap size={[4, 4]}>
                <span>{name(a) || '—'}</span>
                {isOffice && !a.collective ? (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => setEditing(a)}
                    data-testid={`policy-map-${a.code}`}
                  >
                    {t('statsPolicy.agencies.edit')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <MapAgencyModal agency={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
};

const MapAgencyModal = ({ agency, onClose }: { agency: AgencyCatalogueItem; onClose: () => void }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { orgId } = useActiveOrg();
  const map = useMapAgency(orgId);
  const [form] = Form.useForm<{ organisationId?: string }>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const save = async (organisationId: string | null) => {
    try {
      await map.mutateAsync({ agencyCode: agency.code, organisationId });
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, ['organisationId'], labels.fieldError));
    }
  };
  return (
    <Modal
      open
      title={agencyName(agency, langOf(i18n.language))}
      onCancel={onClose}
      footer={
        <Space wrap>
          {agency.organisationId === null ? null : (
            <Button danger onClick={() => void save(null)} loading={map.isPending}>
              {t('statsPolicy.agencies.unmap')}
            </Button>
          )}
          <Button
            type="primary"
            loading={map.isPending}
            onClick={() =>
              void form.validateFields().then((values) => save(values.organisationId?.trim() ?? ''))
            }
          >
            {t('statsPolicy.save')}
          </Button>
        </Space>
      }
      destroyOnHidden
    >
      {map.isError ? <ErrorAlert error={map.error} fieldErrors={unmatched} /> : null}
      <Form form={form} layout="vertical" initialValues={{ organisationId: agency.organisationId ?? '' }}>
        <Form.Item
          name="organisationId"
          label={t('statsPolicy.agencies.organisationId')}
          extra={t('statsPolicy.agencies.organisationIdHint')}
          rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
        >
          <Input placeholder="org_…" maxLength={64} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
