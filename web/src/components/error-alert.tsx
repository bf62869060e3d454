import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError, type ProblemFieldError } from '../api/client.ts';
import { useLabels } from '../i18n/labels.ts';

type ErrorAlertProps = {
  error: unknown;
  /** Field errors that no form field displays (the field is not on the form). */
  fieldErrors?: readonly ProblemFieldError[];
  onRetry?: () => void;
  testId?: string;
};

/** A failed request, translated by its problem code, with the request id support will ask for. */
export const ErrorAlert = ({ error, fieldErrors, onRetry, testId }: ErrorAlertProps) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const requestId = isApiError(error) ? error.requestId : null;
  const extraErrors = fieldErrors ?? [];
  const hasDescription = requestId !== null || extraErrors.length > 0;
  return (
    <Alert
      type="error"
      showIcon
      className="block-gap"
      data-testid={testId ?? 'error-alert'}
      title={labels.errorMessage(error)}
      description={
        hasDescription ? (
          <>
            {extraErrors.length > 0 ? (
              <ul className="error-list">
                {extraErrors.map((item) => (
                  <li key={`${item.field}:${item.code}`}>
                    {item.field ? `${labels.field(item.field)}: ` : ''}
                    {labels.fieldError(item.code, item.message)}
                  </li>
                ))}
              </ul>
            ) : null}
            {requestId ? (
              <span className="request-id">{t('common.requestIdValue', { requestId })}</span>
            ) : null}
          </>
        ) : undefined
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
};
