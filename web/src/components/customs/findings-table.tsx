import { CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Alert, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Finding, fieldLabel, readFindings, sidesDisagree } from './findings.ts';
import { readRisk } from './tax-bill.ts';
import { useCustomsLabels } from './use-customs-labels.ts';

/** Each compared field beside its document and value; differing values stand out. */
const FindingSides = ({ finding }: { finding: Finding }) => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  if (finding.sides.length === 0) {
    return null;
  }
  const disagree = sidesDisagree(finding);
  return (
    <table className="customs-finding-sides">
      <tbody>
        {finding.sides.map((side) => (
          <tr
            // Two sides never name the same field of the same document and line.
            key={`${side.document ?? ''}-${side.field}-${side.gnum ?? ''}`}
            data-testid="customs-finding-side"
          >
            <th scope="row">{side.document === null ? '–' : labels.document(side.document)}</th>
            <td className="mono customs-finding-field">{fieldLabel(side, t('customs.findings.line'))}</td>
            <td
              className={disagree ? 'customs-finding-value customs-finding-differs' : 'customs-finding-value'}
            >
              {side.value === null ? (
                <Typography.Text type="secondary" italic>
                  {t('customs.findings.absent')}
                </Typography.Text>
              ) : (
                <span className="mono">{side.value}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
};

/**
 * The matching findings (or risk hits), rejecting ones first, each with every compared field beside
 * its document and value: a failed match shows which fields of which documents disagree, not just
 * that it failed. A list rather than a table, so the values stay in view on a phone.
 */
export const FindingsTable = ({
  detail,
  variant = 'matching',
}: {
  detail: unknown;
  variant?: 'matching' | 'risk';
}) => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  // Risk hits are read like findings but carry no severity: each one is a reason for inspection.
  const findings = variant === 'risk' ? readRisk(detail).hits : readFindings(detail);
  if (findings.length === 0) {
    return variant === 'risk' ? null : (
      <Typography.Text type="secondary" data-testid="customs-findings-none">
        {t('customs.findings.none')}
      </Typography.Text>
    );
  }
  const rejecting =
    variant === 'risk' ? 0 : findings.filter((finding) => finding.severity === 'reject').length;
  return (
    <>
      {rejecting > 0 ? (
        <Alert
          type="error"
          showIcon
          className="block-gap"
          title={t('customs.findings.failedSummary', { count: rejecting })}
          data-testid="customs-findings-failed"
        />
      ) : null}
      <List
        size="small"
        dataSource={findings.map((finding, index) => ({ key: `${finding.rule}-${index}`, finding }))}
        data-testid={variant === 'risk' ? 'customs-risk-hits' : 'customs-findings'}
        renderItem={({ key, finding }) => (
          <List.Item key={key} data-testid="customs-finding" data-rule={finding.rule}>
            <div className="customs-full-width">
              <div className="customs-finding-rule">
                {variant === 'risk' ? null : (
                  <Tag
                    color={finding.severity === 'reject' ? 'red' : 'gold'}
                    icon={finding.severity === 'reject' ? <CloseCircleFilled /> : <WarningFilled />}
                    data-testid="customs-finding-severity"
                    data-severity={finding.severity}
                  >
                    {labels.severity(finding.severity)}
                  </Tag>
                )}
                <Typography.Text strong>{labels.finding(finding.code, finding.message)}</Typography.Text>
                <Typography.Text type="secondary" className="mono">
                  {finding.rule}
                </Typography.Text>
              </div>
              <FindingSides finding={finding} />
            </div>
          </List.Item>
        )}
      />
    </>
  );
};
