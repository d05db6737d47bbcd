import { useEffect, useState } from 'react';
import { Button, Group, NativeSelect, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { riskTreatments } from '../../../shared/enums.js';
import { bandLabels, type RiskBand } from '../../../shared/risk-matrix.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { analysesApi, riskKeys, type RiskQuery } from './api.js';
import { useLang, useOwners } from './parts.js';
import { RiskTable } from './RiskTable.js';

const FILTERS = [
  'q',
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
const BANDS: RiskBand[] = ['low', 'medium', 'high', 'very_high'];

/** All risks the user may see, filtered by controls that live in the address (the heat map's cells link here). */
export function RiskList() {
  const { t } = useTranslation();
  const lang = useLang();
  useDocumentTitle(t('risks.allRisks'));
  const [params, setParams] = useSearchParams();
  const query = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as RiskQuery;
  const filtered = Object.keys(query).length > 0;
  const mayCreate = usePermission('risk', 'create');
  const analyses = useQuery({ queryKey: [...riskKeys.analyses, 'options'], queryFn: () => analysesApi.list({ limit: 200 }) });
  const systems = useSystemOptions({ keep: query.systemId ? [query.systemId] : [] });
  const units = useOrgUnitOptions();
  const owners = useOwners();
  const setFilter = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    // a cell from the heat map is one filter: changing the band drops the cell's coordinates
    if (k === 'band') ['bandOf', 'likelihood', 'consequence'].forEach((x) => next.delete(x));
    setParams(next, { replace: true });
  };
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim());
  useEffect(() => {
    if (q !== (params.get('q') ?? '')) setFilter('q', q);
    // only the debounced text drives the address
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  const all = { value: '', label: t('risks.all') };
  const select = (k: keyof RiskQuery, label: string, data: { value: string; label: string }[]) => (
    <NativeSelect
      id={`risks-filter-${k}`}
      label={label}
      value={String(query[k] ?? '')}
      onChange={(e) => setFilter(k, e.currentTarget.value)}
      data={[all, ...data]}
    />
  );
  const cell = query.likelihood && query.consequence;
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
      <Group align="flex-end" mb="md" gap="sm" role="search" aria-label={t('risks.filters')}>
        <TextInput id="risks-filter-q" label={t('risks.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        {select(
          'analysisId',
          t('risks.analysis'),
          (analyses.data?.items ?? []).map((a) => ({ value: a.id, label: a.title ?? t('risks.masked') })),
        )}
        {systems.options.length || query.systemId ? select('systemId', t('risks.system'), systems.options) : null}
        {select('unitId', t('risks.unit'), units.options)}
        {select(
          'band',
          t('risks.band'),
          BANDS.map((b) => ({ value: b, label: bandLabels[b][lang] })),
        )}
        {select('treatment', t('risks.treatment'), [
          ...riskTreatments.map((x) => ({ value: x, label: t(`risks.treatments.${x}`) })),
          { value: 'none', label: t('risks.noTreatment') },
        ])}
        {select(
          'ownerUserId',
          t('risks.owner'),
          (owners.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
        )}
        {select('approved', t('risks.approved'), [
          { value: 'true', label: t('risks.yes') },
          { value: 'false', label: t('risks.no') },
        ])}
        {select(
          'status',
          t('risks.statusLabel'),
          ['open', 'closed'].map((s) => ({ value: s, label: t(`risks.riskStatus.${s}`) })),
        )}
        {filtered ? (
          <Button
            variant="default"
            onClick={() => {
              setText('');
              setParams(new URLSearchParams(), { replace: true });
            }}
          >
            {t('risks.clearFilters')}
          </Button>
        ) : null}
      </Group>
      {cell ? (
        <Text mb="sm">
          {t('risks.cellFilter', {
            map: query.bandOf === 'residual' ? t('risks.residualMap') : t('risks.inherentMap'),
            likelihood: query.likelihood,
            consequence: query.consequence,
          })}
        </Text>
      ) : null}
      <RiskTable query={query} filtered={filtered} newTo={mayCreate ? '/risks' : undefined} />
    </>
  );
}
