import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Segmented,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError, type ProblemFieldError } from '../api/client.ts';
import {
  type InvitationAccept,
  type InvitationPreview,
  useAcceptInvitation,
  useInvitationPreview,
} from '../api/invitations.ts';
import { queryKeys } from '../api/query-keys.ts';
import { useLogout, useMe } from '../api/session.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { useLabels } from '../i18n/labels.ts';
import { rememberLocale } from '../i18n/locale.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import { rememberOrganisation } from '../session/current-org.tsx';

type Mode = 'new' | 'existing';
type AcceptValues = { displayName?: string; password?: string; confirmPassword?: string };

/** Public page behind the link in an invitation: shows what is offered and joins the organisation. */
export const AcceptInvitationPage = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card invitation-card" variant="borderless" data-testid="invitation-card">
        <Typography.Title level={3}>{t('invitation.title')}</Typography.Title>
        {preview.isPending ? <Skeleton active /> : null}
        {preview.isError ? (
          <Result
            status="warning"
            title={t('invitation.invalid')}
            subTitle={
              // Other failures (server down, rate limited) are worth showing as they are.
              isApiError(preview.error) && preview.error.status === 404
                ? t('invitation.invalidHint')
                : labels.errorMessage(preview.error)
            }
            extra={
              <Button type="primary" onClick={() => void navigate('/login')}>
                {t('invitation.toLogin')}
              </Button>
            }
            data-testid="invitation-invalid"
          />
        ) : null}
        {preview.data ? <AcceptForm token={token} preview={preview.data} /> : null}
      </Card>
    </div>
  );
};

const AcceptForm = ({ token, preview }: { token: string; preview: InvitationPreview }) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const logout = useLogout();
  const accept = useAcceptInvitation();
  const [form] = Form.useForm<AcceptValues>();
  const [mode, setMode] = useState<Mode>('new');
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  const signedInEmail = me.data?.user.email ?? null;
  const signedInAsInvitee =
    signedInEmail !== null && signedInEmail.toLowerCase() === preview.email.toLowerCase();
  // An existing account accepts by signing in as the invited address; a new person registers here.
  // When the server says which case applies (hasAccount), the choice is not offered.
  const effectiveMode: Mode =
    preview.hasAccount === undefined ? mode : preview.hasAccount ? 'existing' : 'new';

  const submit = async (values: AcceptValues) => {
    setUnmatched([]);
    const input: InvitationAccept = { token };
    if (!signedInAsInvitee) {
      if (values.displayName) {
        input.displayName = values.displayName.trim();
      }
      if (values.password) {
        input.password = values.password;
      }
    }
    try {
      const session = await accept.mutateAsync(input);
      rememberOrganisation(preview.organisation.id);
      if (session.user.locale && session.user.locale !== i18n.language) {
        rememberLocale(session.user.locale);
        await i18n.changeLanguage(session.user.locale);
      }
      void navigate('/', { replace: true });
    } catch (error) {
      // The address has an account after all: offer signing in instead of registering.
      if (
        isApiError(error) &&
        (error.code === 'identity.email_taken' || error.code === 'identity.invitation_email_mismatch')
      ) {
        setMode('existing');
      }
      setUnmatched(applyFieldErrors(form, error, ['displayName', 'password'], labels.fieldError));
    }
  };

  const signOutOther = () =>
    logout.mutate(undefined, {
      // Forget the old session so the page asks for the invited account.
      onSettled: () => void queryClient.resetQueries({ queryKey: queryKeys.me }),
    });

  return (
    <>
      <Typography.Paragraph>
        {t('invitation.intro', {
          organisation: labels.orgName(preview.organisation),
          role: labels.role(preview.role),
        })}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        bordered
        className="block-gap"
        items={[
          {
            key: 'organisation',
            label: t('invitation.organisation'),
            children: <span data-testid="invitation-org">{labels.orgName(preview.organisation)}</span>,
          },
          {
            key: 'kind',
            label: t('fields.kind'),
            children: <Tag>{labels.kind(preview.organisation.kind)}</Tag>,
          },
          {
            key: 'email',
            label: t('fields.email'),
            children: <span data-testid="invitation-email">{preview.email}</span>,
          },
          {
            key: 'role',
            label: t('fields.role'),
            children: (
              <Tag color="gold" data-testid="invitation-role">
                {labels.role(preview.role)}
              </Tag>
            ),
          },
        ]}
      />

      {signedInEmail !== null && !signedInAsInvitee ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('invitation.otherAccount', { email: signedInEmail })}
          action={
            <Button size="small" loading={logout.isPending} onClick={signOutOther}>
              {t('header.logout')}
            </Button>
          }
        />
      ) : null}

      {accept.isError ? (
        <ErrorAlert error={accept.error} fieldErrors={unmatched} testId="invitation-error" />
      ) : null}

      {signedInAsInvitee ? (
        <>
          <Typography.Paragraph type="secondary">
            {t('invitation.signedInAs', { email: signedInEmail })}
          </Typography.Paragraph>
          <Button
            type="primary"
            block
            size="large"
            loading={accept.isPending}
            onClick={() => void submit({})}
            data-testid="invitation-accept"
          >
            {t('invitation.accept')}
          </Button>
        </>
      ) : (
        <>
          {preview.hasAccount === undefined ? (
            <Segmented<Mode>
              block
              className="block-gap"
              value={mode}
              onChange={setMode}
              data-testid="invitation-mode"
              options={[
                {
                  value: 'new',
                  label: <span data-testid="invitation-mode-new">{t('invitation.newAccount')}</span>,
                },
                {
                  value: 'existing',
                  label: (
                    <span data-testid="invitation-mode-existing">{t('invitation.existingAccount')}</span>
                  ),
                },
              ]}
            />
          ) : null}
          {effectiveMode === 'existing' ? (
            <>
              <Typography.Paragraph>
                {t('invitation.signInFirst', { email: preview.email })}
              </Typography.Paragraph>
              <Button
                type="primary"
                block
                size="large"
                onClick={() => void navigate(`/login?next=${encodeURIComponent(`/invitations/${token}`)}`)}
                data-testid="invitation-sign-in"
              >
                {t('invitation.signInToAccept')}
              </Button>
            </>
          ) : (
            <Form<AcceptValues>
              form={form}
              layout="vertical"
              onFinish={(values) => void submit(values)}
              requiredMark={false}
            >
              <Form.Item
                name="displayName"
                label={t('fields.displayName')}
                rules={[{ required: true, whitespace: true, message: t('fieldErrors.kernel.required') }]}
              >
                <Input autoComplete="name" maxLength={100} data-testid="invitation-display-name" />
              </Form.Item>
              <Form.Item
                name="password"
                label={t('invitation.choosePassword')}
                extra={t('invitation.passwordHint')}
                rules={[{ required: true, message: t('login.passwordRequired') }]}
              >
                <Input.Password autoComplete="new-password" data-testid="invitation-password" />
              </Form.Item>
              <Form.Item
                name="confirmPassword"
                label={t('invitation.confirmPassword')}
                dependencies={['password']}
                rules={[
                  { required: true, message: t('fieldErrors.kernel.required') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: unknown) => {
                      if (value && value !== getFieldValue('password')) {
                        throw new Error(t('invitation.passwordMismatch'));
                      }
                    },
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="invitation-confirm-password" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                block
                size="large"
                loading={accept.isPending}
                data-testid="invitation-accept"
              >
                {t('invitation.accept')}
              </Button>
            </Form>
          )}
        </>
      )}
    </>
  );
};
