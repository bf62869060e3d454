import { BankOutlined } from '@ant-design/icons';
import { Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabels } from '../i18n/labels.ts';
import { useCurrentOrg } from '../session/current-org.tsx';

/** The current organisation; a selector when the user belongs to several (choice is remembered). */
export const OrgSwitcher = ({ compact }: { compact: boolean }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const { session, membership, switchOrganisation } = useCurrentOrg();
  if (!membership) {
    return null;
  }
  const roleTag = compact ? null : <Tag data-testid="current-role">{labels.role(membership.role)}</Tag>;

  if (session.memberships.length < 2) {
    return (
      <span className="org-switcher">
        {compact ? null : <BankOutlined />}
        <Typography.Text strong ellipsis data-testid="current-org" className="org-switcher-name">
          {labels.orgName(membership.organisation)}
        </Typography.Text>
        {roleTag}
      </span>
    );
  }

  return (
    <span className="org-switcher">
      <Select<string>
        aria-label={t('header.switchOrganisation')}
        data-testid="org-switch"
        className="org-switcher-select"
        value={membership.organisationId}
        onChange={switchOrganisation}
        popupMatchSelectWidth={false}
        prefix={compact ? undefined : <BankOutlined />}
        options={session.memberships.map((item) => ({
          value: item.organisationId,
          label: labels.orgName(item.organisation),
        }))}
      />
      {roleTag}
    </span>
  );
};
