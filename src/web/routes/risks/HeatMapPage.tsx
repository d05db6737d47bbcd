import { Group, NativeSelect, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { keys, orgUnitsApi, systemsApi } from '../../api/resources.js';
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
  const map = useQuery({ queryKey: [...riskKeys.all, 'heat', query], queryFn: () => risksApi.heatMap(query) });
  const analyses = useQuery({ queryKey: [...riskKeys.analyses, 'options'], queryFn: () => analysesApi.list({ limit: 200 }) });
  const systems = useQuery({ queryKey: [...keys.systems, 'options-heat'], queryFn: () => systemsApi.list({ limit: 200, sort: 'name' }) });
  const units = useQuery({ queryKey: [...keys.orgUnits, 'options'], queryFn: () => orgUnitsApi.list({ limit: 200 }) });
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
      <PageHeader title={t('risks.heatMap')} />
      <Text mb="md" maw={900}>
        {t('risks.heatIntro')}
      </Text>
      <Group mb="md" align="end">
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
          data={[all, ...(systems.data?.items ?? []).map((s) => ({ value: s.id, label: s.name ?? '' }))]}
        />
        <NativeSelect
          id="heat-unit"
          label={t('risks.unit')}
          value={query.unitId ?? ''}
          onChange={(e) => setFilter('unitId', e.currentTarget.value)}
          data={[all, ...(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
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
      {map.data ? (
        <>
          <Text mb="sm" aria-live="polite">
            {t('risks.heatSummary', { total: map.data.total, size: map.data.matrixSize })}
            {map.data.residualUnassessed ? ` ${t('risks.heatUnassessed', { count: map.data.residualUnassessed })}` : ''}
            {map.data.excludedOtherSize ? ` ${t('risks.heatExcluded', { count: map.data.excludedOtherSize })}` : ''}
          </Text>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
            <HeatTable title={t('risks.inherentMap')} grid={map.data.inherent} size={map.data.matrixSize} cellLink={link('inherent')} />
            <HeatTable title={t('risks.residualMap')} grid={map.data.residual} size={map.data.matrixSize} cellLink={link('residual')} />
          </SimpleGrid>
        </>
      ) : null}
    </>
  );
}
