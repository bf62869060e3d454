import {
  ArrowLeftOutlined,
  DownloadOutlined,
  InboxOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Result,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../api/client.ts';
import { type IssuedDocument, useIssueDocumentBatch } from '../api/documents.ts';
import {
  CSV_MAX_BYTES,
  type CsvImportRow,
  type CsvProblem,
  csvTemplate,
  decodeCsvBytes,
  mapCsvDocuments,
  rowOfBatchField,
} from '../components/documents/csv-import.ts';
import { BATCH_MAX_DOCUMENTS } from '../components/documents/document-types.ts';
import { documentPermissions } from '../components/documents/permissions.ts';
import { useDocumentLabels } from '../components/documents/use-document-labels.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ForbiddenResult } from '../components/forbidden-result.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { useLabels } from '../i18n/labels.ts';
import { useFormat } from '../i18n/use-format.ts';
import { downloadBlob } from '../lib/table-export.ts';
import { useActiveOrg } from '../session/current-org.tsx';
import '../components/documents/documents.css';

type Parsed = {
  fileName: string;
  encoding: 'utf-8' | 'gb18030';
  documents: CsvImportRow[];
  problems: CsvProblem[];
};

/** A problem shown in the table: from the file check, or from the server's answer to the batch. */
type ProblemRow = { key: string; row: number | null; column: string | null; message: string };

export const DocumentsImportPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { role } = useActiveOrg();
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/documents')} data-testid="documents-back">
      {t('documents.backToList')}
    </Button>
  );
  if (!documentPermissions(role).canIssue) {
    return (
      <div className="page">
        <PageHeader title={t('documents.import.title')} extra={back} />
        <ForbiddenResult />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title={t('documents.import.title')}
        subtitle={t('documents.import.subtitle')}
        extra={back}
      />
      <ImportFlow />
    </div>
  );
};

const ImportFlow = () => {
  const { t } = useTranslation();
  const labels = useLabels();
  const documentLabels = useDocumentLabels();
  const format = useFormat();
  const { orgId } = useActiveOrg();
  const batch = useIssueDocumentBatch(orgId);
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [issued, setIssued] = useState<IssuedDocument[] | null>(null);

  const problemText = (problem: CsvProblem): string =>
    t(`documents.import.problems.${problem.code}`, {
      detail: problem.detail ?? '',
      max: format.number(BATCH_MAX_DOCUMENTS),
    });

  const readFile = async (file: File) => {
    batch.reset();
    setIssued(null);
    if (file.size > CSV_MAX_BYTES) {
      setParsed({
        fileName: file.name,
        encoding: 'utf-8',
        documents: [],
        problems: [{ row: null, column: null, code: 'fileTooLarge' }],
      });
      return;
    }
    const { text, encoding } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    setParsed({ fileName: file.name, encoding, ...mapCsvDocuments(text) });
  };

  const send = async () => {
    if (!parsed || parsed.documents.length === 0) {
      return;
    }
    try {
      const answer = await batch.mutateAsync(parsed.documents.map((item) => item.input));
      setIssued(answer.items);
    } catch {
      // The answer's problems are listed below the preview by row; nothing was issued.
    }
  };

  const downloadTemplate = () =>
    // With a byte order mark so Excel opens the Chinese example names as UTF-8.
    downloadBlob(
      new Blob([`\uFEFF${csvTemplate()}`], { type: 'text/csv;charset=utf-8' }),
      'tradehub-documents-template.csv',
    );

  if (issued) {
    return (
      <Card>
        <Result
          status="success"
          title={t('documents.import.issued', { formatted: format.number(issued.length) })}
          subTitle={t('documents.import.issuedHint')}
          data-testid="documents-import-done"
          extra={[
            <Link key="list" to="/documents">
              {t('documents.import.toList')}
            </Link>,
          ]}
        />
        <Table<IssuedDocument>
          rowKey="id"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          dataSource={issued}
          columns={[
            {
              key: 'number',
              title: t('documents.columns.number'),
              render: (_, doc) => (
                <Link to={`/documents/${encodeURIComponent(doc.id)}`}>{doc.documentNumber}</Link>
              ),
            },
            {
              key: 'docHash',
              title: t('documents.columns.docHash'),
              render: (_, doc) => (
                <Typography.Text className="mono">{doc.docHash.slice(0, 16)}…</Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    );
  }

  // The server's field errors, placed on the file's rows; other failures are shown as one alert.
  const serverProblems: ProblemRow[] =
    batch.isError && isApiError(batch.error) && parsed
      ? batch.error.errors.map((item, index) => {
          const at = rowOfBatchField(item.field, parsed.documents);
          return {
            key: `server-${index}`,
            row: at?.row ?? null,
            column: at ? at.column || null : item.field || null,
            message: documentLabels.moduleFieldError(item.code) ?? labels.fieldError(item.code, item.message),
          };
        })
      : [];
  const fileProblems: ProblemRow[] = (parsed?.problems ?? []).map((problem, index) => ({
    key: `file-${index}`,
    row: problem.row,
    column: problem.column,
    message: problemText(problem),
  }));
  const problems = [...fileProblems, ...serverProblems];

  const problemColumns: TableColumnsType<ProblemRow> = [
    {
      key: 'row',
      title: t('documents.import.row'),
      render: (_, p) => (p.row === null ? '—' : format.number(p.row)),
    },
    {
      key: 'column',
      title: t('documents.import.column'),
      render: (_, p) => (p.column ? <Typography.Text code>{p.column}</Typography.Text> : '—'),
    },
    { key: 'message', title: t('documents.import.problem'), render: (_, p) => p.message },
  ];

  const previewColumns: TableColumnsType<CsvImportRow> = [
    { key: 'row', title: t('documents.import.row'), render: (_, item) => format.number(item.row) },
    {
      key: 'type',
      title: t('documents.columns.type'),
      render: (_, item) => documentLabels.type(item.input.documentType),
    },
    {
      key: 'number',
      title: t('documents.columns.number'),
      render: (_, item) => <span className="documents-number">{item.input.documentNumber}</span>,
    },
    {
      key: 'fields',
      title: t('documents.import.fields'),
      render: (_, item) => format.number(Object.keys(item.input.subject).length),
    },
  ];

  return (
    <>
      <Card className="documents-section-card">
        <Typography.Paragraph>
          {t('documents.import.explain', { max: format.number(BATCH_MAX_DOCUMENTS) })}
        </Typography.Paragraph>
        <Flex wrap gap={8} className="block-gap">
          <Button
            icon={<DownloadOutlined />}
            onClick={downloadTemplate}
            data-testid="documents-import-template"
          >
            {t('documents.import.template')}
          </Button>
        </Flex>
        <Upload.Dragger
          accept=".csv,text/csv"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void readFile(file);
            // Read in the browser; nothing is uploaded until the batch is confirmed.
            return false;
          }}
          data-testid="documents-import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('documents.import.drop')}</p>
          <p className="ant-upload-hint">{t('documents.import.dropHint')}</p>
        </Upload.Dragger>
      </Card>
      {parsed ? (
        <Card
          className="documents-section-card"
          title={
            <Space wrap>
              <span className="documents-breakable">{parsed.fileName}</span>
              {parsed.encoding === 'gb18030' ? <Tag>{t('documents.import.readAsGb18030')}</Tag> : null}
            </Space>
          }
          data-testid="documents-import-result"
        >
          {batch.isError && serverProblems.length === 0 ? <ErrorAlert error={batch.error} /> : null}
          {problems.length > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                className="block-gap"
                title={t('documents.import.hasProblems', { formatted: format.number(problems.length) })}
                data-testid="documents-import-problems-summary"
              />
              <Table<ProblemRow>
                rowKey="key"
                size="small"
                columns={problemColumns}
                dataSource={problems}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                data-testid="documents-import-problems"
              />
            </>
          ) : null}
          {parsed.documents.length > 0 ? (
            <>
              <Alert
                type={batch.isError ? 'warning' : 'success'}
                showIcon
                className="block-gap"
                title={t('documents.import.ready', { formatted: format.number(parsed.documents.length) })}
              />
              <Table<CsvImportRow>
                rowKey="row"
                size="small"
                columns={previewColumns}
                dataSource={parsed.documents}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                scroll={{ x: 'max-content' }}
                className="block-gap"
                data-testid="documents-import-preview"
              />
              <Flex justify="flex-end">
                <Button
                  type="primary"
                  icon={<SafetyCertificateOutlined />}
                  loading={batch.isPending}
                  onClick={() => void send()}
                  data-testid="documents-import-submit"
                >
                  {t('documents.import.submit', { formatted: format.number(parsed.documents.length) })}
                </Button>
              </Flex>
            </>
          ) : null}
        </Card>
      ) : null}
    </>
  );
};
