import { Button, Card, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  type IpAgreement,
  type IpPledge,
  ipAgreementBundleUrl,
  useAcceptIpAgreement,
  useIpAgreements,
  useIpPledges,
  useReleaseIpPledge,
} from '../../../api/expo-ip.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { canAccept, nameIn, termsText, titleIn } from './ip-model.ts';

const AGREEMENT_COLOUR: Record<IpAgreement['status'], string> = {
  awaiting_acceptance: 'gold',
  accepted: 'green',
  issued: 'blue',
};

/** Agreement columns, shared by the agreements tab and the asset page. */
export const useAgreementColumns = (orgId: string): TableColumnsType<IpAgreement> => {
  const { t, i18n } = useTranslation();
  const accept = useAcceptIpAgreement(orgId);
  const lang = i18n.language;
  return [
    {
      key: 'asset',
      title: t('expoIp.fields.asset'),
      render: (_, g) => (
        <Link to={`/expo/ip/assets/${encodeURIComponent(g.assetId)}`}>
          {titleIn(lang, { titleZh: g.assetTitleZh, titleEn: g.assetTitleEn })}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('expoIp.fields.agreementKind'),
      render: (_, g) =>
        `${t(`expoIp.agreementKinds.${g.kind}`)}${g.exclusivity === null ? '' : ` · ${t(`expoIp.exclusivity.${g.exclusivity}`)}`}`,
    },
    {
      key: 'parties',
      title: t('expoIp.fields.counterparty'),
      render: (_, g) => nameIn(lang, g.myRole === 'grantor' ? g.counterparty : g.grantor),
    },
    {
      key: 'territory',
      title: t('expoIp.fields.territory'),
      render: (_, g) => (g.territory.length === 0 ? t('expoIp.worldwide') : g.territory.join(', ')),
      responsive: ['md'],
    },
    {
      key: 'royalty',
      title: t('expoIp.fields.royalty'),
      render: (_, g) => termsText(g.royalty, t('expoIp.royaltyKinds.none')),
      responsive: ['md'],
    },
    {
      key: 'term',
      title: t('expoIp.fields.term'),
      render: (_, g) => `${g.termStart} – ${g.termEnd ?? '…'}`,
      responsive: ['lg'],
    },
    {
      key: 'status',
      title: t('expoIp.fields.status'),
      render: (_, g) => (
        <Space size={4} wrap>
          <Tag color={AGREEMENT_COLOUR[g.status]} data-testid="ip-agreement-status" data-status={g.status}>
            {t(`expoIp.agreementStatuses.${g.status}`)}
          </Tag>
          {canAccept(g) ? (
            <Button
              size="small"
              type="primary"
              loading={accept.isPending}
              onClick={() => accept.mutate(g.id)}
              data-testid="ip-agreement-accept"
            >
              {t('expoIp.accept')}
            </Button>
          ) : null}
          <a href={ipAgreementBundleUrl(orgId, g.id)} target="_blank" rel="noreferrer">
            {t('expoIp.bundle')}
          </a>
        </Space>
      ),
    },
  ];
};

export const IpAgreementsTab = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const list = useIpAgreements(orgId);
  const columns = useAgreementColumns(orgId);
  const rows = list.data?.items ?? [];
  return (
    <Card
      extra={
        <ExportButtons
          rows={rows}
          fileName="ip-agreements"
          sheetName={t('expoIp.tabs.agreements')}
          testIdPrefix="ip-agreements"
          columns={[
            {
              header: t('expoIp.fields.asset'),
              value: (g) => titleIn(i18n.language, { titleZh: g.assetTitleZh, titleEn: g.assetTitleEn }),
              width: 30,
            },
            {
              header: t('expoIp.fields.agreementKind'),
              value: (g) => t(`expoIp.agreementKinds.${g.kind}`),
              width: 12,
            },
            { header: t('expoIp.fields.grantor'), value: (g) => nameIn(i18n.language, g.grantor), width: 30 },
            {
              header: t('expoIp.fields.counterparty'),
              value: (g) => nameIn(i18n.language, g.counterparty),
              width: 30,
            },
            { header: t('expoIp.fields.territory'), value: (g) => g.territory.join(' '), width: 16 },
            { header: t('expoIp.fields.royalty'), value: (g) => termsText(g.royalty, ''), width: 16 },
            {
              header: t('expoIp.fields.status'),
              value: (g) => t(`expoIp.agreementStatuses.${g.status}`),
              width: 14,
            },
            { header: 'documentId', value: (g) => g.documentId, width: 30 },
          ]}
        />
      }
    >
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<IpAgreement>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="ip-agreements-table"
      />
    </Card>
  );
};

/** Pledges the organisation registered, or (a bank) holds and may release. */
export const IpPledgesTab = () => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const list = useIpPledges(orgId);
  const release = useReleaseIpPledge(orgId);
  const lang = i18n.language;
  const columns: TableColumnsType<IpPledge> = [
    {
      key: 'asset',
      title: t('expoIp.fields.asset'),
      render: (_, p) => <Link to={`/expo/ip/assets/${encodeURIComponent(p.assetId)}`}>{p.assetId}</Link>,
    },
    { key: 'holder', title: t('expoIp.fields.holder'), render: (_, p) => nameIn(lang, p.holder) },
    { key: 'bank', title: t('expoIp.fields.bank'), render: (_, p) => nameIn(lang, p.bank) },
    {
      key: 'amount',
      title: t('expoIp.fields.securedAmount'),
      render: (_, p) =>
        p.securedAmount === null ? '—' : `${p.securedAmount.currency} ${p.securedAmount.amount}`,
    },
    {
      key: 'status',
      title: t('expoIp.fields.status'),
      render: (_, p) => (
        <Space size={4} wrap>
          <Tag color={p.status === 'active' ? 'gold' : 'default'}>
            {t(`expoIp.pledgeStatuses.${p.status}`)}
          </Tag>
          {p.myRole === 'bank' && p.status === 'active' ? (
            <Button
              size="small"
              loading={release.isPending}
              onClick={() => release.mutate(p.id)}
              data-testid="ip-pledge-release"
            >
              {t('expoIp.pledge.release')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Card>
      {list.error ? <ErrorAlert error={list.error} /> : null}
      {release.error ? <ErrorAlert error={release.error} /> : null}
      <Table<IpPledge>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="ip-pledges-table"
      />
    </Card>
  );
};
