import { Card, Col, Progress, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TargetCard } from '../../pages/stats/stats-model.ts';
import type { StatsLabels } from './use-stats-labels.ts';

type TargetCardsProps = { cards: readonly TargetCard[]; labels: StatsLabels };

const MetTag = ({ met }: { met: boolean | null }) => {
  const { t } = useTranslation();
  if (met === null) {
    return <Tag data-testid="stats-target-state">{t('stats.targets.noData')}</Tag>;
  }
  return (
    <Tag color={met ? 'green' : 'orange'} data-testid="stats-target-state">
      {met ? t('stats.targets.met') : t('stats.targets.behind')}
    </Tag>
  );
};

/** One target: what it is, where the year stands, the bar toward it, and what is still needed. */
const TargetCardView = ({ card, labels }: { card: TargetCard; labels: StatsLabels }) => {
  const { t } = useTranslation();
  const title = t(`stats.targets.${card.key}.title`);
  if (card.key === 'digitalTrade') {
    const runRate = card.met
      ? t('stats.targets.digitalTrade.reached')
      : card.monthsLeft === 0
        ? t('stats.targets.digitalTrade.yearClosed')
        : t('stats.targets.digitalTrade.runRate', {
            amount: labels.compact(card.runRateNeededUsdMinor),
            months: card.monthsLeft,
          });
    return (
      <Card
        size="small"
        title={title}
        extra={<MetTag met={card.met} />}
        className="stats-target"
        data-testid="stats-target"
        data-target={card.key}
        data-met={String(card.met)}
      >
        <div
          className="stats-target-value"
          data-testid="stats-target-value"
          title={labels.amount(card.usdMinor)}
        >
          {labels.compact(card.usdMinor)}
        </div>
        <Typography.Text type="secondary" className="stats-target-line">
          {t('stats.targets.digitalTrade.target', { amount: labels.compact(card.targetUsdMinor) })}
        </Typography.Text>
        <Progress percent={card.percent ?? 0} size="small" status={card.met ? 'success' : 'normal'} />
        <Typography.Text className="stats-target-line" data-testid="stats-target-run-rate">
          {runRate}
        </Typography.Text>
        <Typography.Text type="secondary" className="stats-target-line">
          {t('stats.targets.digitalTrade.previous', { amount: labels.compact(card.previousYearUsdMinor) })}
        </Typography.Text>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      title={title}
      extra={<MetTag met={card.met} />}
      className="stats-target"
      data-testid="stats-target"
      data-target={card.key}
      data-met={String(card.met)}
    >
      <div className="stats-target-value" data-testid="stats-target-value">
        {card.value === null
          ? '—'
          : card.key === 'growth'
            ? labels.growth(card.value)
            : labels.percent(card.value)}
      </div>
      <Typography.Text type="secondary" className="stats-target-line">
        {t('stats.targets.atLeast', { target: labels.percent(card.target) })}
      </Typography.Text>
      <Progress
        percent={card.percent ?? 0}
        size="small"
        status={card.met ? 'success' : 'normal'}
        showInfo={card.percent !== null}
      />
      <Typography.Text type="secondary" className="stats-target-line">
        {t(`stats.targets.${card.key}.explain`)}
      </Typography.Text>
    </Card>
  );
};

/** The policy's four targets side by side (two by two on a tablet, one above another on a phone). */
export const TargetCards = ({ cards, labels }: TargetCardsProps) => (
  <Row gutter={[16, 16]} data-testid="stats-targets">
    {cards.map((card) => (
      <Col key={card.key} xs={24} sm={12} xl={6}>
        <TargetCardView card={card} labels={labels} />
      </Col>
    ))}
  </Row>
);
