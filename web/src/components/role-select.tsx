import { Select } from 'antd';
import { ROLES, type Role } from '../api/types.ts';
import { useLabels } from '../i18n/labels.ts';

type RoleSelectProps = {
  value?: Role;
  onChange?: (role: Role) => void;
  testId: string;
  loading?: boolean;
  id?: string;
};

export const RoleSelect = ({ value, onChange, testId, loading, id }: RoleSelectProps) => {
  const labels = useLabels();
  return (
    <Select<Role>
      {...(id ? { id } : {})}
      {...(value ? { value } : {})}
      {...(onChange ? { onChange } : {})}
      loading={loading ?? false}
      data-testid={testId}
      className="role-select"
      popupMatchSelectWidth={false}
      options={ROLES.map((role) => ({ value: role, label: labels.role(role) }))}
    />
  );
};
