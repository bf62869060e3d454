import { ArrowRightOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useCountries } from '../api/codes.ts';
import { useMeta } from '../api/meta.ts';
import { useLabels } from '../i18n/labels.ts';
import { MODULE_NAV, navItemVisible } from '../layout/navigation.tsx';
import { useActiveOrg } from '../session/current-org.tsx';

export const OverviewPage = () => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const { session, membership, canManage } = useActiveOrg();
  const meta = useMeta();
  const countries = useCountries();
  const org = membership.organisation;

  const country = countries.data?.items.find((item) => item.alpha2 === org.country);
  const countryName = country ? (i18n.language === 'zh-CN' ? country.nameZh : country.nameEn) : org.country;

  const links = (meta.data?.modules ?? [])
    .flatMap((module) => MODULE_NAV[module.id]?.items ?? [])
    .filter((item) => navItemVisible(item, canManage, org.kind));

  return (
    <div className="page">
      <Card className="welcome-card" data-testid="welcome-card">
        <Typography.Text type="secondary">
          {t('overview.welcome', { name: session.user.displayName })}
        </Typography.Text>
        <Typography.Title level={3} className="welcome-org" data-testid="welcome-org-name">
          {labels.orgName(org)}
        </Typography.Title>
        {org.nameZh && org.nameEn ? (
          <Typography.Text type="secondary" className="welcome-org-alt">
            {i18n.language === 'zh-CN' ? org.nameEn : org.nameZh}
          </Typography.Text>
        ) : null}
        <Descriptions
          className="welcome-details"
          size="small"
          column={{ xs: 1, sm: 3 }}
          items={[
            {
              key: 'kind',
              label: t('fields.kind'),
              children: (
                <Tag color="blue" data-testid="welcome-kind">
                  {labels.kind(org.kind)}
                </Tag>
              ),
            },
            {
              key: 'role',
              label: t('fields.role'),
              children: (
                <Tag color="gold" data-testid="welcome-role">
                  {labels.role(membership.role)}
                </Tag>
              ),
            },
            { key: 'country', label: t('fields.country'), children: countryName },
          ]}
        />
      </Card>

      <Typography.Title level={4} className="section-title">
        {t('overview.quickLinks')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((item) => (
          <Col key={item.path} xs={24} sm={12} xl={6}>
            <QuickLink
              to={item.path}
              icon={item.icon}
              title={t(item.labelKey)}
              description={t(item.descriptionKey)}
              testId={`quick-link-${item.testId.replace(/^nav-/, '')}`}
            />
          </Col>
        ))}
      </Row>
    </div>
  );
};

type QuickLinkProps = { to: string; icon: ReactNode; title: string; description: string; testId: string };

const QuickLink = ({ to, icon, title, description, testId }: QuickLinkProps) => (
  <Link to={to} data-testid={testId} className="quick-link">
    <Card hoverable size="small" className="quick-link-card">
      <div className="quick-link-head">
        <span className="quick-link-icon">{icon}</span>
        <Typography.Text strong>{title}</Typography.Text>
        <ArrowRightOutlined className="quick-link-arrow" />
      </div>
      <Typography.Paragraph type="secondary" className="quick-link-description">
        {description}
      </Typography.Paragraph>
    </Card>
  </Link>
);
