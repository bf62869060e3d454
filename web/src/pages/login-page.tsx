import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ProblemFieldError } from '../api/client.ts';
import { useLogin } from '../api/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useLabels } from '../i18n/labels.ts';
import { rememberLocale } from '../i18n/locale.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';

type LoginValues = { email: string; password: string };

/** Only paths inside this app are followed after sign-in (no open redirect to another site). */
const safeNextPath = (next: string | null): string =>
  next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';

export const LoginPage = () => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LoginValues>();
  const login = useLogin();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  const submit = async (values: LoginValues) => {
    setUnmatched([]);
    try {
      const session = await login.mutateAsync({ email: values.email.trim(), password: values.password });
      if (session.user.locale && session.user.locale !== i18n.language) {
        rememberLocale(session.user.locale);
        await i18n.changeLanguage(session.user.locale);
      }
      void navigate(safeNextPath(params.get('next')), { replace: true });
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, ['email', 'password'], labels.fieldError));
    }
  };

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <Typography.Title level={2} className="login-title" data-testid="product-name">
            {t('app.name')} <span className="login-title-product">{t('app.productName')}</span>
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </div>
        <Form<LoginValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => void submit(values)}
          data-testid="login-form"
        >
          {login.isError ? (
            <ErrorAlert error={login.error} fieldErrors={unmatched} testId="login-error" />
          ) : null}
          <Form.Item
            name="email"
            label={t('fields.email')}
            rules={[
              { required: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input
              prefix={<MailOutlined />}
              autoComplete="username"
              inputMode="email"
              autoFocus
              data-testid="login-email"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('fields.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="login-hint">
          {t('login.invitationHint')}
        </Typography.Paragraph>
        {/* The published Zhejiang Index is public: readable without signing in. */}
        <Typography.Paragraph className="login-hint">
          <Link to="/index" data-testid="login-zhejiang-index">
            {t('zjIndex.loginLink')}
          </Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
};
