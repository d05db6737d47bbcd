import { useState } from 'react';
import { Button } from '@mantine/core';
import { download } from '../api/client.js';
import { useNotify } from './notify.js';
import { useErrorText } from './States.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Props {
  /** The list URL: CSV comes from it with `Accept: text/csv`, Excel from `${path}/export.xlsx`. */
  path: string;
  /** Query string with the list's filters and order. */
  query: string;
  /** File name without extension. */
  filename: string;
  csvLabel: string;
  xlsxLabel: string;
  failedText: string;
}

/** CSV and Excel export of a register list with its current filters. */
export function ExportButtons({ path, query, filename, csvLabel, xlsxLabel, failedText }: Props) {
  const notify = useNotify();
  const errorText = useErrorText();
  const [exporting, setExporting] = useState(false);

  const run = async (kind: 'csv' | 'xlsx') => {
    setExporting(true);
    try {
      if (kind === 'csv') await download(`${path}?${query}`, 'text/csv', `${filename}.csv`);
      else await download(`${path}/export.xlsx?${query}`, XLSX, `${filename}.xlsx`);
    } catch (e) {
      notify(`${failedText} ${errorText(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Button variant="default" disabled={exporting} onClick={() => void run('csv')}>
        {csvLabel}
      </Button>
      <Button variant="default" disabled={exporting} onClick={() => void run('xlsx')}>
        {xlsxLabel}
      </Button>
    </>
  );
}
