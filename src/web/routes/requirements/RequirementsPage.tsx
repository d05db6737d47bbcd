import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState } from '../../components/States.js';
import { ArchivedBadge } from '../../components/StatusBadge.js';
import { useNotify } from '../../components/notify.js';
import { useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { AREAS, ASPECTS, KINDS, requirementKeys, requirementsApi, type Requirement, type RequirementQuery } from './api.js';
import { ImportModal } from './ImportModal.js';
import { RequirementForm } from './RequirementForm.js';

const FILTERS = ['q', 'aspect', 'kind', 'area', 'minLevel', 'includeArchived'] as const;

/** "Kravkatalog": the tenant's requirements, with filters, create/edit, archive, import and the starter catalogue (D2-24). */
export function RequirementsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('requirements.title'));
  const notify = useNotify();
  const errorText = useErrorText();
  const client = useQueryClient();
  const mayCreate = usePermission('requirement', 'create');
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Requirement | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [installing, setInstalling] = useState(false);

  const get = (k: (typeof FILTERS)[number]) => params.get(k) ?? '';
  const query: RequirementQuery = {
    q: get('q') || undefined,
    aspect: (get('aspect') || undefined) as RequirementQuery['aspect'],
    kind: (get('kind') || undefined) as RequirementQuery['kind'],
    area: (get('area') || undefined) as RequirementQuery['area'],
    minLevel: get('minLevel') ? Number(get('minLevel')) : undefined,
    includeArchived: get('includeArchived') === 'true' ? 'true' : undefined,
  };
  const update = (k: (typeof FILTERS)[number], v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const filtered = FILTERS.some((k) => k !== 'includeArchived' && get(k));
  const list = usePagedList([...requirementKeys.all], query, requirementsApi.list);
  const empty = list.isSuccess && !filtered && list.data.pages[0]?.items.length === 0;
  // Every catalogue change alters which requirements the systems' gap analyses list.
  const refresh = () =>
    Promise.all([client.invalidateQueries({ queryKey: requirementKeys.all }), client.invalidateQueries({ queryKey: ['gap-analysis'] })]);

  const install = async () => {
    setInstalling(true);
    try {
      const r = await requirementsApi.starter();
      notify(r.added ? t('requirements.installed', { count: r.added }) : t('requirements.installedNone'));
      await refresh();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setInstalling(false);
    }
  };
  const installButton = (
    <Button variant={empty ? 'filled' : 'default'} loading={installing} onClick={() => void install()}>
      {t('requirements.installStarter')}
    </Button>
  );
  const exportQuery = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][]).toString();

  return (
    <>
      <PageHeader title={t('requirements.title')}>
        {mayCreate ? (
          <>
            <Button onClick={() => setEditing('new')}>{t('requirements.new')}</Button>
            <Button variant="default" onClick={() => setImporting(true)}>
              {t('requirements.import.open')}
            </Button>
            {empty ? null : installButton}
          </>
        ) : null}
        <ExportButtons
          path="/api/v1/requirements"
          query={exportQuery}
          filename="kravkatalog"
          csvLabel={t('requirements.exportCsv')}
          xlsxLabel={t('requirements.exportXlsx')}
          failedText={t('requirements.exportFailed')}
        />
      </PageHeader>
      <Text mb="md" maw={800}>
        {t('requirements.intro')}
      </Text>
      <Group align="flex-end" mb="md" gap="sm" role="search" aria-label={t('requirements.filters')}>
        <TextInput label={t('requirements.search')} defaultValue={get('q')} onChange={(e) => update('q', e.currentTarget.value)} />
        <NativeSelect
          label={t('requirements.fields.aspect')}
          value={get('aspect')}
          onChange={(e) => update('aspect', e.currentTarget.value)}
          data={[
            { value: '', label: t('requirements.allAspects') },
            ...ASPECTS.map((a) => ({ value: a, label: t(`requirements.aspects.${a}`) })),
          ]}
        />
        <NativeSelect
          label={t('requirements.fields.kind')}
          value={get('kind')}
          onChange={(e) => update('kind', e.currentTarget.value)}
          data={[
            { value: '', label: t('requirements.allKinds') },
            ...KINDS.map((k) => ({ value: k, label: t(`requirements.kinds.${k}`) })),
          ]}
        />
        <NativeSelect
          label={t('requirements.fields.area')}
          value={get('area')}
          onChange={(e) => update('area', e.currentTarget.value)}
          data={[
            { value: '', label: t('requirements.allAreas') },
            ...AREAS.map((a) => ({ value: a, label: t(`requirements.areas.${a}`) })),
          ]}
        />
        <NativeSelect
          label={t('requirements.levelFilter')}
          value={get('minLevel')}
          onChange={(e) => update('minLevel', e.currentTarget.value)}
          data={[
            { value: '', label: t('requirements.allLevels') },
            ...['1', '2', '3'].map((l) => ({ value: l, label: t('requirements.levelN', { level: l }) })),
          ]}
        />
        <ArchivedSwitch
          id="req-archived"
          checked={get('includeArchived') === 'true'}
          onChange={(on) => update('includeArchived', on ? 'true' : '')}
        />
      </Group>
      {empty ? (
        <EmptyState
          text={mayCreate ? t('requirements.empty') : t('requirements.emptyReadOnly')}
          action={mayCreate ? installButton : null}
        />
      ) : (
        <PagedTable
          list={list}
          filtered={filtered}
          empty={t('requirements.emptyReadOnly')}
          emptyFiltered={t('requirements.emptyFiltered')}
          emptyCta={t('requirements.new')}
          newTo="/requirements"
          caption={t('requirements.caption')}
          minWidth={900}
          head={
            <>
              <Table.Th scope="col">{t('requirements.fields.code')}</Table.Th>
              <Table.Th scope="col">{t('requirements.fields.text')}</Table.Th>
              <Table.Th scope="col">{t('requirements.fields.aspect')}</Table.Th>
              <Table.Th scope="col">{t('requirements.fields.minLevel')}</Table.Th>
              <Table.Th scope="col">{t('requirements.fields.kind')}</Table.Th>
              <Table.Th scope="col">{t('requirements.fields.area')}</Table.Th>
              {mayCreate ? <Table.Th scope="col">{t('requirements.actions')}</Table.Th> : null}
            </>
          }
          row={(r) => (
            <>
              <Table.Th scope="row">
                {r.code}
                {r.archived ? <ArchivedBadge /> : null}
              </Table.Th>
              <Table.Td>
                <Text size="sm">{r.text}</Text>
                {r.source ? (
                  <Text size="xs" c="dimmed">
                    {t('requirements.fields.source')}: {r.source}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{t(`requirements.aspects.${r.aspect}`)}</Table.Td>
              <Table.Td>{r.minLevel}</Table.Td>
              <Table.Td>
                <Badge variant="light" c="dark.9" tt="none">
                  {t(`requirements.kindShort.${r.kind}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{t(`requirements.areas.${r.area}`)}</Table.Td>
              {mayCreate ? (
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {r.allowedActions.includes('update') ? (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('requirements.editNamed', { code: r.code })}
                        onClick={() => setEditing(r)}
                      >
                        {t('common.edit')}
                      </Button>
                    ) : null}
                    <ArchiveControls
                      allowed={r.allowedActions}
                      archived={r.archived}
                      confirmTitle={t('requirements.archiveTitle')}
                      confirmBody={t('requirements.archiveBody', { code: r.code })}
                      archivedNotice={t('requirements.archived')}
                      restoredNotice={t('requirements.restored')}
                      archiveLabel={`${t('common.archive')} ${r.code}`}
                      restoreLabel={`${t('common.restore')} ${r.code}`}
                      onArchive={async () => {
                        await requirementsApi.archive(r.id, `"v${r.version}"`);
                        await refresh();
                      }}
                      onRestore={async () => {
                        await requirementsApi.restore(r.id, `"v${r.version}"`);
                        await refresh();
                      }}
                    />
                  </Group>
                </Table.Td>
              ) : null}
            </>
          )}
        />
      )}
      {editing ? (
        <RequirementForm
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          requirement={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onReload={async () => {
            if (editing === 'new') return;
            const fresh = await requirementsApi.get(editing.id);
            setEditing(fresh.data);
            void refresh();
          }}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
      {importing ? (
        <ImportModal
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            void refresh();
          }}
        />
      ) : null}
    </>
  );
}
