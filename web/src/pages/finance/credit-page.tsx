import { SafetyCertificateOutlined, ShareAltOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Flex,
  Row,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { FINANCIER_KINDS } from '../../api/finance.ts';
import {
  type CreditSnapshot,
  createSnapshot,
  type Scorecard,
  type SnapshotSummary,
  shareSnapshot,
  useCreditMutation,
  useScorecard,
  useSnapshot,
  useSnapshots,
} from '../../api/finance-credit.ts';
import { usePartners } from '../../api/orders.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ExportButtons } from '../../components/export-buttons.tsx';
import { FactorChart } from '../../components/finance/factor-chart.tsx';
import { useOrganisationNames } from '../../components/finance/use-organisation-names.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useFormat } from '../../i18n/use-format.ts';
import { useDebounced } from '../../lib/use-debounced.ts';
import { useActiveOrg } from '../../session/current-org.tsx';
import {
  type FactorRow,
  factorChartData,
  factorRows,
  logState,
  nextGrade,
  shareCandidates,
  splitSnapshots,
} from './credit-model.ts';
import '../../components/payments/payments.css';
import '../../components/finance/finance.css';

export const GRADE_COLOUR: Record<string, string> = {
  A: 'green',
  B: 'cyan',
  C: 'blue',
  D: 'gold',
  E: 'red',
};

/** A factor name: the web app's text, or the key of a factor a newer server added. */
const useFactorName = () => {
  const { t, i18n } = useTranslation();
  return useCallback(
    (factor: string) => (i18n.exists(`credit.factor.${factor}`) ? t(`credit.factor.${factor}`) : factor),
    [t, i18n],
  );
};

/**
 * The credit profile: the organisation's signed score with every point explained, its snapshots
 * (make, see signed and logged, share with a financier), and the snapshots others shared with it.
 */
export const CreditProfilePage = () => {
  const { t } = useTranslation();
  const { orgId, membership } = useActiveOrg();
  const { message } = App.useApp();
  const scorecard = useScorecard(orgId);
  const snapshots = useSnapshots(orgId);
  const [selected, setSelected] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const make = useCreditMutation(orgId, () => createSnapshot(orgId));
  const { own, shared } = splitSnapshots(snapshots.data?.items ?? []);
  const isFinancier = (FINANCIER_KINDS as readonly string[]).includes(membership.organisation.kind);
  const shownId = selected ?? own[0]?.id ?? shared[0]?.id ?? null;
  const snapshot = useSnapshot(orgId, shownId);

  const onCreate = async () => {
    setFailure(null);
    try {
      const created = await make.mutateAsync(undefined);
      setSelected(created.id);
      void message.success(t('creditPage.created', { score: created.score, grade: created.grade }));
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title={t('credit.title')}
        subtitle={isFinancier ? t('creditPage.subtitleFinancier') : t('creditPage.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={make.isPending}
            onClick={() => void onCreate()}
            data-testid="credit-create-snapshot"
          >
            {t('credit.createSnapshot')}
          </Button>
        }
      />
      {failure ? <ErrorAlert error={failure} testId="credit-create-error" /> : null}
      {snapshots.isError ? (
        <ErrorAlert error={snapshots.error} onRetry={() => void snapshots.refetch()} />
      ) : null}
      {shownId === null && snapshots.isSuccess ? (
        <Card className="block-gap" data-testid="credit-empty">
          <Empty description={t('creditPage.noSnapshot')} />
        </Card>
      ) : null}
      {shownId !== null ? (
        snapshot.isError ? (
          <ErrorAlert error={snapshot.error} onRetry={() => void snapshot.refetch()} />
        ) : snapshot.isSuccess ? (
          <SnapshotView
            snapshot={snapshot.data}
            scorecard={scorecard.data}
            isOwn={snapshot.data.organisationId === orgId}
          />
        ) : (
          <Card className="block-gap">
            <Skeleton active />
          </Card>
        )
      ) : null}
      <SnapshotsTable
        title={t('credit.snapshots')}
        rows={own}
        loading={snapshots.isPending}
        selected={shownId}
        onSelect={setSelected}
        testId="credit-snapshots"
        empty={t('creditPage.noSnapshot')}
      />
      {isFinancier || shared.length > 0 ? (
        <SnapshotsTable
          title={t('credit.sharedWithUs')}
          rows={shared}
          loading={snapshots.isPending}
          selected={shownId}
          onSelect={setSelected}
          testId="credit-shared"
          empty={t('creditPage.noneShared')}
          showOrganisation
        />
      ) : null}
      {scorecard.isSuccess ? <ScorecardCard scorecard={scorecard.data} /> : null}
      {scorecard.isError ? (
        <ErrorAlert error={scorecard.error} onRetry={() => void scorecard.refetch()} />
      ) : null}
    </div>
  );
};

const SnapshotView = ({
  snapshot,
  scorecard,
  isOwn,
}: {
  snapshot: CreditSnapshot;
  scorecard: Scorecard | undefined;
  isOwn: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const factorName = useFactorName();
  const nameOf = useOrganisationNames();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const { score } = snapshot.payload;
  const rows = factorRows(score.factors);
  const chart = useMemo(() => factorChartData(score.factors), [score.factors]);
  const chartLabels = useMemo(() => chart.factors.map(factorName), [chart.factors, factorName]);
  const series = useMemo(
    () => ({
      earned: t('creditPage.chart.earned'),
      open: t('creditPage.chart.open'),
      penalty: t('creditPage.chart.penalty'),
    }),
    [t],
  );
  const next = scorecard ? nextGrade(scorecard.grades, score.total) : null;

  const columns: TableColumnsType<FactorRow> = [
    {
      key: 'factor',
      title: t('creditPage.columns.factor'),
      render: (_, row) => (
        <Typography.Text strong title={t(`credit.factorDescription.${row.factor}`, { defaultValue: '' })}>
          {factorName(row.factor)}
        </Typography.Text>
      ),
    },
    {
      key: 'value',
      title: t('creditPage.columns.value'),
      render: (_, row) =>
        row.figures.length === 0
          ? '–'
          : row.figures.map((f) => (
              <div key={f.name} className="nowrap">
                {t(`creditPage.figures.${f.name}`, { count: f.value })}
              </div>
            )),
    },
    {
      key: 'points',
      title: t('creditPage.columns.points'),
      className: 'payments-amount',
      render: (_, row) => (
        <span data-testid="credit-factor-points">
          {t('credit.points', { points: row.points, max: row.max })}
        </span>
      ),
    },
    {
      key: 'why',
      title: t('creditPage.columns.why'),
      render: (_, row) => (
        <div className="finance-why" data-testid="credit-factor-why">
          {t(row.explanationKey, { ...row.values, defaultValue: '' }) ||
            // A sentence this web app has no template for yet: the server's own text in the language.
            snapshot.explanations.find((e) => e.factor === row.factor)?.text[language]}
        </div>
      ),
    },
  ];

  return (
    <>
      <Card
        className="block-gap"
        data-testid="credit-snapshot"
        data-snapshot-id={snapshot.id}
        title={
          isOwn
            ? t('creditPage.ownSnapshot')
            : t('creditPage.sharedSnapshot', { organisation: nameOf(snapshot.organisationId) })
        }
      >
        <Row gutter={[24, 16]}>
          <Col xs={24} md={8}>
            <Typography.Text type="secondary">{t('credit.score')}</Typography.Text>
            <Flex align="baseline" gap={12} wrap>
              <span className="credit-score-value" data-testid="credit-score">
                {score.total}
              </span>
              <Typography.Text type="secondary">/ {scorecard?.total.max ?? 1000}</Typography.Text>
              <Tag
                color={GRADE_COLOUR[score.grade] ?? 'default'}
                data-testid="credit-grade"
                data-grade={score.grade}
              >
                {t('creditPage.gradeValue', { grade: score.grade })}
              </Tag>
            </Flex>
            {next ? (
              <Typography.Paragraph type="secondary">
                {t('creditPage.nextGrade', { grade: next.grade, missing: next.missing })}
              </Typography.Paragraph>
            ) : null}
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('creditPage.computedAt')}>
                {format.dateTime(snapshot.payload.computedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('credit.scorecardVersion')}>
                <span className="mono">{score.scorecardVersion}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('creditPage.snapshotId')}>
                <span className="mono payments-id" data-testid="credit-snapshot-id">
                  {snapshot.id}
                </span>
              </Descriptions.Item>
            </Descriptions>
          </Col>
          <Col xs={24} md={16}>
            <FactorChart data={chart} labels={chartLabels} series={series} />
          </Col>
        </Row>
        <Table<FactorRow>
          className="block-gap"
          rowKey="factor"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={columns}
          dataSource={rows}
          onRow={(row) => ({ 'data-testid': 'credit-factor-row', 'data-factor': row.factor }) as object}
          data-testid="credit-factors"
        />
      </Card>
      <VerificationCard snapshot={snapshot} />
      {isOwn ? <ShareCard snapshot={snapshot} /> : null}
    </>
  );
};

/** What a bank checks offline: the signed bytes, the hub's signature, the log entry and its proof. */
const VerificationCard = ({ snapshot }: { snapshot: CreditSnapshot }) => {
  const { t } = useTranslation();
  const { signature, log, payloadSha256, signedPayload } = snapshot.verification;
  const state = logState(log);
  const copy = (value: string, testId?: string) => (
    <Typography.Text copyable={{ text: value }} className="mono payments-id" data-testid={testId}>
      {value}
    </Typography.Text>
  );
  return (
    <Card title={t('creditPage.verification.title')} className="block-gap" data-testid="credit-verification">
      <Typography.Paragraph type="secondary">{t('creditPage.verification.intro')}</Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('credit.signature', { keyId: signature.keyId })}>
          {copy(signature.value, 'credit-signature')}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditPage.verification.publicKey')}>
          {copy(signature.publicKey)}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditPage.verification.payloadSha256')}>
          {copy(payloadSha256, 'credit-payload-sha256')}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditPage.verification.log')}>
          <span data-testid="credit-log-state" data-state={state.state}>
            {state.state === 'logged' ? (
              <Tag color="green">{t('credit.logIndex', { index: state.index })}</Tag>
            ) : (
              <Tag color="processing">{t('credit.notYetLogged')}</Tag>
            )}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('creditPage.verification.leafHash')}>
          {copy(log.leafHash)}
        </Descriptions.Item>
        <Descriptions.Item label={t('creditPage.verification.verifierKey')}>
          {copy(log.verifierKey)}
        </Descriptions.Item>
      </Descriptions>
      <Collapse
        className="block-gap"
        size="small"
        items={[
          {
            key: 'payload',
            label: t('creditPage.verification.signedPayload'),
            children: <pre className="credit-proof mono">{signedPayload}</pre>,
          },
          {
            key: 'entry',
            label: t('creditPage.verification.entry'),
            children: <pre className="credit-proof mono">{log.entry}</pre>,
          },
          ...(log.tlogProof
            ? [
                {
                  key: 'proof',
                  label: t('creditPage.verification.proof'),
                  children: (
                    <pre className="credit-proof mono" data-testid="credit-tlog-proof">
                      {log.tlogProof}
                    </pre>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
};

const ShareCard = ({ snapshot }: { snapshot: CreditSnapshot }) => {
  const { t, i18n } = useTranslation();
  const { orgId } = useActiveOrg();
  const { message } = App.useApp();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const [search, setSearch] = useState('');
  const settled = useDebounced(search, 250);
  const partners = usePartners(orgId, settled);
  const [target, setTarget] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const share = useCreditMutation(orgId, (organisationId: string) =>
    shareSnapshot(orgId, snapshot.id, organisationId),
  );
  const candidates = shareCandidates(partners.data ?? [], snapshot);
  const submit = async () => {
    if (!target) {
      return;
    }
    setFailure(null);
    try {
      await share.mutateAsync(target);
      void message.success(t('creditPage.shareDone', { organisation: nameOf(target) }));
      setTarget(null);
    } catch (error) {
      setFailure(error);
    }
  };
  const sharedWith = snapshot.sharedWith ?? [];
  return (
    <Card title={t('credit.share')} className="block-gap" data-testid="credit-share">
      <Typography.Paragraph type="secondary">{t('creditPage.shareIntro')}</Typography.Paragraph>
      <Flex wrap gap={8}>
        <Select
          style={{ minWidth: 220, flex: '1 1 220px' }}
          showSearch={{ filterOption: false, onSearch: setSearch }}
          value={target}
          onChange={setTarget}
          placeholder={t('creditPage.sharePick')}
          loading={partners.isFetching}
          options={candidates.map((p) => ({
            value: p.organisationId,
            label: `${i18n.language === 'zh-CN' && p.nameZh ? p.nameZh : p.name} (${p.country})`,
          }))}
          data-testid="credit-share-target"
        />
        <Button
          icon={<ShareAltOutlined />}
          disabled={target === null}
          loading={share.isPending}
          onClick={() => void submit()}
          data-testid="credit-share-submit"
        >
          {t('creditPage.shareSubmit')}
        </Button>
      </Flex>
      {failure ? (
        <ErrorAlert
          error={failure}
          fieldErrors={isApiError(failure) ? failure.errors : []}
          testId="credit-share-error"
        />
      ) : null}
      <Typography.Title level={5} className="block-gap">
        {t('credit.sharedWith')}
      </Typography.Title>
      {sharedWith.length === 0 ? (
        <Typography.Text type="secondary">{t('creditPage.notShared')}</Typography.Text>
      ) : (
        <ul className="finance-history" data-testid="credit-shared-with">
          {sharedWith.map((s) => (
            <li
              key={s.organisationId}
              data-testid="credit-shared-with-item"
              data-organisation={s.organisationId}
            >
              {nameOf(s.organisationId)} · {format.dateTime(s.sharedAt)}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
};

const SnapshotsTable = ({
  title,
  rows,
  loading,
  selected,
  onSelect,
  testId,
  empty,
  showOrganisation = false,
}: {
  title: string;
  rows: SnapshotSummary[];
  loading: boolean;
  selected: string | null;
  onSelect: (id: string) => void;
  testId: string;
  empty: string;
  showOrganisation?: boolean;
}) => {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useOrganisationNames();
  const columns: TableColumnsType<SnapshotSummary> = [
    ...(showOrganisation
      ? [
          {
            key: 'organisation',
            title: t('creditPage.columns.organisation'),
            render: (_: unknown, s: SnapshotSummary) => nameOf(s.organisationId),
          },
        ]
      : []),
    {
      key: 'createdAt',
      title: t('creditPage.computedAt'),
      render: (_, s) => <span className="nowrap">{format.dateTime(s.createdAt)}</span>,
    },
    { key: 'score', title: t('credit.score'), className: 'payments-amount', render: (_, s) => s.score },
    {
      key: 'grade',
      title: t('credit.grade'),
      render: (_, s) => <Tag color={GRADE_COLOUR[s.grade] ?? 'default'}>{s.grade}</Tag>,
    },
    {
      key: 'version',
      title: t('credit.scorecardVersion'),
      render: (_, s) => <span className="mono">{s.scorecardVersion}</span>,
    },
    {
      key: 'open',
      title: '',
      render: (_, s) =>
        s.id === selected ? (
          <Tag color="blue">{t('creditPage.shown')}</Tag>
        ) : (
          <Button size="small" onClick={() => onSelect(s.id)} data-testid={`${testId}-open`}>
            {t('creditPage.show')}
          </Button>
        ),
    },
  ];
  return (
    <Card
      title={title}
      className="block-gap"
      data-testid={testId}
      extra={
        <ExportButtons<SnapshotSummary>
          rows={rows}
          fileName={testId}
          sheetName={title}
          testIdPrefix={testId}
          columns={[
            ...(showOrganisation
              ? [
                  {
                    header: t('creditPage.columns.organisation'),
                    value: (s: SnapshotSummary) => nameOf(s.organisationId),
                    width: 30,
                  },
                ]
              : []),
            { header: t('creditPage.computedAt'), value: (s) => s.createdAt, width: 24 },
            { header: t('credit.score'), value: (s) => s.score, width: 8 },
            { header: t('credit.grade'), value: (s) => s.grade, width: 6 },
            { header: t('credit.scorecardVersion'), value: (s) => s.scorecardVersion, width: 22 },
            { header: 'id', value: (s) => s.id, width: 32 },
          ]}
        />
      }
    >
      <Table<SnapshotSummary>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={loading}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: empty }}
        onRow={(s) => ({ 'data-testid': `${testId}-row`, 'data-snapshot-id': s.id }) as object}
      />
    </Card>
  );
};

/** The published rules: each factor's range, steps and meaning, and the grades. */
const ScorecardCard = ({ scorecard }: { scorecard: Scorecard }) => {
  const { t, i18n } = useTranslation();
  const factorName = useFactorName();
  const language = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  return (
    <Collapse
      className="block-gap"
      data-testid="credit-scorecard"
      items={[
        {
          key: 'scorecard',
          label: `${t('credit.scorecard')} · ${scorecard.version}`,
          children: (
            <>
              <Typography.Paragraph type="secondary">
                {t('creditPage.scorecardIntro', { months: scorecard.windowMonths })}
              </Typography.Paragraph>
              <Typography.Paragraph>
                {t('creditPage.grades', {
                  grades: scorecard.grades.map((g) => `${g.grade} ≥ ${g.from}`).join(' · '),
                })}
              </Typography.Paragraph>
              <Table
                rowKey="factor"
                size="small"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={scorecard.factors}
                columns={[
                  {
                    key: 'factor',
                    title: t('creditPage.columns.factor'),
                    render: (_, f) => factorName(f.factor),
                  },
                  {
                    key: 'range',
                    title: t('creditPage.columns.range'),
                    render: (_, f) => (
                      <span className="nowrap">{t('credit.range', { min: f.min, max: f.max })}</span>
                    ),
                  },
                  {
                    key: 'steps',
                    title: t('creditPage.columns.steps'),
                    render: (_, f) =>
                      f.steps ? (
                        <span className="nowrap">{f.steps.map(([n, p]) => `${n} → ${p}`).join(', ')}</span>
                      ) : (
                        '–'
                      ),
                  },
                  {
                    key: 'description',
                    title: t('creditPage.columns.why'),
                    render: (_, f) => <div className="finance-why">{f.description[language]}</div>,
                  },
                ]}
              />
              <Descriptions column={1} size="small" className="block-gap">
                <Descriptions.Item label={t('creditPage.verification.signingKey')}>
                  <Typography.Text copyable className="mono payments-id">
                    {`${scorecard.signingKey.keyId} ${scorecard.signingKey.publicKey}`}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            </>
          ),
        },
      ]}
    />
  );
};
