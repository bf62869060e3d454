import { Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MatchComponent } from '../../../api/expo-matchmaking.ts';
import { fitColour, reasonParams } from './matchmaking-model.ts';

/** A match's score, component by component, in plain words (the server sends codes and numbers). */
export const ScoreBreakdown = ({
  components,
  testId,
}: {
  components: readonly MatchComponent[];
  testId: string;
}) => {
  const { t } = useTranslation();
  // Unit codes (H87, KGM) read as words: "2,000 pieces", not "2000 H87".
  const withUnitNames = (params: Record<string, string | number>) => {
    const named = { ...params };
    for (const key of ['unit', 'moqUnit'] as const) {
      const code = named[key];
      if (typeof code === 'string') {
        named[key] = t(`expoMatchmaking.units.${code}`, { defaultValue: code });
      }
    }
    return named;
  };
  return (
    <ul className="mm-breakdown" data-testid={testId}>
      {components.map((part) => (
        <li key={part.key} className="mm-breakdown-row" data-component={part.key} data-reason={part.reason}>
          <div className="mm-breakdown-head">
            <Typography.Text strong>{t(`expoMatchmaking.components.${part.key}`)}</Typography.Text>
            <Tag color={fitColour(part.value)}>
              {t('expoMatchmaking.points', { points: part.points, weight: part.weight })}
            </Tag>
          </div>
          <Progress
            percent={Math.round(part.value * 100)}
            showInfo={false}
            size="small"
            strokeColor={part.value >= 0.8 ? '#52c41a' : part.value >= 0.45 ? '#faad14' : '#ff4d4f'}
          />
          <Typography.Text type="secondary">
            {t(`expoMatchmaking.reasons.${part.reason}`, withUnitNames(reasonParams(part)))}
          </Typography.Text>
        </li>
      ))}
    </ul>
  );
};
