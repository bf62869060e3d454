import { DeleteOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ProblemFieldError } from '../api/client.ts';
import {
  type InvitationCreate,
  useCreateInvitation,
  useInvitations,
  useRevokeInvitation,
} from '../api/invitations.ts';
import { useMembers, useRemoveMember, useUpdateMemberRole } from '../api/members.ts';
import type { Invitation, InvitationStatus, Member, Role } from '../api/types.ts';
import { CopyField } from '../components/copy-field.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ExportButtons } from '../components/export-buttons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { RoleSelect } from '../components/role-select.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { applyFieldErrors } from '../lib/form-errors.ts';
import type { ExportColumn } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';

const STATUS_COLOURS: Record<InvitationStatus, string> = {
  pending: 'processing',
  accepted: 'success',
  revoked: 'default',
  expired: 'warning',
};

export const OrgMembersPage = () => {
  const { t } = useTranslation();
  const { canManage } = useActiveOrg();
  return (
    <div className="page">
      <PageHeader title={t('members.title')} subtitle={t('members.subtitle')} />
      <MembersCard />
      {canManage ? <InvitationsCard /> : null}
    </div>
  );
};

const MembersCard = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId, canManage, session } = useActiveOrg();
  const members = useMembers(orgId);
  const updateRole = useUpdateMemberRole(orgId);
  const remove = useRemoveMember(orgId);
  const selfId = session.user.id;

  const changeRole = (member: Member, role: Role) => {
    updateRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => void message.success(t('members.roleChanged', { name: member.displayName })),
        onError: (error) => void message.error(labels.errorMessage(error)),
      },
    );
  };

  const removeMember = async (member: Member) => {
    try {
      await remove.mutateAsync(member.userId);
      if (member.userId === selfId) {
        void message.success(t('members.left'));
        void navigate('/');
      } else {
        void message.success(t('members.removed', { name: member.displayName }));
      }
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('fields.displayName'),
      render: (_, member) => (
        <span>
          {member.displayName}
          {member.userId === selfId ? <Tag className="self-tag">{t('members.you')}</Tag> : null}
        </span>
      ),
    },
    { key: 'email', title: t('fields.email'), dataIndex: 'email' },
    {
      key: 'role',
      title: t('fields.role'),
      render: (_, member) =>
        canManage ? (
          <RoleSelect
            value={member.role}
            onChange={(role) => changeRole(member, role)}
            loading={updateRole.isPending && updateRole.variables?.userId === member.userId}
            testId={`member-role-${member.userId}`}
          />
        ) : (
          <Tag>{labels.role(member.role)}</Tag>
        ),
    },
    {
      key: 'joinedAt',
      title: t('members.joinedAt'),
      render: (_, member) => format.dateTime(member.joinedAt),
    },
  ];

  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, member) =>
        member.userId === selfId ? (
          <Popconfirm
            title={t('members.leaveConfirm')}
            okText={t('members.leave')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => removeMember(member)}
          >
            <Button size="small" icon={<LogoutOutlined />} data-testid={`member-leave-${member.userId}`}>
              {t('members.leave')}
            </Button>
          </Popconfirm>
        ) : (
          <Popconfirm
            title={t('members.removeConfirm', { name: member.displayName })}
            okText={t('common.remove')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => removeMember(member)}
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              data-testid={`member-remove-${member.userId}`}
            >
              {t('common.remove')}
            </Button>
          </Popconfirm>
        ),
    });
  }

  // Exact values in exports: ISO 8601 times, role names in the UI language.
  const exportColumns: ExportColumn<Member>[] = [
    { header: t('fields.displayName'), value: (m) => m.displayName, width: 24 },
    { header: t('fields.email'), value: (m) => m.email, width: 36 },
    { header: t('fields.role'), value: (m) => labels.role(m.role), width: 12 },
    { header: t('members.joinedAt'), value: (m) => m.joinedAt, width: 26 },
  ];

  return (
    <Card
      title={t('members.membersTitle')}
      className="block-gap"
      extra={
        <ExportButtons
          rows={members.data?.items ?? []}
          columns={exportColumns}
          fileName="members"
          sheetName={t('members.membersTitle')}
          testIdPrefix="members"
        />
      }
    >
      {members.isError ? <ErrorAlert error={members.error} onRetry={() => void members.refetch()} /> : null}
      <Table<Member>
        rowKey="userId"
        size="middle"
        columns={columns}
        dataSource={members.data?.items ?? []}
        loading={members.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="members-table"
      />
    </Card>
  );
};

type InviteValues = { email: string; role: Role };

const InvitationsCard = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const invitations = useInvitations(orgId, true);
  const create = useCreateInvitation(orgId);
  const revoke = useRevokeInvitation(orgId);
  const [form] = Form.useForm<InviteValues>();
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const [acceptUrl, setAcceptUrl] = useState<string | null>(null);

  const invite = async (values: InviteValues) => {
    setUnmatched([]);
    const input: InvitationCreate = { email: values.email.trim(), role: values.role };
    try {
      const created = await create.mutateAsync(input);
      // The server may answer with a path; the person invited needs a full link.
      setAcceptUrl(new URL(created.acceptUrl, window.location.origin).toString());
      form.resetFields();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, ['email', 'role'], labels.fieldError));
    }
  };

  const revokeInvitation = async (invitation: Invitation) => {
    try {
      await revoke.mutateAsync(invitation.id);
      void message.success(t('members.invitationRevoked'));
    } catch (error) {
      void message.error(labels.errorMessage(error));
    }
  };

  const columns: TableColumnsType<Invitation> = [
    { key: 'email', title: t('fields.email'), dataIndex: 'email' },
    { key: 'role', title: t('fields.role'), render: (_, item) => labels.role(item.role) },
    {
      key: 'status',
      title: t('members.status'),
      render: (_, item) => (
        <Tag color={STATUS_COLOURS[item.status]} data-testid={`invitation-status-${item.id}`}>
          {labels.invitationStatus(item.status)}
        </Tag>
      ),
    },
    { key: 'createdAt', title: t('common.createdAt'), render: (_, item) => format.dateTime(item.createdAt) },
    { key: 'expiresAt', title: t('members.expiresAt'), render: (_, item) => format.dateTime(item.expiresAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_, item) =>
        item.status === 'pending' ? (
          <Popconfirm
            title={t('members.revokeInvitationConfirm', { email: item.email })}
            okText={t('common.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revokeInvitation(item)}
          >
            <Button size="small" danger data-testid={`invitation-revoke-${item.id}`}>
              {t('common.revoke')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Card title={t('members.invitationsTitle')} className="block-gap">
      <Form<InviteValues>
        form={form}
        layout="vertical"
        initialValues={{ role: 'member' }}
        onFinish={(values) => void invite(values)}
        data-testid="invite-form"
      >
        {create.isError ? <ErrorAlert error={create.error} fieldErrors={unmatched} /> : null}
        <Row gutter={16} align="bottom">
          <Col xs={24} md={12}>
            <Form.Item
              name="email"
              label={t('fields.email')}
              rules={[
                { required: true, message: t('fieldErrors.kernel.required') },
                { type: 'email', message: t('login.emailInvalid') },
              ]}
            >
              <Input data-testid="invite-email" inputMode="email" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="role" label={t('fields.role')} rules={[{ required: true }]}>
              <RoleSelect testId="invite-role" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<UserAddOutlined />}
                loading={create.isPending}
                block
                data-testid="invite-submit"
              >
                {t('members.invite')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>

      {invitations.isError ? (
        <ErrorAlert error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : null}
      <Table<Invitation>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={invitations.data?.items ?? []}
        loading={invitations.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="invitations-table"
      />

      <Modal
        open={acceptUrl !== null}
        title={t('members.inviteLinkTitle')}
        onCancel={() => setAcceptUrl(null)}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setAcceptUrl(null)} data-testid="invite-link-done">
            {t('common.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('members.inviteLinkOnce')} className="block-gap" />
        {acceptUrl ? (
          <CopyField value={acceptUrl} testId="invite-link" copyTestId="invite-link-copy" />
        ) : null}
      </Modal>
    </Card>
  );
};
