import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Modal,
  Segmented,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { usePartners } from '../../api/orders.ts';
import {
  fetchTitleChain,
  RECORD_LIST_ROLES,
  type RecordListRole,
  type RecordStatus,
  type RecordView,
  type TitleAction,
  useRecord,
  useRecords,
  useTitleAction,
} from '../../api/transferable-records.ts';
import { safeFileStem } from '../../components/documents/files.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { downloadBlob } from '../../lib/table-export.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { actionTarget, NEEDS_TARGET, recordActions } from './record-actions.ts';
import '../../components/orders/orders.css';

const STATUS_COLOURS: Record<RecordStatus, string> = {
  active: 'processing',
  surrendered: 'orange',
  accomplished: 'success',
};

const useEblLabels = () => {
  const { t, i18n } = useTranslation();
  const has = (key: string) => typeof i18n.getResource(i18n.language, 'translation', key) === 'string';
  return {
    status: (status: RecordStatus) => (has(`ebl.status.${status}`) ? t(`ebl.status.${status}`) : status),
    action: (action: string) => (has(`ebl.actions.${action}`) ? t(`ebl.actions.${action}`) : action),
  };
};

const RecordStatusTag = ({ status }: { status: RecordStatus }) => {
  const labels = useEblLabels();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="ebl-status" data-status={status}>
      {labels.status(status)}
    </Tag>
  );
};

/**
 * Organisation names the page knows: the partner directory, plus the caller's own organisation
 * (the directory leaves it out, and it is a party of every record the caller sees).
 */
const useOrgNames = (orgId: string) => {
  const partners = usePartners(orgId, '');
  const { membership } = useActiveOrg();
  const common = useLabels();
  const { i18n } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const ownName = common.orgName(membership.organisation);
  return useMemo(() => {
    const names = new Map(
      (partners.data ?? []).map((p) => [p.organisationId, zh && p.nameZh ? p.nameZh : p.name]),
    );
    names.set(orgId, ownName);
    return (id: string | null, fallback?: string) => (id === null ? '–' : (names.get(id) ?? fallback ?? id));
  }, [partners.data, orgId, ownName, zh]);
};

export const EblListPage = () => {
  const { t } = useTranslation();
  const labels = useEblLabels();
  const { orgId } = useActiveOrg();
  const [params, setParams] = useSearchParams();
  const roleParam = params.get('role');
  const role: RecordListRole = (RECORD_LIST_ROLES as readonly string[]).includes(roleParam ?? '')
    ? (roleParam as RecordListRole)
    : 'holder';
  const list = useRecords(orgId, role);
  const nameOf = useOrgNames(orgId);

  return (
    <div className="page">
      <PageHeader title={t('ebl.title')} subtitle={t('ebl.subtitle')} />
      <Card>
        <Segmented<RecordListRole>
          className="block-gap"
          value={role}
          onChange={(value) => setParams({ role: value }, { replace: true })}
          options={RECORD_LIST_ROLES.map((value) => ({ value, label: t(`ebl.lists.${value}`) }))}
          data-testid="ebl-role"
        />
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<RecordView>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 25, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('ebl.empty') }}
          data-testid="ebl-table"
          columns={[
            {
              key: 'number',
              title: t('ebl.columns.documentNumber'),
              render: (_, record) => (
                <Link to={`/ebl/${encodeURIComponent(record.id)}`} data-testid="ebl-link" className="nowrap">
                  {record.documentNumber}
                </Link>
              ),
            },
            {
              key: 'status',
              title: t('ebl.columns.status'),
              render: (_, record) => <RecordStatusTag status={record.status} />,
            },
            {
              key: 'holder',
              title: t('ebl.columns.holder'),
              render: (_, record) => nameOf(record.holderOrganisationId, record.holderName),
            },
            {
              key: 'issuer',
              title: t('ebl.columns.issuer'),
              render: (_, record) => nameOf(record.issuerOrganisationId),
            },
            {
              key: 'last',
              title: t('ebl.columns.lastAction'),
              render: (_, record) => {
                const last = record.actions[record.actions.length - 1];
                return last ? labels.action(last.action) : '–';
              },
            },
          ]}
        />
      </Card>
    </div>
  );
};

export const EblDetailPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { recordId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const record = useRecord(orgId, recordId);
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/ebl')} data-testid="ebl-back">
      {t('ebl.back')}
    </Button>
  );
  if (record.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('ebl.detailTitle')} extra={back} />
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (record.isError) {
    return (
      <div className="page">
        <PageHeader title={t('ebl.detailTitle')} extra={back} />
        <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />
      </div>
    );
  }
  return <RecordDetail record={record.data} back={back} />;
};

const RecordDetail = ({ record, back }: { record: RecordView; back: ReactNode }) => {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const labels = useEblLabels();
  const common = useLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const nameOf = useOrgNames(orgId);
  const [pending, setPending] = useState<TitleAction | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const [failure, setFailure] = useState<unknown>(null);
  const act = useTitleAction(orgId, record.id);
  const actions = recordActions(record, orgId);

  const open = (action: TitleAction) => {
    setTarget(null);
    setFailure(null);
    setPending(action);
  };

  const confirm = async () => {
    if (!pending) {
      return;
    }
    const to = actionTarget(pending, record, target);
    try {
      await act.mutateAsync({
        action: pending,
        expectedHead: record.headHash,
        ...(to ? { toOrganisationId: to } : {}),
      });
      void message.success(t('ebl.done', { action: labels.action(pending) }));
      setPending(null);
    } catch (error) {
      // A 409 means another action extended the chain first: the reloaded record shows it.
      setFailure(error);
    }
  };

  const downloadChain = async () => {
    try {
      downloadBlob(
        await fetchTitleChain(orgId, record.id),
        `${safeFileStem(record.documentNumber)}.title-chain.json`,
      );
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const needsTarget = pending !== null && NEEDS_TARGET.includes(pending);

  return (
    <div className="page">
      <PageHeader
        title={
          <Space wrap>
            <span data-testid="ebl-number">{record.documentNumber}</span>
            <RecordStatusTag status={record.status} />
          </Space>
        }
        subtitle={t('ebl.detailTitle')}
        extra={back}
      />
      <Card className="orders-section">
        <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
          <Descriptions.Item label={t('ebl.columns.holder')}>
            <span data-testid="ebl-holder">{nameOf(record.holderOrganisationId, record.holderName)}</span>
            {record.holderOrganisationId === orgId ? (
              <Tag className="block-gap" color="blue">
                {t('ebl.you')}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('ebl.columns.issuer')}>
            {nameOf(record.issuerOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ebl.endorsee')}>
            {nameOf(record.endorseeOrganisationId)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ebl.head')}>
            <Typography.Text className="mono orders-breakable" copyable>
              {record.headHash}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <div className="orders-actions" style={{ marginTop: 16 }}>
          {actions.map((action) => (
            <Button
              key={action}
              type={action === 'accept_surrender' || action === 'transfer_holder' ? 'primary' : 'default'}
              danger={action === 'reject_surrender'}
              onClick={() => open(action)}
              data-testid={`ebl-action-${action}`}
            >
              {labels.action(action)}
            </Button>
          ))}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => void downloadChain()}
            data-testid="ebl-download-chain"
          >
            {t('ebl.downloadChain')}
          </Button>
        </div>
        {actions.length === 0 ? (
          <Typography.Text type="secondary" data-testid="ebl-not-holder">
            {record.status === 'accomplished' ? t('ebl.closed') : t('ebl.notHolder')}
          </Typography.Text>
        ) : null}
      </Card>
      <Card title={t('ebl.chain')} className="orders-section">
        {record.actions.length === 0 ? (
          <Empty />
        ) : (
          <Timeline
            data-testid="ebl-chain"
            items={record.actions.map((item) => ({
              key: String(item.seq),
              color: item.action.includes('reject')
                ? 'red'
                : item.action.includes('accept')
                  ? 'green'
                  : 'blue',
              content: (
                <div data-testid="ebl-chain-row" data-action={item.action}>
                  <Typography.Text strong>
                    {item.seq}. {labels.action(item.action)}
                  </Typography.Text>{' '}
                  <Tag className="mono">{item.pintCode}</Tag>
                  <div>
                    {item.toOrganisationId
                      ? t('ebl.fromTo', {
                          from: nameOf(item.byOrganisationId),
                          to: nameOf(item.toOrganisationId),
                        })
                      : nameOf(item.byOrganisationId)}
                  </div>
                  <Typography.Text type="secondary">{format.dateTime(item.at)}</Typography.Text>
                  <div>
                    {t('ebl.logIndex')}:{' '}
                    {item.logIndex === null ? (
                      t('ebl.pending')
                    ) : (
                      <Link to={`/log?entry=${item.logIndex}`} className="mono">
                        {item.logIndex}
                      </Link>
                    )}
                  </div>
                  <Typography.Text type="secondary" className="mono orders-breakable">
                    {item.entryHash}
                  </Typography.Text>
                </div>
              ),
            }))}
          />
        )}
      </Card>

      <Modal
        open={pending !== null}
        title={pending ? t('ebl.confirmTitle', { action: labels.action(pending) }) : ''}
        okText={pending ? labels.action(pending) : ''}
        okButtonProps={{
          danger: pending === 'reject_surrender',
          disabled: needsTarget && !target,
          loading: act.isPending,
          ...({ 'data-testid': 'ebl-action-confirm' } as object),
        }}
        cancelText={t('common.cancel')}
        onOk={() => void confirm()}
        onCancel={() => setPending(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>{pending ? t(`ebl.confirm.${pending}`) : ''}</Typography.Paragraph>
        {needsTarget ? (
          <Select
            style={{ width: '100%' }}
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={target}
            onChange={setTarget}
            placeholder={t('ebl.pickTarget')}
            loading={partners.isFetching}
            options={(partners.data ?? [])
              .filter((p) => p.organisationId !== orgId)
              .map((p) => ({
                value: p.organisationId,
                label: `${i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
              }))}
            data-testid="ebl-target"
          />
        ) : null}
        {failure ? <ErrorAlert error={failure} testId="ebl-action-error" /> : null}
      </Modal>
    </div>
  );
};
