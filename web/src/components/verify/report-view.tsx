import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  MinusCircleFilled,
} from '@ant-design/icons';
import { Alert, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationReport } from '../../api/verify.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useDocumentLabels } from '../documents/use-document-labels.ts';
import {
  CHECK_ORDER,
  type CheckVerdict,
  credentialSummary,
  type OverallVerdict,
  reasonKey,
} from './report-model.ts';

const VERDICT_ICONS: Record<OverallVerdict, ReactNode> = {
  VALID: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  INVALID: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  ERROR: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
};

const CHECK_ICONS: Record<CheckVerdict, ReactNode> = {
  OK: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  INVALID: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  ERROR: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  SKIPPED: <MinusCircleFilled style={{ color: '#bfbfbf' }} />,
};

const CHECK_TAG_COLOURS: Record<CheckVerdict, string> = {
  OK: 'success',
  INVALID: 'error',
  ERROR: 'warning',
  SKIPPED: 'default',
};

/** The overall answer, first and largest: valid, not valid, or could not check. */
export const VerdictBanner = ({
  verdict,
  detail,
  fileName,
}: {
  verdict: OverallVerdict;
  /** Replaces the standard explanation (e.g. "the trust policy could not be loaded"). */
  detail?: string;
  fileName?: string | null;
}) => {
  const { t } = useTranslation();
  return (
    <Card
      className={`verify-verdict verify-verdict-${verdict}`}
      data-testid="verify-verdict"
      data-verdict={verdict}
      role="status"
      aria-live="polite"
    >
      <div className="verify-verdict-head">
        <span className="verify-verdict-icon">{VERDICT_ICONS[verdict]}</span>
        <div>
          <Typography.Title level={2} className="verify-verdict-title" data-testid="verify-verdict-title">
            {t(`verify.verdict.${verdict}.title`)}
          </Typography.Title>
          <Typography.Text>{detail ?? t(`verify.verdict.${verdict}.description`)}</Typography.Text>
          {fileName ? (
            <div>
              <Typography.Text type="secondary" className="verify-break">
                {t('verify.checkedFile', { name: fileName })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      </div>
    </Card>
  );
};

/** One row per check, in a fixed order, each with its verdict and an explanation of its reason. */
export const CheckList = ({ report }: { report: VerificationReport }) => {
  const { t, i18n } = useTranslation();
  const byName = new Map(report.checks.map((check) => [check.check, check]));
  // Checks the verifier may add later are shown too, after the known ones.
  const names = [
    ...CHECK_ORDER,
    ...report.checks.map((c) => c.check).filter((c) => !CHECK_ORDER.includes(c)),
  ];
  return (
    <Card title={t('verify.checksTitle')} data-testid="verify-checks">
      {names.map((name) => {
        const check = byName.get(name);
        if (!check) {
          return null;
        }
        const key = reasonKey(check.reason);
        const explanation = i18n.exists(key) ? t(key) : check.message;
        return (
          <div
            key={name}
            className="verify-check-row"
            data-testid={`verify-check-${name}`}
            data-verdict={check.verdict}
            data-reason={check.reason}
          >
            <span className="verify-check-icon">{CHECK_ICONS[check.verdict]}</span>
            <div className="verify-check-body">
              <div className="verify-check-title">
                <span>
                  {i18n.exists(`verify.checks.${name}.name`) ? t(`verify.checks.${name}.name`) : name}
                </span>
                <Tag color={CHECK_TAG_COLOURS[check.verdict]}>
                  {t(`verify.checkVerdict.${check.verdict}`)}
                </Tag>
              </div>
              <Typography.Text type="secondary">
                {i18n.exists(`verify.checks.${name}.description`)
                  ? t(`verify.checks.${name}.description`)
                  : ''}
              </Typography.Text>
              <div className="verify-break" title={check.message} data-testid={`verify-check-${name}-reason`}>
                {explanation}
              </div>
            </div>
          </div>
        );
      })}
    </Card>
  );
};

/** What the document says it is, from the credential itself (shown even when checks fail). */
export const DocumentSummary = ({
  report,
  credential,
}: {
  report: VerificationReport;
  credential: unknown;
}) => {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useDocumentLabels();
  const summary = credentialSummary(credential);
  const docHash = report.document?.docHash ?? null;
  return (
    <Card title={t('verify.document.title')} data-testid="verify-document">
      {report.verdict === 'VALID' ? null : (
        <Alert type="warning" showIcon className="block-gap" title={t('verify.document.unconfirmed')} />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('verify.document.type')}>
          {summary.documentType ? labels.type(summary.documentType) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.document.number')}>
          <span className="verify-break" data-testid="verify-document-number">
            {summary.documentNumber ?? '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.document.issuer')}>
          <Flex vertical>
            <span className="verify-break">{summary.issuerName ?? '—'}</span>
            {summary.issuerId ? (
              <Typography.Text type="secondary" className="verify-break mono">
                {summary.issuerId}
              </Typography.Text>
            ) : null}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.document.issuedAt')}>
          {summary.validFrom ? format.dateTime(summary.validFrom) : '—'}
        </Descriptions.Item>
        {summary.validUntil ? (
          <Descriptions.Item label={t('verify.document.validUntil')}>
            {format.dateTime(summary.validUntil)}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('verify.document.id')}>
          <span className="verify-break mono">{summary.id ?? '—'}</span>
        </Descriptions.Item>
        {docHash ? (
          <Descriptions.Item label={t('verify.document.docHash')}>
            <Typography.Text code copyable={{ text: docHash }} className="verify-break">
              {docHash}
            </Typography.Text>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
};

/** Where the document is recorded: log, position, tree, witnesses and when they cosigned. */
export const LogDetails = ({ report }: { report: VerificationReport }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const log = report.log;
  if (!log) {
    return null;
  }
  return (
    <Card title={t('verify.log.title')} data-testid="verify-log">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('verify.log.origin')}>
          <span className="verify-break">{log.origin}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('verify.log.index')}>{format.number(log.index)}</Descriptions.Item>
        <Descriptions.Item label={t('verify.log.treeSize')}>{format.number(log.treeSize)}</Descriptions.Item>
        <Descriptions.Item label={t('verify.log.witnesses')}>
          {log.cosignatures.length === 0 ? (
            <Typography.Text type="secondary">{t('verify.log.noWitnesses')}</Typography.Text>
          ) : (
            <Flex vertical gap={4} data-testid="verify-log-witnesses">
              {log.cosignatures.map((cosignature) => (
                <span key={`${cosignature.name}:${cosignature.timestamp}`} className="verify-break">
                  {t('verify.log.cosignedBy', {
                    name: cosignature.name,
                    at: format.dateTime(new Date(cosignature.timestamp * 1000)),
                  })}
                </span>
              ))}
            </Flex>
          )}
        </Descriptions.Item>
        {report.status?.asOf.treeSize !== undefined ? (
          <Descriptions.Item label={t('verify.log.statusAsOf')}>
            {t('verify.log.statusAsOfValue', {
              size: format.number(report.status.asOf.treeSize),
              at: format.dateTime(report.status.asOf.statusListValidFrom ?? null) || '—',
            })}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </Card>
  );
};
