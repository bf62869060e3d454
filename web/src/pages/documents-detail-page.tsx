import {
  ArrowLeftOutlined,
  CheckCircleFilled,
  FilePdfOutlined,
  LoadingOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Result,
  Row,
  Segmented,
  Space,
  Spin,
  Steps,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import {
  ANCHOR_POLL_MS,
  type DocumentDetail,
  fetchDocumentBundle,
  fetchDocumentPdf,
  useDocument,
} from '../api/documents.ts';
import { DocumentStatusTag } from '../components/documents/document-status-tag.tsx';
import { bundleFileName, pdfFileName } from '../components/documents/files.ts';
import { documentPermissions } from '../components/documents/permissions.ts';
import { StatusActions } from '../components/documents/status-actions.tsx';
import { SubjectView } from '../components/documents/subject-view.tsx';
import { useDocumentLabels } from '../components/documents/use-document-labels.ts';
import { VerificationLink } from '../components/documents/verification-link.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { downloadBlob } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';
import '../components/documents/documents.css';

export const DocumentsDetailPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { documentId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const document = useDocument(orgId, documentId);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/documents')} data-testid="documents-back">
      {t('documents.backToList')}
    </Button>
  );

  if (document.isPending) {
    return (
      <div className="page">
        <PageHeader title={t('documents.detail.loading')} extra={back} />
        <Spin />
      </div>
    );
  }
  if (document.isError) {
    const missing = isApiError(document.error) && document.error.status === 404;
    return (
      <div className="page">
        <PageHeader title={t('documents.detail.title')} extra={back} />
        {missing ? (
          <Result status="404" title={t('documents.detail.notFound')} data-testid="document-not-found" />
        ) : (
          <ErrorAlert error={document.error} onRetry={() => void document.refetch()} />
        )}
      </div>
    );
  }
  return <DocumentView document={document.data} back={back} />;
};

type Download = 'bundle' | 'pdf';

const DocumentView = ({ document, back }: { document: DocumentDetail; back: ReactNode }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const documentLabels = useDocumentLabels();
  const format = useFormat();
  const { message } = App.useApp();
  const { orgId, role } = useActiveOrg();
  const { canChangeStatus } = documentPermissions(role);
  const [view, setView] = useState<'readable' | 'json'>('readable');
  const [downloading, setDownloading] = useState<Download | null>(null);
  const anchored = document.logIndex !== null;
  const credential = document.credential;

  const download = async (kind: Download) => {
    setDownloading(kind);
    try {
      const blob =
        kind === 'bundle'
          ? await fetchDocumentBundle(orgId, document.id)
          : await fetchDocumentPdf(orgId, document.id);
      downloadBlob(
        blob,
        kind === 'bundle' ? bundleFileName(document.documentNumber) : pdfFileName(document.documentNumber),
      );
    } catch (error) {
      void message.error(labels.errorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  const notAnchoredHint = anchored ? undefined : t('documents.detail.downloadAfterAnchoring');

  return (
    <div className="page" data-testid="document-detail">
      <PageHeader
        title={
          <span className="documents-breakable" data-testid="document-title">
            {documentLabels.type(document.documentType)} {document.documentNumber}
          </span>
        }
        subtitle={
          <Space size={8} wrap>
            <DocumentStatusTag status={document.status} />
            <span>{t('documents.detail.issuedAt', { at: format.dateTime(document.issuedAt) })}</span>
          </Space>
        }
        extra={back}
      />
      <Card className="documents-section-card">
        <div className="documents-actions">
          <Tooltip title={notAnchoredHint}>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              disabled={!anchored}
              loading={downloading === 'bundle'}
              onClick={() => void download('bundle')}
              data-testid="document-download-bundle"
            >
              {t('documents.detail.downloadBundle')}
            </Button>
          </Tooltip>
          <Tooltip title={notAnchoredHint}>
            <Button
              icon={<FilePdfOutlined />}
              disabled={!anchored}
              loading={downloading === 'pdf'}
              onClick={() => void download('pdf')}
              data-testid="document-download-pdf"
            >
              {t('documents.detail.downloadPdf')}
            </Button>
          </Tooltip>
          {canChangeStatus ? <StatusActions document={document} /> : null}
        </div>
      </Card>
      <Row gutter={[16, 16]} className="documents-section-card">
        <Col xs={24} lg={16}>
          <Card
            title={t('documents.detail.content')}
            extra={
              <Segmented<'readable' | 'json'>
                value={view}
                onChange={setView}
                options={[
                  { value: 'readable', label: t('documents.detail.readable') },
                  { value: 'json', label: t('documents.detail.rawJson') },
                ]}
                data-testid="document-view-toggle"
              />
            }
          >
            {view === 'json' ? (
              <pre className="documents-raw-json" data-testid="document-raw-json">
                {JSON.stringify(credential, null, 2)}
              </pre>
            ) : (
              <>
                <Descriptions
                  size="small"
                  column={{ xs: 1, sm: 1, md: 2 }}
                  className="block-gap documents-subject"
                  items={[
                    {
                      key: 'type',
                      label: t('documents.fields.documentType'),
                      children: documentLabels.type(document.documentType),
                    },
                    {
                      key: 'number',
                      label: t('documents.fields.documentNumber'),
                      children: <span data-testid="document-number-value">{document.documentNumber}</span>,
                    },
                    {
                      key: 'issuer',
                      label: t('documents.detail.issuer'),
                      children: credential.issuer.name ?? credential.issuer.id,
                    },
                    {
                      key: 'validFrom',
                      label: t('documents.detail.validFrom'),
                      children: format.dateTime(credential.validFrom),
                    },
                    {
                      key: 'validUntil',
                      label: t('documents.fields.validUntil'),
                      children: document.validUntil
                        ? format.dateTime(document.validUntil)
                        : t('documents.detail.noEnd'),
                    },
                  ]}
                />
                <SubjectView subject={credential.credentialSubject} />
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('documents.detail.verification')} className="documents-section-card">
            <VerificationLink url={document.verificationUrl} />
          </Card>
          <Card title={t('documents.detail.log')} className="documents-section-card">
            <AnchoringSteps document={document} />
          </Card>
        </Col>
      </Row>
      <Card title={t('documents.detail.trust')} className="documents-section-card">
        <Descriptions
          size="small"
          column={1}
          bordered
          className="documents-subject"
          items={[
            {
              key: 'status',
              label: t('documents.columns.status'),
              children: (
                <Space orientation="vertical" size={4}>
                  <DocumentStatusTag status={document.status} testId="document-status-detail" />
                  {document.revokedAt ? (
                    <Typography.Text type="secondary">
                      {t('documents.detail.revokedAt', { at: format.dateTime(document.revokedAt) })}
                    </Typography.Text>
                  ) : null}
                  {document.revocationReason ? (
                    <Typography.Text data-testid="document-revocation-reason">
                      {t('documents.detail.reason', { reason: document.revocationReason })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              key: 'issuerDid',
              label: t('documents.detail.issuerDid'),
              children: (
                <Typography.Text
                  className="mono documents-breakable"
                  copyable
                  data-testid="document-issuer-did"
                >
                  {credential.issuer.id}
                </Typography.Text>
              ),
            },
            {
              key: 'docHash',
              label: t('documents.columns.docHash'),
              children: (
                <Typography.Text
                  className="mono documents-breakable"
                  copyable
                  data-testid="document-doc-hash"
                >
                  {document.docHash}
                </Typography.Text>
              ),
            },
            {
              key: 'credentialId',
              label: t('documents.columns.credentialId'),
              children: (
                <Typography.Text className="mono documents-breakable">{credential.id}</Typography.Text>
              ),
            },
            ...(credential.proof
              ? [
                  {
                    key: 'proof',
                    label: t('documents.detail.proof'),
                    children: (
                      <Space orientation="vertical" size={2}>
                        <span>
                          {credential.proof.type} · {credential.proof.cryptosuite}
                        </span>
                        <Typography.Text className="mono documents-breakable">
                          {credential.proof.verificationMethod}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {t('documents.detail.signedAt', { at: format.dateTime(credential.proof.created) })}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                ]
              : []),
            {
              key: 'statusLists',
              label: t('documents.detail.statusLists'),
              children: (
                <Space orientation="vertical" size={2}>
                  {(credential.credentialStatus ?? []).map((entry) => (
                    <span key={entry.id} className="documents-breakable">
                      {t(
                        `documents.detail.statusPurpose.${entry.statusPurpose === 'revocation' ? 'revocation' : 'suspension'}`,
                      )}
                      {' · '}
                      <a href={entry.statusListCredential} target="_blank" rel="noopener noreferrer">
                        #{entry.statusListIndex}
                      </a>
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Typography.Paragraph type="secondary" className="documents-section-card">
        <Link to="/documents">{t('documents.backToList')}</Link>
      </Typography.Paragraph>
    </div>
  );
};

/** Signed → in the log, refreshed every few seconds until the log has integrated the entry. */
const AnchoringSteps = ({ document }: { document: DocumentDetail }) => {
  const { t } = useTranslation();
  const format = useFormat();
  const anchored = document.logIndex !== null;
  return (
    <div data-testid="document-anchoring" data-anchored={anchored ? 'true' : 'false'}>
      <Steps
        orientation="vertical"
        size="small"
        current={anchored ? 2 : 1}
        items={[
          {
            title: t('documents.detail.stepSigned'),
            content: format.dateTime(document.issuedAt),
            status: 'finish',
            icon: <CheckCircleFilled />,
          },
          anchored
            ? {
                title: t('documents.detail.stepAnchored'),
                content: (
                  <span data-testid="document-log-index" className="mono">
                    {t('documents.detail.logIndex', {
                      index: format.number(document.logIndex ?? 0, { useGrouping: false }),
                    })}
                  </span>
                ),
                status: 'finish',
                icon: <CheckCircleFilled />,
              }
            : {
                title: t('documents.detail.stepAnchoring'),
                content: t('documents.detail.anchoringHint', { seconds: ANCHOR_POLL_MS / 1000 }),
                status: 'process',
                icon: <LoadingOutlined />,
              },
        ]}
      />
    </div>
  );
};
