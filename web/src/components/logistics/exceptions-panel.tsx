import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  EXCEPTION_STATES,
  type ExceptionState,
  type ShipmentException,
  useAcknowledgeException,
  useExceptions,
} from '../../api/logistics.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import { ErrorAlert } from '../error-alert.tsx';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import './logistics.css';

export const EXCEPTION_STATE_COLOUR: Record<ExceptionState, string> = {
  open: 'red',
  acknowledged: 'gold',
  resolved: 'green',
};

type ExceptionsPanelProps = {
  /** One shipment's exceptions, or (null) every shipment's the organisation sees. */
  shipmentId: string | null;
  initialState?: ExceptionState | null;
};

/** Delays and missing milestones, with acknowledge for the open ones. */
export const ExceptionsPanel = ({ shipmentId, initialState = null }: ExceptionsPanelProps) => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const common = useLabels();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const [state, setState] = useState<ExceptionState | null>(initialState);
  const list = useExceptions(orgId, { shipmentId, state });
  const acknowledge = useAcknowledgeException(orgId);

  const onAcknowledge = async (id: string) => {
    try {
      await acknowledge.mutateAsync(id);
      void message.success(t('logistics.exceptions.acknowledged'));
    } catch (error) {
      void message.error(common.errorMessage(error));
    }
  };

  const columns: TableColumnsType<ShipmentException> = [
    ...(shipmentId === null
      ? [
          {
            key: 'shipment',
            title: t('logistics.exceptions.columns.shipment'),
            render: (_: unknown, row: ShipmentException) => (
              <Link to={`/logistics/shipments/${encodeURIComponent(row.shipmentId)}`}>
                {row.shipmentReference}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'kind',
      title: t('logistics.exceptions.columns.kind'),
      render: (_, row) => (
        <Tag
          color={row.kind === 'delay' ? 'orange' : 'volcano'}
          data-testid="exception-kind"
          data-kind={row.kind}
        >
          {labels.exceptionKind(row.kind)}
        </Tag>
      ),
    },
    {
      key: 'where',
      title: t('logistics.exceptions.columns.milestone'),
      render: (_, row) =>
        t('logistics.exceptions.legMilestone', {
          number: row.legIndex + 1,
          milestone: labels.milestone(row.milestone),
        }),
    },
    {
      key: 'expected',
      title: t('logistics.exceptions.columns.expected'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.expectedAt)}</span>,
    },
    {
      key: 'observed',
      title: t('logistics.exceptions.columns.observed'),
      render: (_, row) => (
        <span className="nowrap">{row.observedAt ? format.dateTime(row.observedAt) : '–'}</span>
      ),
    },
    {
      key: 'delay',
      title: t('logistics.exceptions.columns.delay'),
      className: 'logistics-number',
      render: (_, row) => (row.delayMinutes === undefined ? '–' : labels.duration(row.delayMinutes)),
    },
    {
      key: 'state',
      title: t('logistics.exceptions.columns.state'),
      render: (_, row) => (
        <Tag color={EXCEPTION_STATE_COLOUR[row.state]} data-testid="exception-state" data-state={row.state}>
          {labels.exceptionState(row.state)}
        </Tag>
      ),
    },
    {
      key: 'raised',
      title: t('logistics.exceptions.columns.raised'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.raisedAt)}</span>,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, row) =>
        row.state === 'open' ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={acknowledge.isPending && acknowledge.variables === row.id}
            onClick={() => void onAcknowledge(row.id)}
            data-testid="exception-acknowledge"
          >
            {t('logistics.exceptions.acknowledge')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <Space wrap className="block-gap">
        <Select<ExceptionState>
          allowClear
          className="logistics-filter"
          placeholder={t('logistics.exceptions.allStates')}
          aria-label={t('logistics.exceptions.columns.state')}
          value={state}
          onChange={(value) => setState(value ?? null)}
          options={EXCEPTION_STATES.map((code) => ({ value: code, label: labels.exceptionState(code) }))}
          data-testid="exceptions-filter"
        />
      </Space>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table<ShipmentException>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('logistics.exceptions.empty') }}
        data-testid="exceptions-table"
      />
    </>
  );
};
