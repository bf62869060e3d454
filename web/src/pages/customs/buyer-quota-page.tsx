import { WalletOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client.ts';
import { getBuyerOwnQuota } from '../../api/customs.ts';
import { useCustomsLabels } from '../../components/customs/use-customs-labels.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { Brand } from '../../layout/brand.tsx';
import '../../components/verify/verify.css';

type QuotaForm = { idNumber: string; name: string };

/** Share of the annual limit used, for the bar (display only: the figures stay decimal strings). */
const usedPercent = (used: string, limit: string): number => {
  const ratio = Number(used) / Number(limit);
  return Number.isFinite(ratio) ? Math.min(100, Math.max(0, Math.round(ratio * 1000) / 10)) : 0;
};

/**
 * The public quota query of a cross-border e-commerce buyer: with their ID number and name they
 * see how much of this year's CNY 26,000 they have used. Works without a session, like the customs
 * public query; nothing entered is kept in the page's address or storage.
 */
export const BuyerQuotaPage = () => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  const query = useMutation({
    mutationFn: (values: QuotaForm) => getBuyerOwnQuota(values.idNumber, values.name),
  });
  const notFound = query.isError && isApiError(query.error) && query.error.status === 404;
  return (
    <div className="verify-page" data-testid="buyer-quota-page">
      <header className="verify-header">
        <Link to="/buyer-quota" aria-label={t('customs.buyerQuota.title')}>
          <Brand />
        </Link>
        <div className="verify-header-actions">
          <LanguageSwitch compact />
        </div>
      </header>
      <main className="verify-main">
        <Typography.Title level={2}>
          <WalletOutlined /> {t('customs.buyerQuota.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('customs.buyerQuota.subtitle')}</Typography.Paragraph>
        <Card>
          <Form<QuotaForm> layout="vertical" onFinish={(values) => query.mutate(values)} autoComplete="off">
            <Form.Item
              name="idNumber"
              label={t('customs.buyerQuota.idNumber')}
              rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
            >
              <Input maxLength={18} inputMode="text" data-testid="buyer-quota-id" />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('customs.buyerQuota.name')}
              rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
            >
              <Input maxLength={60} data-testid="buyer-quota-name" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              loading={query.isPending}
              data-testid="buyer-quota-submit"
            >
              {t('customs.buyerQuota.submit')}
            </Button>
          </Form>
        </Card>
        {notFound ? (
          <Alert
            type="info"
            showIcon
            title={t('errors.customs.buyer_not_found')}
            data-testid="buyer-quota-none"
          />
        ) : query.isError ? (
          <ErrorAlert error={query.error} />
        ) : null}
        {query.data ? (
          <Card data-testid="buyer-quota-result">
            <Progress
              percent={usedPercent(query.data.used, query.data.limit)}
              aria-label={t('customs.buyerQuota.used')}
            />
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" className="block-gap">
              <Descriptions.Item label={t('customs.buyerQuota.year')}>{query.data.year}</Descriptions.Item>
              <Descriptions.Item label={t('customs.buyerQuota.idNumber')}>
                <span className="mono">{query.data.idNumber}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customs.buyerQuota.used')}>
                <span data-testid="buyer-quota-used">{labels.cny(query.data.used)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customs.buyerQuota.remaining')}>
                <span data-testid="buyer-quota-remaining">{labels.cny(query.data.remaining)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customs.buyerQuota.limit')}>
                {labels.cny(query.data.limit)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
      </main>
    </div>
  );
};
