import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown on pages only owners and admins may open, instead of a request that would answer 403. */
export const ForbiddenResult = () => {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('forbidden.title')}
      subTitle={t('forbidden.subtitle')}
      data-testid="forbidden"
    />
  );
};
