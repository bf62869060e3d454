import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type NavGroup, type NavItem, OVERVIEW_ITEM } from './navigation.tsx';

type NavMenuProps = {
  groups: readonly NavGroup[];
  selected: string;
  theme: 'light' | 'dark';
  onNavigate?: () => void;
};

type MenuItems = NonNullable<MenuProps['items']>;

// Inside a Sider the menu follows the Sider's collapsed state on its own.
export const NavMenu = ({ groups, selected, theme, onNavigate }: NavMenuProps) => {
  const { t } = useTranslation();

  // Labels are router links so entries are real anchors (open in new tab, keyboard focus).
  const entry = (item: NavItem): MenuItems[number] => ({
    key: item.path,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={item.testId}>
        {t(item.labelKey)}
      </Link>
    ),
  });

  const items: MenuItems = [
    entry(OVERVIEW_ITEM),
    ...groups.map((group) => ({
      key: `group:${group.key}`,
      label: t(group.labelKey),
      type: 'group' as const,
      children: group.items.map(entry),
    })),
  ];

  return (
    <Menu
      mode="inline"
      theme={theme}
      selectedKeys={[selected]}
      items={items}
      {...(onNavigate ? { onClick: onNavigate } : {})}
      className="nav-menu"
      data-testid="nav-menu"
    />
  );
};
