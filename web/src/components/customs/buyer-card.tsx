import { EyeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BuyerIdentifiers, revealBuyer } from '../../api/customs.ts';
import { ErrorAlert } from '../error-alert.tsx';

type BuyerCardProps = {
  orgId: string;
  parcelId: string;
  /** As the server sent it: already masked. */
  masked: BuyerIdentifiers;
  /** Only a customs authority may reveal; others never see the button. */
  canReveal: boolean;
};

const REASON_MIN = 3;
const REASON_MAX = 500;

/**
 * The buyer's ID number, name and phone, masked; a customs officer can reveal them after giving a
 * reason (the server audits it). Revealed values live in this component only, never in the query
 * cache, so leaving the page forgets them.
 */
export const BuyerCard = ({ orgId, parcelId, masked, canReveal }: BuyerCardProps) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revealed, setRevealed] = useState<BuyerIdentifiers | null>(null);
  const shown = revealed ?? masked;
  const reasonValid = reason.trim().length >= REASON_MIN;

  const submit = async () => {
    setPending(true);
    setError(null);
    try {
      setRevealed(await revealBuyer(orgId, parcelId, reason));
      setOpen(false);
      setReason('');
    } catch (caught) {
      setError(caught);
    } finally {
      setPending(false);
    }
  };

  const value = (text: string | null, testId: string) => (
    <Typography.Text className="mono" data-testid={testId}>
      {text ?? '–'}
    </Typography.Text>
  );

  return (
    <Card
      title={t('customs.buyer.title')}
      data-testid="customs-buyer"
      extra={
        revealed !== null ? (
          <Tag color="red" data-testid="customs-buyer-revealed">
            {t('customs.buyer.revealed')}
          </Tag>
        ) : canReveal ? (
          <Button
            size="small"
            icon={<EyeOutlined />}
            onClick={() => setOpen(true)}
            data-testid="customs-buyer-reveal"
          >
            {t('customs.buyer.reveal')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('customs.buyer.idNumber')}>
          {value(shown.idNumber, 'customs-buyer-id')}
        </Descriptions.Item>
        <Descriptions.Item label={t('customs.buyer.name')}>
          {value(shown.name, 'customs-buyer-name')}
        </Descriptions.Item>
        <Descriptions.Item label={t('customs.buyer.telephone')}>
          {value(shown.telephone, 'customs-buyer-telephone')}
        </Descriptions.Item>
      </Descriptions>
      <Modal
        open={open}
        title={t('customs.buyer.revealTitle')}
        okText={t('customs.buyer.revealConfirm')}
        okButtonProps={{
          disabled: !reasonValid,
          loading: pending,
          danger: true,
          ...({ 'data-testid': 'customs-reveal-confirm' } as object),
        }}
        cancelText={t('common.cancel')}
        onOk={() => void submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('customs.buyer.revealWarning')}</Typography.Paragraph>
        {error !== null ? <ErrorAlert error={error} /> : null}
        <Form layout="vertical">
          <Form.Item
            label={t('customs.buyer.reason')}
            required
            help={reasonValid ? undefined : t('customs.buyer.reasonHelp')}
          >
            <Input.TextArea
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={REASON_MAX}
              showCount
              autoSize={{ minRows: 2, maxRows: 6 }}
              data-testid="customs-reveal-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
};
