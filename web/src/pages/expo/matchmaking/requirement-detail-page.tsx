import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Flex, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import {
  type RequirementStatus,
  useChangeRequirement,
  useRequirementMatches,
} from '../../../api/expo-matchmaking.ts';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { ExportButtons } from '../../../components/export-buttons.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { LeadCard } from './lead-card.tsx';
import { REQUIREMENT_STATUS_COLOUR } from './requirements-page.tsx';
import './matchmaking.css';

/** One requirement of the buyer's and its ranked matches, each score explained. */
export const RequirementDetailPage = () => {
  const { t, i18n } = useTranslation();
  const { requirementId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const labels = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const matches = useRequirementMatches(orgId, requirementId);
  const change = useChangeRequirement(orgId, requirementId);
  const zh = i18n.language === 'zh-CN';

  if (matches.isError) {
    return (
      <div className="page">
        <ErrorAlert error={matches.error} onRetry={() => void matches.refetch()} />
      </div>
    );
  }
  if (matches.isPending) {
    return (
      <div className="page">
        <Skeleton active />
      </div>
    );
  }
  const { requirement, items } = matches.data;
  const setStatus = async (status: RequirementStatus) => {
    try {
      await change.mutateAsync({ version: requirement.version, status });
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  return (
    <div className="page" data-testid="mm-requirement-page" data-requirement-id={requirement.id}>
      <PageHeader
        title={requirement.title}
        subtitle={
          <Link to="/expo/requirements">
            <ArrowLeftOutlined /> {t('expoMatchmaking.requirements.title')}
          </Link>
        }
        extra={
          <Space wrap>
            <Tag color={REQUIREMENT_STATUS_COLOUR[requirement.status]} data-testid="mm-requirement-status">
              {t(`expoMatchmaking.statuses.${requirement.status}`)}
            </Tag>
            {requirement.status === 'open' ? (
              <>
                <Button
                  size="small"
                  onClick={() => void setStatus('fulfilled')}
                  data-testid="mm-requirement-fulfil"
                >
                  {t('expoMatchmaking.requirements.fulfil')}
                </Button>
                <Button
                  size="small"
                  onClick={() => void setStatus('closed')}
                  data-testid="mm-requirement-close"
                >
                  {t('expoMatchmaking.requirements.close')}
                </Button>
              </>
            ) : (
              <Button size="small" onClick={() => void setStatus('open')} data-testid="mm-requirement-reopen">
                {t('expoMatchmaking.requirements.reopen')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" className="block-gap">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('expoMatchmaking.fields.hsCode')}>
            {requirement.hsCode ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMatchmaking.fields.quantity')}>
            {requirement.quantity}{' '}
            {t(`expoMatchmaking.units.${requirement.unit}`, { defaultValue: requirement.unit })}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMatchmaking.fields.targetAmount')}>
            {requirement.targetPrice
              ? `${requirement.targetPrice.amount} ${requirement.targetPrice.currency}`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMatchmaking.fields.destinationCountry')}>
            {requirement.destinationUnlocode ?? requirement.destinationCountry}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMatchmaking.fields.certifications')}>
            {requirement.certifications.length === 0 ? '—' : requirement.certifications.join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('expoMatchmaking.fields.deadline')}>
            {format.date(requirement.deadline)}
          </Descriptions.Item>
        </Descriptions>
        {requirement.description ? (
          <Typography.Paragraph>{requirement.description}</Typography.Paragraph>
        ) : null}
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8} className="block-gap">
        <Typography.Title
          level={5}
          className="mm-section-title"
          data-testid="mm-matches-count"
          data-count={items.length}
        >
          {t('expoMatchmaking.matches.title', { count: items.length })}
        </Typography.Title>
        <ExportButtons
          rows={items}
          fileName="expo-matches"
          sheetName={t('expoMatchmaking.matches.sheet')}
          testIdPrefix="mm-matches"
          columns={[
            { header: t('expoMatchmaking.matches.rank'), value: (lead) => items.indexOf(lead) + 1, width: 6 },
            { header: t('expoMatchmaking.matches.score'), value: (lead) => lead.score, width: 8 },
            {
              header: t('expoMatchmaking.lead.product'),
              value: (lead) => (zh ? lead.product.nameZh : lead.product.nameEn),
              width: 36,
            },
            {
              header: t('expoMatchmaking.lead.exhibitor'),
              value: (lead) => (zh ? lead.exhibitor.nameZh : lead.exhibitor.nameEn),
              width: 30,
            },
            { header: t('expoMatchmaking.fields.hsCode'), value: (lead) => lead.product.hsCode, width: 10 },
            {
              header: t('expoMatchmaking.lead.priceMin'),
              value: (lead) => lead.product.priceMin?.amount ?? '',
              width: 12,
            },
            {
              header: t('expoMatchmaking.lead.priceMax'),
              value: (lead) => lead.product.priceMax?.amount ?? '',
              width: 12,
            },
            {
              header: t('expoMatchmaking.fields.targetCurrency'),
              value: (lead) => lead.product.priceMax?.currency ?? '',
              width: 8,
            },
            {
              header: t('expoMatchmaking.lead.moq'),
              value: (lead) => `${lead.product.moq} ${lead.product.moqUnit}`,
              width: 14,
            },
            { header: 'id', value: (lead) => lead.id, width: 30 },
          ]}
        />
      </Flex>
      {items.length === 0 ? (
        <Empty description={t('expoMatchmaking.matches.empty')} data-testid="mm-matches-empty" />
      ) : (
        <Flex vertical gap={12} data-testid="mm-matches">
          {items.map((lead, index) => (
            <LeadCard key={lead.id} lead={lead} rank={index + 1} />
          ))}
        </Flex>
      )}
    </div>
  );
};
