import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FindingsTable } from './findings-table.tsx';
import { readRisk, readTaxBill, TAX_AMOUNTS, type TaxLine } from './tax-bill.ts';
import { useCustomsLabels } from './use-customs-labels.ts';

/** The tax bill: totals per tax type, each line when the server sends lines, and any other fields. */
export const TaxBillView = ({ tax }: { tax: unknown }) => {
  const { t } = useTranslation();
  const labels = useCustomsLabels();
  const bill = readTaxBill(tax);
  if (bill === null) {
    return <Typography.Text type="secondary">{t('customs.tax.none')}</Typography.Text>;
  }
  const present = TAX_AMOUNTS.filter((amount) => bill.amounts[amount] !== undefined);
  const lineAmounts = TAX_AMOUNTS.filter((amount) => bill.lines.some((line) => line[amount] !== undefined));
  return (
    <div data-testid="customs-tax">
      {bill.refusalCode !== null || bill.refusalMessage !== null ? (
        <Typography.Paragraph type="danger" data-testid="customs-tax-refusal">
          {bill.refusalCode !== null ? labels.refusal(bill.refusalCode) : bill.refusalMessage}
        </Typography.Paragraph>
      ) : null}
      <Descriptions size="small" column={1} bordered>
        {bill.decision !== null ? (
          <Descriptions.Item label={t('customs.tax.decision')}>
            <Tag data-decision={bill.decision}>{labels.taxDecision(bill.decision)}</Tag>
          </Descriptions.Item>
        ) : null}
        {present.map((amount) => (
          <Descriptions.Item key={amount} label={t(`customs.tax.amounts.${amount}`)}>
            <span
              className={amount === 'total' ? 'customs-amount customs-total' : 'customs-amount'}
              data-testid={`customs-tax-${amount}`}
            >
              {labels.cny(bill.amounts[amount] ?? null)}
            </span>
          </Descriptions.Item>
        ))}
        {bill.other.map((row) => (
          <Descriptions.Item key={row.key} label={<span className="mono">{row.key}</span>}>
            <span className="customs-breakable">{row.value}</span>
          </Descriptions.Item>
        ))}
      </Descriptions>
      {bill.lines.length > 0 ? (
        <Table<TaxLine>
          className="block-gap customs-tax-lines"
          rowKey={(line) => `${line.gnum}-${line.gcode}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={bill.lines}
          data-testid="customs-tax-lines"
          columns={[
            { key: 'gnum', title: t('customs.tax.gnum'), render: (_, line) => line.gnum },
            {
              key: 'gcode',
              title: t('customs.tax.gcode'),
              render: (_, line) => <span className="mono">{line.gcode}</span>,
            },
            ...lineAmounts.map((amount) => ({
              key: amount,
              title: t(`customs.tax.amounts.${amount}`),
              className: 'customs-amount',
              render: (_: unknown, line: TaxLine) => labels.cny(line[amount] ?? null),
            })),
          ]}
        />
      ) : null}
    </div>
  );
};

/** Whether the parcel was sent to inspection and why: each rule hit with its fields, or the random sample. */
export const RiskView = ({ risk }: { risk: unknown }) => {
  const { t } = useTranslation();
  const { inspect, sampled, hits } = readRisk(risk);
  if (inspect === null && hits.length === 0) {
    return <Typography.Text type="secondary">{t('customs.risk.notAssessed')}</Typography.Text>;
  }
  return (
    <div data-testid="customs-risk" data-inspect={inspect === true ? 'true' : 'false'}>
      <Space wrap className="block-gap">
        {inspect !== null ? (
          <Tag color={inspect ? 'orange' : 'green'}>
            {inspect ? t('customs.risk.inspect') : t('customs.risk.clear')}
          </Tag>
        ) : null}
        {sampled ? <Tag color="blue">{t('customs.risk.sampled')}</Tag> : null}
        {hits.length === 0 ? (
          <Typography.Text type="secondary">{t('customs.risk.noHits')}</Typography.Text>
        ) : null}
      </Space>
      <FindingsTable detail={risk} variant="risk" />
    </div>
  );
};
