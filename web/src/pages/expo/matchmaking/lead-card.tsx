import { CalendarOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { type Lead, type LeadStatus, useMarkLead } from '../../../api/expo-matchmaking.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { scoreColour } from './matchmaking-model.ts';
import { RequestMeetingModal } from './request-meeting-modal.tsx';
import { ScoreBreakdown } from './score-breakdown.tsx';

const STATUS_COLOUR: Record<LeadStatus, string> = { new: 'default', interested: 'green', declined: 'red' };

const priceRange = (lead: Lead) =>
  lead.product.priceMin && lead.product.priceMax
    ? `${lead.product.priceMin.amount}–${lead.product.priceMax.amount} ${lead.product.priceMax.currency}`
    : '—';

/**
 * One match (the buyer's view) or lead (the supplier's): the other party, the product and the
 * requirement, the score with its breakdown in plain words, the marks and "ask for a meeting".
 */
export const LeadCard = ({ lead, rank }: { lead: Lead; rank?: number }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const mark = useMarkLead(orgId);
  const [asking, setAsking] = useState(false);
  const zh = i18n.language === 'zh-CN';
  const mine = lead.side === 'buyer' ? lead.buyerStatus : lead.supplierStatus;
  const theirs = lead.side === 'buyer' ? lead.supplierStatus : lead.buyerStatus;
  const productName = zh ? lead.product.nameZh : lead.product.nameEn;
  const exhibitorName = zh ? lead.exhibitor.nameZh : lead.exhibitor.nameEn;
  const buyerName = zh ? lead.buyer.nameZh : lead.buyer.name;
  const counterpart = lead.side === 'buyer' ? exhibitorName : buyerName;

  const setMark = async (status: LeadStatus) => {
    try {
      await mark.mutateAsync({ leadId: lead.id, status });
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  return (
    <Card
      size="small"
      className="mm-lead"
      data-testid="mm-lead"
      data-lead-id={lead.id}
      data-score={lead.score}
      title={
        <Flex gap={8} align="center" wrap>
          {rank === undefined ? null : <span className="mm-rank">#{rank}</span>}
          <Tag color={scoreColour(lead.score)} className="mm-score" data-testid="mm-lead-score">
            {t('expoMatchmaking.score', { score: lead.score })}
          </Tag>
          <Typography.Text strong ellipsis>
            {lead.side === 'buyer' ? productName : lead.requirement.title}
          </Typography.Text>
        </Flex>
      }
      extra={
        <Tag color={STATUS_COLOUR[mine]} data-testid="mm-lead-status" data-status={mine}>
          {t(`expoMatchmaking.leadStatuses.${mine}`)}
        </Tag>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} className="mm-lead-facts">
        {lead.side === 'buyer' ? (
          <>
            <Descriptions.Item label={t('expoMatchmaking.lead.exhibitor')}>
              {exhibitorName} ({lead.exhibitor.country})
            </Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.fields.hsCode')}>
              {lead.product.hsCode}
            </Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.lead.price')}>{priceRange(lead)}</Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.lead.moq')}>
              {lead.product.moq}{' '}
              {t(`expoMatchmaking.units.${lead.product.moqUnit}`, { defaultValue: lead.product.moqUnit })}
            </Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label={t('expoMatchmaking.lead.buyer')}>{buyerName}</Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.lead.yourProduct')}>{productName}</Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.fields.quantity')}>
              {lead.requirement.quantity}{' '}
              {t(`expoMatchmaking.units.${lead.requirement.unit}`, { defaultValue: lead.requirement.unit })}
            </Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.fields.destinationCountry')}>
              {lead.requirement.destinationUnlocode ?? lead.requirement.destinationCountry}
            </Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.fields.targetAmount')}>
              {lead.requirement.targetPrice
                ? `${lead.requirement.targetPrice.amount} ${lead.requirement.targetPrice.currency}`
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('expoMatchmaking.fields.deadline')}>
              {format.date(lead.requirement.deadline)}
            </Descriptions.Item>
          </>
        )}
        <Descriptions.Item label={t('expoMatchmaking.lead.theirMark')}>
          <Tag color={STATUS_COLOUR[theirs]}>{t(`expoMatchmaking.leadStatuses.${theirs}`)}</Tag>
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        size="small"
        ghost
        items={[
          {
            key: 'why',
            label: t('expoMatchmaking.lead.why'),
            children: <ScoreBreakdown components={lead.components} testId="mm-lead-breakdown" />,
          },
        ]}
        data-testid="mm-lead-why"
      />
      <Space wrap className="mm-lead-actions">
        <Button
          size="small"
          icon={<CheckOutlined />}
          type={mine === 'interested' ? 'primary' : 'default'}
          loading={mark.isPending && mark.variables?.status === 'interested'}
          onClick={() => void setMark(mine === 'interested' ? 'new' : 'interested')}
          data-testid="mm-lead-interested"
        >
          {t('expoMatchmaking.lead.interested')}
        </Button>
        <Button
          size="small"
          danger={mine === 'declined'}
          icon={<CloseOutlined />}
          loading={mark.isPending && mark.variables?.status === 'declined'}
          onClick={() => void setMark(mine === 'declined' ? 'new' : 'declined')}
          data-testid="mm-lead-decline"
        >
          {t('expoMatchmaking.lead.decline')}
        </Button>
        <Button
          size="small"
          type="primary"
          ghost
          icon={<CalendarOutlined />}
          onClick={() => setAsking(true)}
          data-testid="mm-lead-meeting"
        >
          {t('expoMatchmaking.lead.askMeeting')}
        </Button>
      </Space>
      {asking ? (
        <RequestMeetingModal
          leadId={lead.id}
          counterpart={counterpart}
          onClose={() => setAsking(false)}
          onRequested={(meetingId) => {
            setAsking(false);
            void message.success(t('expoMatchmaking.meeting.requested'));
            navigate(`/expo/meetings/${encodeURIComponent(meetingId)}`);
          }}
        />
      ) : null}
    </Card>
  );
};
