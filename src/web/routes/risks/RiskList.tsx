import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import type { RiskQuery } from './api.js';
import { RiskTable } from './RiskTable.js';

const FILTERS = [
  'analysisId',
  'systemId',
  'assetId',
  'unitId',
  'band',
  'bandOf',
  'likelihood',
  'consequence',
  'treatment',
  'ownerUserId',
  'approved',
  'status',
];

/** All risks the user may see, filtered by the address (the heat map's cells link here). */
export function RiskList() {
  const { t } = useTranslation();
  useDocumentTitle(t('risks.allRisks'));
  const [params] = useSearchParams();
  const query = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as RiskQuery;
  const filtered = Object.keys(query).length > 0;
  return (
    <>
      <PageHeader title={t('risks.allRisks')}>
        <ExportButtons
          path="/api/v1/risks"
          query={new URLSearchParams(query as Record<string, string>).toString()}
          filename="risker"
          csvLabel={t('risks.exportCsv')}
          xlsxLabel={t('risks.exportXlsx')}
          failedText={t('risks.exportFailed')}
        />
      </PageHeader>
      {filtered ? <Text mb="sm">{t('risks.filteredList')}</Text> : null}
      <RiskTable query={query} newTo="/risks" />
    </>
  );
}
