import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { isUnauthenticated } from '../api/client.ts';
import { useMeta } from '../api/meta.ts';
import { useMe } from '../api/session.ts';
import type { Organisation } from '../api/types.ts';
import { CreateOrganisationModal } from '../components/create-organisation-modal.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { FullPageSpin } from '../components/full-page-spin.tsx';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { rememberLocale } from '../i18n/locale.ts';
import { readStored, STORAGE_KEYS, writeStored } from '../lib/storage.ts';
import { useIsNarrow } from '../lib/use-media-query.ts';
import { CurrentOrgProvider, canManageRole, useCurrentOrg } from '../session/current-org.tsx';
import { Brand } from './brand.tsx';
import { NavMenu } from './nav-menu.tsx';
import { buildNavigation, selectedNavPath } from './navigation.tsx';
import { OrgSwitcher } from './org-switcher.tsx';
import { UserMenu } from './user-menu.tsx';

/** Signed-in frame of every workspace page: loads the session, then renders the shell. */
export const WorkspaceLayout = () => {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const savedLocale = me.data?.user.locale ?? null;

  // The locale saved on the user's profile wins over this browser's choice.
  useEffect(() => {
    if (savedLocale && savedLocale !== i18n.language) {
      rememberLocale(savedLocale);
      void i18n.changeLanguage(savedLocale);
    }
  }, [savedLocale, i18n, i18n.language]);

  if (me.isPending) {
    return <FullPageSpin />;
  }
  if (me.isError) {
    if (isUnauthenticated(me.error)) {
      const next = `${location.pathname}${location.search}`;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('session.loadFailed')}
        extra={<ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
      />
    );
  }
  return (
    <CurrentOrgProvider session={me.data}>
      <WorkspaceShell />
    </CurrentOrgProvider>
  );
};

const WorkspaceShell = () => {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const narrow = useIsNarrow();
  const meta = useMeta();
  const { session, membership, switchOrganisation } = useCurrentOrg();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(() => readStored(STORAGE_KEYS.siderCollapsed) === '1');
  const [creating, setCreating] = useState(false);

  const canManage = membership ? canManageRole(membership.role) : false;
  const moduleIds = (meta.data?.modules ?? []).map((module) => module.id);
  const groups = membership ? buildNavigation(moduleIds, canManage, membership.organisation.kind) : [];
  const selected = selectedNavPath(location.pathname, groups);

  const onCollapse = (value: boolean) => {
    setCollapsed(value);
    writeStored(STORAGE_KEYS.siderCollapsed, value ? '1' : '0');
  };

  const onCreated = (organisation: Organisation) => {
    setCreating(false);
    switchOrganisation(organisation.id);
    void navigate('/');
  };

  return (
    <Layout className="workspace">
      {narrow ? null : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={onCollapse}
          width={232}
          className="workspace-sider"
          data-testid="sider"
        >
          <Brand collapsed={collapsed} dark />
          <NavMenu groups={groups} selected={selected} theme="dark" />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="workspace-header">
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('nav.open')}
              data-testid="nav-toggle"
            />
          ) : null}
          <div className="workspace-header-org">
            <OrgSwitcher compact={narrow} />
          </div>
          <div className="workspace-header-actions">
            <LanguageSwitch compact={narrow} />
            <UserMenu user={session.user} compact={narrow} onCreateOrganisation={() => setCreating(true)} />
          </div>
        </Layout.Header>
        <Layout.Content className="workspace-content">
          {meta.isError ? <ErrorAlert error={meta.error} onRetry={() => void meta.refetch()} /> : null}
          {membership ? <Outlet /> : <NoOrganisation onCreate={() => setCreating(true)} />}
        </Layout.Content>
        <Layout.Footer className="workspace-footer">
          <Typography.Text type="secondary">
            {t('app.footer', { version: meta.data?.version ?? '…' })}
          </Typography.Text>
        </Layout.Footer>
      </Layout>
      {narrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={264}
          title={<Brand />}
          className="nav-drawer"
          data-testid="nav-drawer"
        >
          {/* Closed on navigation: a drawer left open over the next page would hide it. */}
          <NavMenu
            groups={groups}
            selected={selected}
            theme="light"
            onNavigate={() => setDrawerOpen(false)}
          />
        </Drawer>
      ) : null}
      <CreateOrganisationModal open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
    </Layout>
  );
};

const NoOrganisation = ({ onCreate }: { onCreate: () => void }) => {
  const { t } = useTranslation();
  return (
    <Result
      status="info"
      title={t('noOrganisation.title')}
      subTitle={t('noOrganisation.subtitle')}
      data-testid="no-organisation"
      extra={
        <Button type="primary" onClick={onCreate} data-testid="no-organisation-create">
          {t('header.createOrganisation')}
        </Button>
      }
    />
  );
};
