import { CheckOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customsKeys, decideInspection } from '../../api/customs.ts';
import { ErrorAlert } from '../error-alert.tsx';

type InspectionDecisionProps = { orgId: string; parcelId: string };

/**
 * For a customs officer on a parcel under inspection: release it (the declarant gets CEB622 800
 * and the tax bill) or refuse it (CEB622 100), with a note the timeline keeps.
 */
export const InspectionDecision = ({ orgId, parcelId }: InspectionDecisionProps) => {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (outcome: 'release' | 'refuse') => decideInspection(orgId, parcelId, outcome, note),
    onSuccess: () => client.invalidateQueries({ queryKey: customsKeys.all(orgId) }),
  });
  const ready = note.trim().length >= 2 && !decide.isPending;
  return (
    <Card title={t('customs.inspection.title')} className="block-gap" data-testid="customs-inspection">
      <Typography.Paragraph type="secondary">{t('customs.inspection.hint')}</Typography.Paragraph>
      <Input.TextArea
        value={note}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 4 }}
        placeholder={t('customs.inspection.note')}
        aria-label={t('customs.inspection.note')}
        onChange={(event) => setNote(event.target.value)}
        data-testid="customs-inspection-note"
      />
      <Space wrap className="block-gap">
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={!ready}
          loading={decide.isPending && decide.variables === 'release'}
          onClick={() => decide.mutate('release')}
          data-testid="customs-inspection-release"
        >
          {t('customs.inspection.release')}
        </Button>
        <Button
          danger
          icon={<StopOutlined />}
          disabled={!ready}
          loading={decide.isPending && decide.variables === 'refuse'}
          onClick={() => decide.mutate('refuse')}
          data-testid="customs-inspection-refuse"
        >
          {t('customs.inspection.refuse')}
        </Button>
      </Space>
      {decide.isError ? <ErrorAlert error={decide.error} /> : null}
    </Card>
  );
};
