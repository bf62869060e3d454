import { DeleteOutlined, InboxOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, List, Progress, Space, Statistic, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { customsKeys, uploadCebMessages } from '../../api/customs.ts';
import { useLabels } from '../../i18n/labels.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { progressPercent, type RejectedFile, type UploadTally } from './upload-batches.ts';

type UploadPanelProps = { orgId: string };

const rejectionText = (
  problem: RejectedFile,
  labels: ReturnType<typeof useLabels>,
  t: ReturnType<typeof useTranslation>['t'],
): string[] => {
  if (problem.kind === 'failed') {
    // The request for the file's chunk failed: say why in the app's words for that problem code.
    const error = new ApiError({ status: 0, code: problem.errorCode ?? 'client.network_error' });
    return [`${t('customs.upload.requestFailed')} ${labels.errorMessage(error)}`];
  }
  const reasons = problem.reasons.map((reason) =>
    reason.field
      ? `${reason.field}: ${labels.fieldError(reason.code, reason.message)}`
      : labels.fieldError(reason.code, reason.message),
  );
  return reasons.length > 0 ? reasons : [problem.returnInfo];
};

/**
 * Drop or pick CEB XML files and send them for the organisation: 100 messages a request, with a
 * progress bar, then the accepted / duplicate / rejected counts and each refused file's reasons.
 */
export const UploadPanel = ({ orgId }: UploadPanelProps) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [tally, setTally] = useState<UploadTally | null>(null);
  const [sending, setSending] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const send = async () => {
    setSending(true);
    setReadError(null);
    try {
      const messages = await Promise.all(
        files.map(async (file) => ({ name: file.name, xml: await file.text() })),
      );
      await uploadCebMessages(orgId, messages, setTally);
      setFiles([]);
      void queryClient.invalidateQueries({ queryKey: customsKeys.all(orgId) });
    } catch (error) {
      setReadError(error instanceof Error ? error.message : String(error));
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={t('customs.upload.title')} data-testid="customs-upload">
      <Upload.Dragger
        multiple
        accept=".xml,application/xml,text/xml"
        showUploadList={false}
        disabled={sending}
        beforeUpload={(file) => {
          // Collected here and sent in batches by "send", not one request per file.
          setFiles((previous) => [...previous, file]);
          return false;
        }}
        data-testid="customs-upload-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('customs.upload.drop')}</p>
        <p className="ant-upload-hint">{t('customs.upload.hint')}</p>
      </Upload.Dragger>
      <Flex wrap gap={8} align="center" justify="space-between" className="customs-upload-actions">
        <Typography.Text data-testid="customs-upload-selected">
          {t('customs.upload.selected', { count: files.length, formatted: format.number(files.length) })}
        </Typography.Text>
        <Space wrap>
          <Button
            icon={<DeleteOutlined />}
            disabled={files.length === 0 || sending}
            onClick={() => setFiles([])}
          >
            {t('customs.upload.clear')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={files.length === 0}
            loading={sending}
            onClick={() => void send()}
            data-testid="customs-upload-send"
          >
            {t('customs.upload.send')}
          </Button>
        </Space>
      </Flex>
      {readError !== null ? <Alert type="error" showIcon title={readError} className="block-gap" /> : null}
      {tally !== null ? (
        <div data-testid="customs-upload-result">
          <Progress
            percent={progressPercent(tally)}
            status={sending ? 'active' : tally.rejected + tally.failed > 0 ? 'exception' : 'success'}
            aria-label={t('customs.upload.progress')}
            data-testid="customs-upload-progress"
          />
          <Flex wrap gap={24} className="block-gap">
            <Statistic
              title={t('customs.upload.accepted')}
              value={tally.accepted}
              data-testid="customs-upload-accepted"
            />
            <Statistic
              title={t('customs.upload.duplicate')}
              value={tally.duplicate}
              data-testid="customs-upload-duplicate"
            />
            <Statistic
              title={t('customs.upload.rejected')}
              value={tally.rejected}
              data-testid="customs-upload-rejected"
            />
            {tally.failed > 0 ? (
              <Statistic
                title={t('customs.upload.failed')}
                value={tally.failed}
                data-testid="customs-upload-failed"
              />
            ) : null}
          </Flex>
          {tally.problems.length > 0 ? (
            <List
              size="small"
              header={t('customs.upload.problems')}
              dataSource={tally.problems}
              data-testid="customs-upload-problems"
              renderItem={(problem) => (
                <List.Item data-testid="customs-upload-problem">
                  <div className="customs-full-width">
                    <Typography.Text strong className="customs-breakable">
                      {problem.fileName}
                    </Typography.Text>{' '}
                    {problem.returnStatus !== null ? (
                      <Typography.Text type="secondary">({problem.returnStatus})</Typography.Text>
                    ) : null}
                    <ul className="customs-reasons">
                      {[...new Set(rejectionText(problem, labels, t))].map((line) => (
                        <li key={line} className="customs-breakable">
                          {line}
                        </li>
                      ))}
                    </ul>
                  </div>
                </List.Item>
              )}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
};
