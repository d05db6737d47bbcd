import { Button, Group, NativeSelect, SimpleGrid, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { PageHeader } from '../../components/PageHeader.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { analysesApi, riskKeys, risksApi, type HeatQuery } from './api.js';
import { HeatTable } from './parts.js';

const FILTERS = ['analysisId', 'systemId', 'unitId', 'matrixSize'] as const;

/** Inherent and residual risk side by side, as tables with counts, band text and colour. */
export function HeatMapPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('risks.heatMap'));
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as HeatQuery;
  // The previous map stays while a new filter loads, so the live summary is not torn down and re-read.
  const map = useQuery({
    queryKey: [...riskKeys.all, 'heat', query],
    queryFn: () => risksApi.heatMap(query),
    placeholderData: keepPreviousData,
  });
  const analyses = useQuery({ queryKey: [...riskKeys.analyses, 'options'], queryFn: () => analysesApi.list({ limit: 200 }) });
  const systems = useSystemOptions({ keep: query.systemId ? [query.systemId] : [] });
  const units = useOrgUnitOptions();
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const all = { value: '', label: t('risks.all') };
  const link = (bandOf: 'inherent' | 'residual') => (likelihood: number, consequence: number) => {
    const q = new URLSearchParams({
      ...Object.fromEntries(Object.entries(query).filter(([k]) => k !== 'matrixSize')),
      bandOf,
      likelihood: String(likelihood),
      consequence: String(consequence),
    } as Record<string, string>);
    return `/risks/list?${q.toString()}`;
  };
  return (
    <>
      <PageHeader title={t('risks.heatMap')}>
        <Button variant="default" className="no-print" onClick={() => window.print()}>
          {t('risks.print')}
        </Button>
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('risks.heatIntro')}
      </Text>
      <Group mb="md" align="end" className="no-print">
        <NativeSelect
          id="heat-analysis"
          label={t('risks.analysis')}
          value={query.analysisId ?? ''}
          onChange={(e) => setFilter('analysisId', e.currentTarget.value)}
          data={[all, ...(analyses.data?.items ?? []).map((a) => ({ value: a.id, label: a.title ?? t('risks.masked') }))]}
        />
        <NativeSelect
          id="heat-system"
          label={t('risks.system')}
          value={query.systemId ?? ''}
          onChange={(e) => setFilter('systemId', e.currentTarget.value)}
          data={[all, ...systems.options]}
        />
        <NativeSelect
          id="heat-unit"
          label={t('risks.unit')}
          value={query.unitId ?? ''}
          onChange={(e) => setFilter('unitId', e.currentTarget.value)}
          data={[all, ...units.options]}
        />
        <NativeSelect
          id="heat-size"
          label={t('risks.matrixSize')}
          value={String(query.matrixSize ?? '')}
          onChange={(e) => setFilter('matrixSize', e.currentTarget.value)}
          data={[
            { value: '', label: t('risks.matrixDefault') },
            { value: '4', label: '4 × 4' },
            { value: '5', label: '5 × 5' },
          ]}
        />
      </Group>
      {map.isPending ? <Loading /> : null}
      {map.isError ? <ErrorState error={map.error} onRetry={() => void map.refetch()} /> : null}
      <Text mb="sm" aria-live="polite">
        {map.data ? (
          <>
            {t('risks.heatSummary', { count: map.data.total, size: map.data.matrixSize })}
            {map.data.residualUnassessed ? ` ${t('risks.heatUnassessed', { count: map.data.residualUnassessed })}` : ''}
            {map.data.excludedOtherSize ? ` ${t('risks.heatExcluded', { count: map.data.excludedOtherSize })}` : ''}
          </>
        ) : null}
      </Text>
      {map.data ? (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
            <HeatTable title={t('risks.inherentMap')} grid={map.data.inherent} size={map.data.matrixSize} cellLink={link('inherent')} />
            <HeatTable title={t('risks.residualMap')} grid={map.data.residual} size={map.data.matrixSize} cellLink={link('residual')} />
          </SimpleGrid>
        </>
      ) : null}
    </>
  );
}
