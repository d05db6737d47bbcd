import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ExportButtons } from '../../components/ExportButtons.js';
import { useDebounced } from '../../components/hooks.js';
import { useSystemOptions } from '../../components/options.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { MaskedName, SecretBadge } from '../../components/Secrecy.js';
import { SortHeader } from '../../components/SortHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { incidentKeys, incidentsApi, SEVERITIES, STATUSES, TYPES, type IncidentQuery } from './api.js';
import { CrisisBadge, formatDateTime, StatusBadge } from './parts.js';

const FILTERS = ['q', 'status', 'type', 'severity', 'systemId', 'from', 'to', 'open', 'sort'] as const;

/** The incident register: every report, filtered in the address so a filtered view can be shared. */
export function IncidentsList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('incidents.list.title'));
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const [text, setText] = useState(get('q'));
  const debounced = useDebounced(text.trim());
  useEffect(() => {
    if (debounced !== get('q')) setParam('q', debounced);
    // only the debounced text drives the address
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k)]] : []))) as IncidentQuery;
  const filtered = FILTERS.some((k) => k !== 'sort' && params.get(k));
  const list = usePagedList(incidentKeys.all, query, incidentsApi.list);
  const systems = useSystemOptions({ keep: query.systemId ? [query.systemId] : [] });
  const sort = get('sort') || '-awareAt';
  const exportQuery = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const all = { value: '', label: t('common.all') };
  const select = (key: 'status' | 'type' | 'severity', values: readonly string[]) => (
    <NativeSelect
      id={`incidents-${key}`}
      label={t(`incidents.fields.${key}`)}
      value={get(key)}
      onChange={(e) => setParam(key, e.currentTarget.value)}
      data={[all, ...values.map((v) => ({ value: v, label: t(`incidents.${key}.${v}`) }))]}
    />
  );

  return (
    <>
      <PageHeader title={t('incidents.list.title')}>
        <Button component={Link} to="/incidents/report">
          {t('incidents.report.nav')}
        </Button>
        <ExportButtons
          path="/api/v1/incidents"
          query={exportQuery}
          filename="incidenter"
          csvLabel={t('incidents.list.csv')}
          xlsxLabel={t('incidents.list.xlsx')}
          failedText={t('incidents.list.exportFailed')}
        />
      </PageHeader>
      <Group role="search" aria-label={t('incidents.list.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
        <TextInput
          id="incidents-q"
          type="search"
          label={t('incidents.list.search')}
          description={t('incidents.list.searchHelp')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        {select('status', STATUSES)}
        {select('type', TYPES)}
        {select('severity', SEVERITIES)}
        <NativeSelect
          id="incidents-systemId"
          label={t('incidents.fields.systems')}
          value={get('systemId')}
          onChange={(e) => setParam('systemId', e.currentTarget.value)}
          data={[all, ...systems.options]}
        />
        <TextInput
          id="incidents-from"
          type="date"
          label={t('incidents.list.from')}
          value={get('from')}
          onChange={(e) => setParam('from', e.currentTarget.value)}
        />
        <TextInput
          id="incidents-to"
          type="date"
          label={t('incidents.list.to')}
          value={get('to')}
          onChange={(e) => setParam('to', e.currentTarget.value)}
        />
        <Checkbox
          id="incidents-open"
          label={t('incidents.list.onlyOpen')}
          checked={get('open') === 'true'}
          onChange={(e) => setParam('open', e.currentTarget.checked ? 'true' : '')}
          mb={8}
        />
      </Group>
      <PagedTable
        list={list}
        filtered={filtered}
        empty={t('incidents.list.empty')}
        emptyFiltered={t('incidents.list.emptyFiltered')}
        emptyCta={t('incidents.report.nav')}
        newTo="/incidents/report"
        caption={t('incidents.list.caption')}
        minWidth={1000}
        head={
          <>
            <Table.Th scope="col">{t('incidents.fields.title')}</Table.Th>
            <Table.Th scope="col">{t('incidents.fields.type')}</Table.Th>
            <SortHeader field="severity" label={t('incidents.fields.severity')} sort={sort} onSort={(s) => setParam('sort', s)} />
            <SortHeader field="status" label={t('incidents.fields.status')} sort={sort} onSort={(s) => setParam('sort', s)} />
            <SortHeader field="awareAt" label={t('incidents.fields.awareAt')} sort={sort} onSort={(s) => setParam('sort', s)} />
            <Table.Th scope="col">{t('incidents.list.nextReport')}</Table.Th>
            <Table.Th scope="col">{t('incidents.fields.handlingUnit')}</Table.Th>
          </>
        }
        row={(r) => (
          <>
            <NameCell to={`/incidents/${r.id}`} name={r.reference}>
              <Text size="sm">{r.masked ? <MaskedName /> : r.title}</Text>
              {r.crisis ? <CrisisBadge /> : null}
              {r.secret ? <SecretBadge provision={r.secrecyProvision} /> : null}
            </NameCell>
            <Table.Td>{t(`incidents.type.${r.type}`)}</Table.Td>
            <Table.Td>{r.severity ? t(`incidents.severity.${r.severity}`) : t('incidents.unassessed')}</Table.Td>
            <Table.Td>
              <StatusBadge status={r.status} />
            </Table.Td>
            <Table.Td>{formatDateTime(r.awareAt, i18n.language)}</Table.Td>
            <Table.Td>
              {r.nextDeadline ? (
                <Text size="sm" c={r.nextDeadline.overdue ? 'red.9' : undefined} fw={r.nextDeadline.overdue ? 700 : undefined}>
                  {`${t(`incidents.obligationCode.${r.nextDeadline.code}`)}: ${formatDateTime(r.nextDeadline.dueAt, i18n.language) ?? ''}`}
                  {r.nextDeadline.overdue ? ` (${t('incidents.list.overdue')})` : ''}
                </Text>
              ) : (
                '–'
              )}
            </Table.Td>
            <Table.Td>{r.handlingUnit?.name ?? '–'}</Table.Td>
          </>
        )}
      />
    </>
  );
}
