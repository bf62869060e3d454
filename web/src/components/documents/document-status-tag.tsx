import { LoadingOutlined } from '@ant-design/icons';
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isFreshlyPending } from '../../api/documents.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { type DocumentStatus, STATUS_COLOURS } from './document-types.ts';
import { useDocumentLabels } from './use-document-labels.ts';

export const DocumentStatusTag = ({ status, testId }: { status: DocumentStatus; testId?: string }) => {
  const labels = useDocumentLabels();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid={testId ?? 'document-status'} data-status={status}>
      {labels.status(status)}
    </Tag>
  );
};

/**
 * The log index once the ISSUE entry is integrated; "anchoring…" with a spinner while a document
 * issued moments ago waits for it. The list only knows an index the server has already looked up
 * (it does so when the document is opened), so an older row without one says just that.
 */
export const LogIndexCell = ({ logIndex, issuedAt }: { logIndex: number | null; issuedAt: string }) => {
  const { t } = useTranslation();
  const format = useFormat();
  if (logIndex !== null) {
    return (
      <span className="mono nowrap" data-testid="document-log-index" data-anchored="true">
        #{format.number(logIndex, { useGrouping: false })}
      </span>
    );
  }
  return isFreshlyPending({ logIndex, issuedAt }) ? (
    <Tag icon={<LoadingOutlined />} color="processing" data-testid="document-log-index" data-anchored="false">
      {t('documents.anchoring')}
    </Tag>
  ) : (
    <Tooltip title={t('documents.logIndexOnOpen')}>
      <Typography.Text type="secondary" data-testid="document-log-index" data-anchored="unknown">
        —
      </Typography.Text>
    </Tooltip>
  );
};
