import { useMemo, useState } from 'react';
import { Button, Group, Text, Title } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { auditApi, auditExportUrl, auditKeys, type AuditEvent } from '../../api/audit.js';
import { download } from '../../api/client.js';
import { Forbidden } from '../../components/Forbidden.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Loading, useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useMe, mayDo } from '../auth/session.js';
import { AuditFilters } from './AuditFilters.js';
import { ChainCheck } from './ChainCheck.js';
import { Checkpoints } from './Checkpoints.js';
import { actorName, EventsTable } from './EventsTable.js';
import { anyFilter, apiFilter, FILTER_KEYS, readFilters, type FilterKey } from './filters.js';

/** /audit: the organisation's audit trail for coordinators and auditors. */
export function AuditTrail() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!mayDo(me.data, 'audit-trail')) return <Forbidden title={t('audit.forbiddenTitle')} body={t('audit.forbiddenBody')} />;
  return <AuditPage />;
}

const EXPORTS = { csv: 'text/csv', jsonl: 'application/x-ndjson, application/jsonl, */*' } as const;

function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('audit.title'));
  const notify = useNotify();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const values = readFilters(params);
  const filter = useMemo(() => apiFilter(values), [params]); // eslint-disable-line react-hooks/exhaustive-deps
  const [exporting, setExporting] = useState(false);

  const list = useInfiniteQuery({
    queryKey: auditKeys.events(filter),
    queryFn: ({ pageParam }) => auditApi.events({ ...filter, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: FilterKey, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const key of FILTER_KEYS) next.delete(key);
    setParams(next, { replace: true });
  };

  const seenActors = useMemo(() => {
    const seen = new Map<string, string>();
    for (const e of list.data?.pages.flatMap((p) => p.items) ?? ([] as AuditEvent[]))
      if (e.actor) seen.set(e.actor.id, actorName(t, e.actor));
    return [...seen].map(([id, name]) => ({ id, name }));
  }, [list.data, t]);

  const runExport = async (kind: keyof typeof EXPORTS) => {
    setExporting(true);
    try {
      await download(auditExportUrl(kind, filter), EXPORTS[kind], `handelselogg-${new Date().toISOString().slice(0, 10)}.${kind}`);
    } catch (e) {
      notify(`${t('audit.exportFailed')} ${errorText(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Text maw={900} mb="lg">
        {t('audit.intro')}
      </Text>
      <Title order={2} mb="sm">
        {t('audit.filtersHeading')}
      </Title>
      <AuditFilters values={values} onChange={setFilter} onClear={clear} seenActors={seenActors} />
      {values.entityId ? (
        <Group gap="sm" mb="md">
          <Text size="sm">
            {t('audit.objectFilter')} <code>{values.entityId}</code>
          </Text>
          <Button variant="default" size="xs" onClick={() => setFilter('entityId', '')}>
            {t('audit.clearObject')}
          </Button>
        </Group>
      ) : null}
      <Group justify="space-between" align="flex-end" mb="sm" wrap="wrap">
        <Title order={2}>{t('audit.eventsHeading')}</Title>
        <Group gap="sm">
          <Button variant="default" disabled={exporting} onClick={() => void runExport('csv')}>
            {t('audit.exportCsv')}
          </Button>
          <Button variant="default" disabled={exporting} onClick={() => void runExport('jsonl')}>
            {t('audit.exportJsonl')}
          </Button>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm" maw={900}>
        {t('audit.exportHelp')}
      </Text>
      <EventsTable list={list} filtered={anyFilter(values)} onFilter={setFilter} />
      <ChainCheck />
      <Checkpoints />
    </>
  );
}
