import { App } from 'antd';
import { useState } from 'react';
import { useLabels } from '../i18n/labels.ts';
import { csvBlob, downloadBlob, type ExportColumn, exportFileName, xlsxBlob } from '../lib/table-export.ts';

export type ExportFormat = 'csv' | 'xlsx';

export type TableExport<Row> = {
  /** A stable key for the progress message. */
  key: string;
  fileNamePrefix: string;
  sheetName: () => string;
  columns: () => readonly ExportColumn<Row>[];
  /** Fetches every row to export (up to a limit), reporting how many it has so far. */
  collect: (onProgress: (count: number) => void) => Promise<{ rows: Row[]; truncated: boolean }>;
  /** Texts of the progress, finished and truncated messages, for a row count. */
  messages: {
    progress: (count: number) => string;
    done: (count: number) => string;
    truncated: (count: number) => string;
  };
};

/**
 * Exports a whole table (all pages, not just the loaded ones) to CSV or XLSX, showing progress in
 * one message that turns into the outcome; `exporting` is the format in progress, for the buttons.
 */
export const useTableExport = <Row>(spec: TableExport<Row>) => {
  const labels = useLabels();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState<ExportFormat | null>(null);

  const runExport = async (kind: ExportFormat) => {
    setExporting(kind);
    try {
      const { rows, truncated } = await spec.collect((count) => {
        void message.open({
          key: spec.key,
          type: 'loading',
          content: spec.messages.progress(count),
          duration: 0,
        });
      });
      const columns = spec.columns();
      const blob = kind === 'csv' ? csvBlob(columns, rows) : await xlsxBlob(columns, rows, spec.sheetName());
      downloadBlob(blob, exportFileName(spec.fileNamePrefix, kind));
      void message.open({
        key: spec.key,
        type: truncated ? 'warning' : 'success',
        content: truncated ? spec.messages.truncated(rows.length) : spec.messages.done(rows.length),
        duration: 4,
      });
    } catch (error) {
      void message.open({ key: spec.key, type: 'error', content: labels.errorMessage(error), duration: 6 });
    } finally {
      setExporting(null);
    }
  };

  return { exporting, runExport };
};
