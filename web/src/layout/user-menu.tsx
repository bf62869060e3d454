import { LogoutOutlined, PlusOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useLogout } from '../api/session.ts';
import type { User } from '../api/types.ts';

type UserMenuProps = { user: User; compact: boolean; onCreateOrganisation: () => void };

export const UserMenu = ({ user, compact, onCreateOrganisation }: UserMenuProps) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logout = useLogout();

  const signOut = () => {
    // Leave the workspace whatever the answer: an already expired session is signed out too.
    logout.mutate(undefined, {
      onSettled: () => {
        void navigate('/login', { replace: true });
        queryClient.clear();
      },
    });
  };

  const items: MenuProps['items'] = [
    {
      key: 'who',
      type: 'group',
      label: (
        <span className="user-menu-who">
          <span>{user.displayName}</span>
          <span className="user-menu-email">{user.email}</span>
        </span>
      ),
    },
    { type: 'divider' },
    {
      key: 'create-org',
      icon: <PlusOutlined />,
      label: <span data-testid="create-org">{t('header.createOrganisation')}</span>,
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') {
      signOut();
    } else if (key === 'create-org') {
      onCreateOrganisation();
    }
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        className="user-menu-trigger"
        data-testid="user-menu"
        aria-label={t('header.userMenu')}
      >
        <Avatar size="small" icon={<UserOutlined />} />
        {compact ? null : <span className="user-menu-name">{user.displayName}</span>}
      </Button>
    </Dropdown>
  );
};
