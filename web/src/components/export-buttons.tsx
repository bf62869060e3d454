import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { csvBlob, downloadBlob, type ExportColumn, exportFileName, xlsxBlob } from '../lib/table-export.ts';

type ExportButtonsProps<Row> = {
  rows: readonly Row[];
  columns: readonly ExportColumn<Row>[];
  /** File name prefix and XLSX sheet name. */
  fileName: string;
  sheetName: string;
  testIdPrefix: string;
};

/** CSV and XLSX export of a table that is already loaded in full (members, API keys). */
export const ExportButtons = <Row,>({
  rows,
  columns,
  fileName,
  sheetName,
  testIdPrefix,
}: ExportButtonsProps<Row>) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const exportXlsx = async () => {
    setBusy(true);
    try {
      downloadBlob(await xlsxBlob(columns, rows, sheetName), exportFileName(fileName, 'xlsx'));
    } catch {
      void message.error(t('tableExport.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space wrap>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        disabled={rows.length === 0}
        onClick={() => downloadBlob(csvBlob(columns, rows), exportFileName(fileName, 'csv'))}
        data-testid={`${testIdPrefix}-export-csv`}
      >
        {t('tableExport.csv')}
      </Button>
      <Button
        size="small"
        icon={<FileExcelOutlined />}
        loading={busy}
        disabled={rows.length === 0}
        onClick={() => void exportXlsx()}
        data-testid={`${testIdPrefix}-export-xlsx`}
      >
        {t('tableExport.xlsx')}
      </Button>
    </Space>
  );
};
