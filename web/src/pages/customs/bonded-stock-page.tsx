import { Alert, Button, Card, Descriptions, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type BondedBook,
  type BondedEntry,
  type BondedOverview,
  trimDecimal,
  useBondedLedger,
  useBondedOverview,
} from './bonded-api.ts';
import '../../components/customs/customs.css';

const parcelPath = (parcelId: string) => `/customs/parcels/${encodeURIComponent(parcelId)}`;

/** A decimal quantity by locale when whole (grouping), else exactly as stored, trimmed. */
const useQuantity = () => {
  const format = useFormat();
  return (value: string) => {
    const trimmed = trimDecimal(value);
    return /^-?\d+$/.test(trimmed) ? format.number(BigInt(trimmed)) : trimmed;
  };
};

const KIND_COLOURS: Record<BondedEntry['kind'], string> = {
  inbound: 'green',
  release: 'blue',
  cancel: 'orange',
  return: 'gold',
  refusal: 'red',
};

const Ledger = ({ orgId, bookId }: { orgId: string; bookId: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const quantity = useQuantity();
  const ledger = useBondedLedger(orgId, bookId);
  if (ledger.isError) {
    return <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} />;
  }
  return (
    <Table<BondedEntry>
      rowKey="id"
      size="small"
      loading={ledger.isPending}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
      dataSource={ledger.data?.items ?? []}
      data-testid="bonded-ledger"
      columns={[
        {
          key: 'at',
          title: t('customs.bonded.columns.at'),
          render: (_, entry) => <span className="nowrap">{format.dateTime(entry.at)}</span>,
        },
        {
          key: 'kind',
          title: t('customs.bonded.columns.kind'),
          render: (_, entry) => (
            <Tag color={KIND_COLOURS[entry.kind]}>{t(`customs.bonded.kinds.${entry.kind}`)}</Tag>
          ),
        },
        {
          key: 'item',
          title: t('customs.bonded.columns.itemRecordNo'),
          render: (_, entry) => <span className="mono nowrap">{entry.itemRecordNo}</span>,
        },
        {
          key: 'quantity',
          title: t('customs.bonded.columns.change'),
          className: 'customs-amount',
          render: (_, entry) => quantity(entry.quantity),
        },
        {
          key: 'order',
          title: t('customs.bonded.columns.orderNo'),
          render: (_, entry) =>
            entry.parcelId !== null && entry.orderNo !== null ? (
              <Link to={parcelPath(entry.parcelId)} className="nowrap">
                {entry.orderNo}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('customs.bonded.inboundEntry')}</Typography.Text>
            ),
        },
      ]}
    />
  );
};

const BookCard = ({ orgId, book }: { orgId: string; book: BondedBook }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const quantity = useQuantity();
  const [showLedger, setShowLedger] = useState(false);
  return (
    <Card
      className="block-gap"
      title={
        <span>
          {t('customs.bonded.book')} <span className="mono">{book.emsNo}</span>
        </span>
      }
      data-testid="bonded-book"
      data-ems-no={book.emsNo}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 3 }}
        items={[
          {
            key: 'area',
            label: t('customs.bonded.areaCode'),
            children: <span className="mono">{book.areaCode}</span>,
          },
          {
            key: 'ebc',
            label: t('customs.bonded.ebcCode'),
            children: <span className="mono">{book.ebcCode}</span>,
          },
          { key: 'since', label: t('customs.bonded.since'), children: format.date(book.createdAt) },
        ]}
      />
      <Typography.Title level={5}>{t('customs.bonded.stockByItem')}</Typography.Title>
      <Table
        rowKey="itemRecordNo"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={book.items}
        locale={{ emptyText: t('customs.bonded.noItems') }}
        data-testid="bonded-items"
        columns={[
          {
            key: 'item',
            title: t('customs.bonded.columns.itemRecordNo'),
            render: (_, item) => <span className="mono nowrap">{item.itemRecordNo}</span>,
          },
          {
            key: 'gcode',
            title: t('customs.bonded.columns.gcode'),
            render: (_, item) => <span className="mono">{item.gcode}</span>,
          },
          { key: 'gname', title: t('customs.bonded.columns.gname'), render: (_, item) => item.gname },
          {
            key: 'quantity',
            title: t('customs.bonded.columns.inStock'),
            className: 'customs-amount',
            render: (_, item) => (
              <span
                data-testid="bonded-quantity"
                data-item={item.itemRecordNo}
                data-value={trimDecimal(item.quantity)}
              >
                {quantity(item.quantity)}
              </span>
            ),
          },
          {
            key: 'released',
            title: t('customs.bonded.columns.released'),
            className: 'customs-amount',
            render: (_, item) => quantity(item.released),
          },
        ]}
      />
      <Typography.Title level={5} className="block-gap">
        {t('customs.bonded.inbounds')}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={book.inbounds}
        locale={{ emptyText: t('customs.bonded.noInbounds') }}
        columns={[
          {
            key: 'billNo',
            title: t('customs.bonded.columns.billNo'),
            render: (_, inbound) => <span className="mono nowrap">{inbound.billNo}</span>,
          },
          {
            key: 'state',
            title: t('customs.bonded.columns.state'),
            render: (_, inbound) => (
              <Tag color={inbound.state === 'confirmed' ? 'green' : 'default'}>
                {t(`customs.bonded.inboundStates.${inbound.state}`)}
              </Tag>
            ),
          },
          {
            key: 'declaredAt',
            title: t('customs.bonded.columns.declaredAt'),
            render: (_, inbound) => <span className="nowrap">{format.dateTime(inbound.declaredAt)}</span>,
          },
          {
            key: 'confirmedAt',
            title: t('customs.bonded.columns.confirmedAt'),
            render: (_, inbound) =>
              inbound.confirmedAt === null ? (
                '–'
              ) : (
                <span className="nowrap">{format.dateTime(inbound.confirmedAt)}</span>
              ),
          },
        ]}
      />
      <Flex className="block-gap">
        <Button onClick={() => setShowLedger((shown) => !shown)} data-testid="bonded-toggle-ledger">
          {showLedger ? t('customs.bonded.hideLedger') : t('customs.bonded.showLedger')}
        </Button>
      </Flex>
      {showLedger ? (
        <div className="block-gap">
          <Ledger orgId={orgId} bookId={book.id} />
        </div>
      ) : null}
    </Card>
  );
};

const PositiveListStatus = ({ status }: { status: BondedOverview['positiveList'] }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return status.source === 'illustrative_sample' ? (
    <Alert
      type="info"
      showIcon
      className="block-gap"
      title={t('customs.bonded.positiveList.sample', { lines: format.number(status.lines) })}
      data-testid="bonded-positive-list"
      data-source={status.source}
    />
  ) : (
    <Alert
      type="success"
      showIcon
      className="block-gap"
      title={t('customs.bonded.positiveList.imported', {
        lines: format.number(status.lines),
        at: format.dateTime(status.importedAt),
        file: status.fileName ?? '–',
      })}
      data-testid="bonded-positive-list"
      data-source={status.source}
    />
  );
};

export const BondedStockPage = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const overview = useBondedOverview(orgId);
  const data = overview.data;
  return (
    <div className="page">
      <PageHeader title={t('customs.bonded.title')} subtitle={t('customs.bonded.subtitle')} />
      {overview.isError && !data ? (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      ) : null}
      {overview.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : null}
      {data ? (
        <>
          <PositiveListStatus status={data.positiveList} />
          {data.books.length === 0 ? (
            <Card className="block-gap">
              <Empty description={t('customs.bonded.noBooks')} />
            </Card>
          ) : (
            data.books.map((book) => <BookCard key={book.id} orgId={orgId} book={book} />)
          )}
          <Card title={t('customs.bonded.refused')} className="block-gap" data-testid="bonded-refused">
            <Table
              rowKey="parcelId"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={data.refusedLists}
              locale={{ emptyText: t('customs.bonded.noRefused') }}
              columns={[
                {
                  key: 'orderNo',
                  title: t('customs.bonded.columns.orderNo'),
                  render: (_, row) => (
                    <Link to={parcelPath(row.parcelId)} className="nowrap">
                      {row.orderNo}
                    </Link>
                  ),
                },
                {
                  key: 'reason',
                  title: t('customs.bonded.columns.reason'),
                  render: (_, row) => t(`customs.bonded.refusals.${row.refusalCode.replace('customs.', '')}`),
                },
                {
                  key: 'at',
                  title: t('customs.bonded.columns.at'),
                  render: (_, row) => <span className="nowrap">{format.dateTime(row.at)}</span>,
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
};
