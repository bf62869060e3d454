import {
  CheckCircleFilled,
  CloseCircleFilled,
  DownloadOutlined,
  QuestionCircleFilled,
  SearchOutlined,
} from '@ant-design/icons';
import { fromBase64, toBase64, verifyInclusion } from '@tradehub/verifier';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  InputNumber,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  type CheckpointSummary,
  tlogProofUrl,
  useCheckpoints,
  useInclusionProof,
  useLatestCheckpointNote,
  useLogEntry,
  useTrustPolicy,
} from '../api/log.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ExportButtons } from '../components/export-buttons.tsx';
import { PageHeader } from '../components/page-header.tsx';
import {
  type CheckpointInfo,
  describeCheckpoint,
  explorerPolicy,
  signatureLines,
} from '../components/verify/checkpoint-info.ts';
import { inclusionPath } from '../components/verify/inclusion-path.ts';
import { type DecodedLogEntry, decodeLogEntry, hex, isZeroHash } from '../components/verify/log-entry.ts';
import '../components/verify/verify.css';
import { useFormat } from '../i18n/use-format.ts';
import type { ExportColumn } from '../lib/table-export.ts';

type TFn = ReturnType<typeof useTranslation>['t'];

const Hash = ({ value, testId }: { value: string; testId?: string }) => (
  <Typography.Text code copyable={{ text: value }} className="verify-break" data-testid={testId}>
    {value}
  </Typography.Text>
);

const secondsToDate = (seconds: number): Date => new Date(seconds * 1000);

/** The latest checkpoint, parsed and checked against the hub's trust policy. */
const useLatestCheckpoint = () => {
  const note = useLatestCheckpointNote();
  const policy = useTrustPolicy();
  const info = useMemo<CheckpointInfo | null>(() => {
    if (note.data === undefined) {
      return null;
    }
    return describeCheckpoint(note.data, policy.data === undefined ? null : explorerPolicy(policy.data));
  }, [note.data, policy.data]);
  return { note, policy, info };
};

/** Transparency log explorer: the tree head, its witnesses, its history, and any entry with its proof. */
export const LogExplorerPage = () => {
  const { t } = useTranslation();
  const latest = useLatestCheckpoint();
  const [params, setParams] = useSearchParams();
  const entryParam = params.get('entry');
  const entryIndex = entryParam !== null && /^\d{1,15}$/.test(entryParam) ? Number(entryParam) : null;
  const size = latest.info?.ok ? latest.info.checkpoint.size : null;

  return (
    <div className="page">
      <PageHeader title={t('logExplorer.title')} subtitle={t('logExplorer.subtitle')} />
      <LatestCheckpointCard {...latest} />
      <EntryLookupCard
        index={entryIndex}
        treeSize={size}
        onLookup={(index) => setParams(index === null ? {} : { entry: String(index) })}
      />
      {entryIndex !== null ? <EntryCard index={entryIndex} latest={latest.info} /> : null}
      <CheckpointsCard />
    </div>
  );
};

const LogSignatureTag = ({ state }: { state: 'verified' | 'unknown_key' | 'invalid' | 'no_policy' }) => {
  const { t } = useTranslation();
  const colour = state === 'verified' ? 'success' : state === 'no_policy' ? 'default' : 'error';
  return (
    <Tag color={colour} data-testid="log-signature-state">
      {t(`logExplorer.signatureStates.${state}`)}
    </Tag>
  );
};

const LatestCheckpointCard = ({ note, policy, info }: ReturnType<typeof useLatestCheckpoint>) => {
  const { t } = useTranslation();
  const format = useFormat();
  const checkpoints = useCheckpoints();
  const latestRow = checkpoints.data?.pages[0]?.items[0];

  if (note.isError) {
    return (
      <Card title={t('logExplorer.latest.title')} className="block-gap">
        <ErrorAlert error={note.error} onRetry={() => void note.refetch()} />
      </Card>
    );
  }
  if (!info) {
    return (
      <Card title={t('logExplorer.latest.title')} className="block-gap">
        <Skeleton active />
      </Card>
    );
  }
  if (!info.ok) {
    return (
      <Card title={t('logExplorer.latest.title')} className="block-gap">
        <Alert type="error" showIcon title={t('logExplorer.latest.unreadable', { reason: info.reason })} />
      </Card>
    );
  }
  const { checkpoint } = info;
  return (
    <Card title={t('logExplorer.latest.title')} className="block-gap" data-testid="log-latest">
      {policy.isError ? (
        <Alert
          type="warning"
          showIcon
          className="block-gap"
          title={t('logExplorer.latest.policyUnavailable')}
        />
      ) : null}
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label={t('logExplorer.fields.origin')}>
          <span className="verify-break">{checkpoint.origin}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('logExplorer.fields.treeSize')}>
          <span data-testid="log-tree-size">{format.number(checkpoint.size)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('logExplorer.fields.rootHash')} span={{ xs: 1, md: 2 }}>
          <Hash value={toBase64(checkpoint.rootHash)} />
        </Descriptions.Item>
        <Descriptions.Item label={t('logExplorer.fields.signedAt')}>
          {latestRow && latestRow.size === checkpoint.size ? format.dateTime(latestRow.createdAt) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('logExplorer.fields.logSignature')}>
          <LogSignatureTag state={info.logSignature} />
        </Descriptions.Item>
        <Descriptions.Item label={t('logExplorer.fields.witnesses')} span={{ xs: 1, md: 2 }}>
          <WitnessList info={info} />
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
};

const WitnessList = ({ info }: { info: Extract<CheckpointInfo, { ok: true }> }) => {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Flex vertical gap={6} data-testid="log-witnesses">
      {info.witnesses.length === 0 ? (
        <Typography.Text type="secondary">{t('logExplorer.witnesses.none')}</Typography.Text>
      ) : (
        info.witnesses.map((witness) => (
          <Flex key={witness.line} wrap gap={8} align="center">
            {witness.state === 'verified' ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} />
            ) : witness.state === 'invalid' ? (
              <CloseCircleFilled style={{ color: '#ff4d4f' }} />
            ) : (
              <QuestionCircleFilled style={{ color: '#8c8c8c' }} />
            )}
            <Typography.Text strong className="verify-break">
              {witness.name}
            </Typography.Text>
            <Typography.Text type="secondary">
              {witness.timestamp === null
                ? ''
                : t('logExplorer.witnesses.cosignedAt', {
                    at: format.dateTime(secondsToDate(witness.timestamp)),
                  })}
            </Typography.Text>
            <Tag
              color={
                witness.state === 'verified' ? 'success' : witness.state === 'invalid' ? 'error' : 'default'
              }
            >
              {t(`logExplorer.witnesses.states.${witness.state}`)}
            </Tag>
          </Flex>
        ))
      )}
      {info.quorum !== null && info.witnessCount !== null ? (
        <Typography.Text type={info.quorumMet ? 'success' : 'danger'} data-testid="log-quorum">
          {t('logExplorer.witnesses.quorum', { count: info.witnessCount, quorum: info.quorum })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
};

const cosignatureCount = (note: string): number =>
  signatureLines(note).filter((line) => line.timestamp !== null).length;

const CheckpointsCard = () => {
  const { t } = useTranslation();
  const format = useFormat();
  const checkpoints = useCheckpoints();
  const rows = useMemo(() => checkpoints.data?.pages.flatMap((page) => page.items) ?? [], [checkpoints.data]);

  const columns: TableColumnsType<CheckpointSummary> = [
    {
      key: 'size',
      title: t('logExplorer.fields.treeSize'),
      align: 'right',
      render: (_, row) => format.number(row.size),
    },
    {
      key: 'rootHash',
      title: t('logExplorer.fields.rootHash'),
      render: (_, row) => (
        <Typography.Text code copyable={{ text: row.rootHash }} className="nowrap" title={row.rootHash}>
          {`${row.rootHash.slice(0, 16)}…`}
        </Typography.Text>
      ),
    },
    {
      key: 'createdAt',
      title: t('logExplorer.fields.signedAt'),
      render: (_, row) => <span className="nowrap">{format.dateTime(row.createdAt)}</span>,
    },
    {
      key: 'cosignatures',
      title: t('logExplorer.fields.cosignatures'),
      align: 'right',
      render: (_, row) => format.number(cosignatureCount(row.note)),
    },
  ];
  const exportColumns: ExportColumn<CheckpointSummary>[] = [
    { header: t('logExplorer.fields.treeSize'), value: (row) => row.size, width: 14 },
    { header: t('logExplorer.fields.rootHash'), value: (row) => row.rootHash, width: 48 },
    { header: t('logExplorer.fields.signedAt'), value: (row) => row.createdAt, width: 26 },
    { header: t('logExplorer.fields.cosignatures'), value: (row) => cosignatureCount(row.note), width: 14 },
    { header: t('logExplorer.fields.note'), value: (row) => row.note, width: 80 },
  ];

  return (
    <Card
      title={t('logExplorer.checkpoints.title')}
      className="block-gap"
      extra={
        <ExportButtons
          rows={rows}
          columns={exportColumns}
          fileName="checkpoints"
          sheetName={t('logExplorer.checkpoints.title')}
          testIdPrefix="checkpoints"
        />
      }
    >
      {checkpoints.isError ? (
        <ErrorAlert error={checkpoints.error} onRetry={() => void checkpoints.refetch()} />
      ) : null}
      <Table<CheckpointSummary>
        // The log re-signs an unchanged tree now and then, so a size can appear twice.
        rowKey={(row) => `${row.size}:${row.createdAt}`}
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={checkpoints.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (row) => (
            <pre className="mono verify-break" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {row.note}
            </pre>
          ),
        }}
        data-testid="checkpoints-table"
      />
      {checkpoints.hasNextPage ? (
        <Flex justify="center" className="block-gap" style={{ marginTop: 16 }}>
          <Button
            onClick={() => void checkpoints.fetchNextPage()}
            loading={checkpoints.isFetchingNextPage}
            data-testid="checkpoints-load-more"
          >
            {t('common.loadMore')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
};

type LookupValues = { index: number | null };

const EntryLookupCard = ({
  index,
  treeSize,
  onLookup,
}: {
  index: number | null;
  treeSize: number | null;
  onLookup: (index: number | null) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<LookupValues>();
  return (
    <Card title={t('logExplorer.entry.lookupTitle')} className="block-gap">
      <Typography.Paragraph type="secondary">{t('logExplorer.entry.lookupHint')}</Typography.Paragraph>
      <Form<LookupValues>
        form={form}
        layout="inline"
        initialValues={{ index }}
        onFinish={(values) => onLookup(values.index ?? null)}
      >
        <Form.Item
          name="index"
          label={t('logExplorer.entry.index')}
          rules={[{ required: true, message: t('logExplorer.entry.indexRequired') }]}
        >
          <InputNumber<number>
            min={0}
            {...(treeSize !== null && treeSize > 0 ? { max: treeSize - 1 } : {})}
            precision={0}
            data-testid="log-entry-index"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="log-entry-lookup">
            {t('logExplorer.entry.lookup')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
};

const kindLabel = (t: TFn, decoded: DecodedLogEntry): string =>
  decoded.kindName ? t(`logExplorer.kinds.${decoded.kindName}`) : t('logExplorer.entry.notTradeEntry');

const HashField = ({ bytes, none }: { bytes: Uint8Array; none: string }) =>
  isZeroHash(bytes) ? (
    <Typography.Text type="secondary">{none}</Typography.Text>
  ) : (
    <Hash value={hex(bytes)} />
  );

const EntryCard = ({ index, latest }: { index: number; latest: CheckpointInfo | null }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const record = useLogEntry(index);
  const decoded = useMemo(() => (record.data ? decodeLogEntry(record.data) : null), [record.data]);
  const none = t('logExplorer.entry.none');

  return (
    <Card
      title={t('logExplorer.entry.title', { index: format.number(index) })}
      className="block-gap"
      data-testid="log-entry"
      extra={
        <Button
          icon={<DownloadOutlined />}
          href={tlogProofUrl(index, latest?.ok ? latest.checkpoint.size : undefined)}
          download={`entry-${index}.tlog-proof`}
          disabled={!latest?.ok || index >= latest.checkpoint.size}
          data-testid="log-entry-download-proof"
        >
          {t('logExplorer.proof.download')}
        </Button>
      }
    >
      {record.isError ? <ErrorAlert error={record.error} onRetry={() => void record.refetch()} /> : null}
      {record.isPending ? <Skeleton active /> : null}
      {record.data && !decoded ? (
        <Alert type="error" showIcon title={t('logExplorer.entry.undecodable')} />
      ) : null}
      {record.data && decoded ? (
        <>
          <Descriptions column={1} size="small" bordered className="block-gap">
            <Descriptions.Item label={t('logExplorer.entry.kind')}>
              <Tag color="blue" data-testid="log-entry-kind">
                {kindLabel(t, decoded)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('logExplorer.entry.appendedAt')}>
              {format.dateTime(record.data.appendedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('logExplorer.entry.leafHash')}>
              <Space wrap>
                <Hash value={hex(decoded.leafHash)} testId="log-entry-leaf-hash" />
                {decoded.leafHashMatches ? (
                  <Tag color="success">{t('logExplorer.entry.leafHashMatches')}</Tag>
                ) : (
                  <Tag color="error">{t('logExplorer.entry.leafHashMismatch')}</Tag>
                )}
              </Space>
            </Descriptions.Item>
            {decoded.entry ? (
              <>
                <Descriptions.Item label={t('logExplorer.entry.time')}>
                  {format.dateTime(new Date(decoded.entry.timeMs))}
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.recordId')}>
                  <Hash value={hex(decoded.entry.recordId)} />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.docHash')}>
                  <Hash value={hex(decoded.entry.docHash)} testId="log-entry-doc-hash" />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.prevEntryHash')}>
                  <HashField bytes={decoded.entry.prevEntryHash} none={none} />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.actor')}>
                  <Hash value={hex(decoded.entry.actor)} />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.counterparty')}>
                  <HashField bytes={decoded.entry.counterparty} none={none} />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.aux')}>
                  <HashField bytes={decoded.entry.aux} none={none} />
                </Descriptions.Item>
                <Descriptions.Item label={t('logExplorer.entry.signature')}>
                  <Hash value={toBase64(decoded.entry.signature)} />
                </Descriptions.Item>
              </>
            ) : (
              <Descriptions.Item label={t('logExplorer.entry.body')}>
                <Typography.Paragraph type="secondary">
                  {t('logExplorer.entry.notTradeEntryDetail', { reason: decoded.parseProblem ?? '' })}
                </Typography.Paragraph>
                <Hash value={toBase64(decoded.body)} />
              </Descriptions.Item>
            )}
          </Descriptions>
          <InclusionProofView decoded={decoded} latest={latest} />
        </>
      ) : null}
    </Card>
  );
};

const InclusionProofView = ({
  decoded,
  latest,
}: {
  decoded: DecodedLogEntry;
  latest: CheckpointInfo | null;
}) => {
  const { t } = useTranslation();
  const format = useFormat();
  const size = latest?.ok ? latest.checkpoint.size : null;
  const proof = useInclusionProof(decoded.index, size);
  const checked = useMemo(() => {
    if (!proof.data || !latest?.ok) {
      return null;
    }
    const hashes = proof.data.hashes.map((hash) => fromBase64(hash));
    if (hashes.some((hash) => hash === undefined)) {
      return null;
    }
    const siblings = hashes as Uint8Array[];
    const { rootHash, size: treeSize } = latest.checkpoint;
    return {
      path: inclusionPath(decoded.leafHash, decoded.index, treeSize, siblings),
      verified: verifyInclusion({
        leafHash: decoded.leafHash,
        index: decoded.index,
        treeSize,
        proof: siblings,
        rootHash,
      }).ok,
      rootHash,
    };
  }, [proof.data, latest, decoded]);

  if (size !== null && decoded.index >= size) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('logExplorer.proof.notYetCovered')}
        data-testid="log-proof-pending"
      />
    );
  }
  return (
    <div data-testid="log-proof">
      <Typography.Title level={5}>
        {t('logExplorer.proof.title', { size: size === null ? '…' : format.number(size) })}
      </Typography.Title>
      {proof.isError ? <ErrorAlert error={proof.error} onRetry={() => void proof.refetch()} /> : null}
      {proof.isPending && size !== null ? <Skeleton active /> : null}
      {checked ? (
        <>
          <Alert
            type={checked.verified ? 'success' : 'error'}
            showIcon
            className="block-gap"
            data-testid="log-proof-verdict"
            data-verdict={checked.verified ? 'OK' : 'INVALID'}
            title={checked.verified ? t('logExplorer.proof.verified') : t('logExplorer.proof.failed')}
            description={t('logExplorer.proof.explanation')}
          />
          <div className="verify-path">
            <div className="verify-path-step">
              <Typography.Text strong>{t('logExplorer.proof.leaf')}</Typography.Text>
              <Typography.Text code className="verify-break">
                {toBase64(decoded.leafHash)}
              </Typography.Text>
            </div>
            {checked.path.ok ? (
              checked.path.steps.map((step) => (
                <div className="verify-path-step" key={step.level}>
                  <Typography.Text strong className="nowrap">
                    {t('logExplorer.proof.level', { level: step.level })}
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary">
                      {step.side === 'left'
                        ? t('logExplorer.proof.siblingLeft')
                        : t('logExplorer.proof.siblingRight')}
                    </Typography.Text>{' '}
                    <Typography.Text code className="verify-break">
                      {toBase64(step.sibling)}
                    </Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{t('logExplorer.proof.gives')}</Typography.Text>{' '}
                    <Typography.Text code className="verify-break">
                      {toBase64(step.result)}
                    </Typography.Text>
                  </div>
                </div>
              ))
            ) : (
              <Alert type="error" showIcon title={t('logExplorer.proof.malformed')} />
            )}
            <div
              className={`verify-path-step ${checked.verified ? 'verify-path-root' : 'verify-path-root-mismatch'}`}
            >
              <Typography.Text strong>{t('logExplorer.proof.checkpointRoot')}</Typography.Text>
              <Typography.Text code className="verify-break">
                {toBase64(checked.rootHash)}
              </Typography.Text>
            </div>
          </div>
        </>
      ) : null}
      {proof.data && !checked && latest?.ok ? <Empty description={t('logExplorer.proof.malformed')} /> : null}
    </div>
  );
};
