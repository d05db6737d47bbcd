import { useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { download } from '../../api/client.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, Loaded, useErrorText } from '../../components/States.js';
import { useNotify } from '../../components/notify.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import {
  AREAS,
  ASPECTS,
  KINDS,
  STATUSES,
  gapApi,
  requirementKeys,
  type GapAnalysis,
  type GapItem,
  type GapQuery,
} from '../requirements/api.js';
import { AssessModal } from './AssessModal.js';
import { AssetsToClassify, GapStatusBadge, GapSummaryText } from './parts.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILTERS = ['status', 'aspect', 'kind', 'area'] as const;

/** The gap analysis of one system (D2-24, D1-23): the requirements its levels bring and how each is met. */
export function GapAnalysisPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query: GapQuery = Object.fromEntries(FILTERS.map((k) => [k, params.get(k) || undefined]));
  const gap = useQuery({
    queryKey: [...requirementKeys.gap(id), query],
    queryFn: () => gapApi.get(id, query),
    placeholderData: keepPreviousData,
  });
  const title = gap.data
    ? gap.data.system.name
      ? t('requirements.gap.pageTitle', { name: gap.data.system.name })
      : t('requirements.gap.maskedSystem')
    : t('requirements.gap.title');
  useDocumentTitle(title);
  const update = (k: (typeof FILTERS)[number], v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  return (
    <Loaded query={gap} title={t('requirements.gap.title')}>
      {(g) => <GapView g={g} systemId={id} title={title} query={query} onFilter={update} />}
    </Loaded>
  );
}

function GapView({
  g,
  systemId,
  title,
  query,
  onFilter,
}: {
  g: GapAnalysis;
  systemId: string;
  title: string;
  query: GapQuery;
  onFilter: (k: (typeof FILTERS)[number], v: string) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const client = useQueryClient();
  // Held by id so a reload after a 412 shows the assessment someone else saved.
  const [editingId, setEditingId] = useState<string | null>(null);
  const editing = editingId ? [...g.items, ...g.noLongerApplicable].find((i) => i.requirement.id === editingId) : undefined;
  const setEditing = (i: GapItem | null) => setEditingId(i ? i.requirement.id : null);
  const filtered = FILTERS.some((k) => query[k]);

  const exportXlsx = async () => {
    const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]).toString();
    try {
      await download(`/api/v1/systems/${encodeURIComponent(systemId)}/gap-analysis/export.xlsx?${qs}`, XLSX, 'gap-analys.xlsx');
    } catch (e) {
      notify(`${t('requirements.gap.exportFailed')} ${errorText(e)}`, 'error');
    }
  };

  const select = (k: (typeof FILTERS)[number], label: string, options: { value: string; label: string }[]) => (
    <NativeSelect
      label={label}
      value={query[k] ?? ''}
      onChange={(e) => onFilter(k, e.currentTarget.value)}
      data={[{ value: '', label: t('requirements.gap.allStatuses') }, ...options]}
    />
  );

  return (
    <>
      <Anchor component={Link} to={`/systems/${systemId}`} size="sm">
        {t('requirements.gap.backToSystem')}
      </Anchor>
      <PageHeader title={title}>
        <Button variant="default" onClick={() => void exportXlsx()}>
          {t('requirements.gap.export')}
        </Button>
      </PageHeader>
      <Text mb="md" maw={800}>
        {t('requirements.gap.intro')}
      </Text>
      <section aria-labelledby="gap-level">
        <Title order={2} size="h4" id="gap-level" mb="xs">
          {t('requirements.gap.protectionLevel')}
        </Title>
        <Group gap="sm" mb="md">
          {ASPECTS.map((a) => (
            <Badge key={a} size="lg" variant="light" c="dark.9" tt="none">
              {t(`requirements.aspects.${a}`)}: {g.protectionLevel[a]}
            </Badge>
          ))}
        </Group>
      </section>
      {!g.classified ? (
        <section aria-labelledby="gap-assets">
          <Text mb="sm">{t('requirements.gap.notClassified')}</Text>
          <Title order={2} size="h4" id="gap-assets" mb="xs">
            {t('requirements.gap.assetsHeading')}
          </Title>
          <AssetsToClassify systemId={systemId} />
          <Anchor component={Link} to="/classification" size="sm">
            {t('requirements.gap.toClassification')}
          </Anchor>
        </section>
      ) : (
        <>
          <Text fw={500} mb="md" role="status">
            <GapSummaryText summary={g.summary} />
          </Text>
          <Group align="flex-end" mb="md" gap="sm" role="search" aria-label={t('requirements.filters')}>
            {select('status', t('requirements.gap.statusFilter'), [
              { value: 'not_assessed', label: t('requirements.gap.notAssessed') },
              ...STATUSES.map((s) => ({ value: s, label: t(`requirements.gap.statuses.${s}`) })),
            ])}
            {select(
              'aspect',
              t('requirements.fields.aspect'),
              ASPECTS.map((a) => ({ value: a, label: t(`requirements.aspects.${a}`) })),
            )}
            {select(
              'kind',
              t('requirements.fields.kind'),
              KINDS.map((k) => ({ value: k, label: t(`requirements.kinds.${k}`) })),
            )}
            {select(
              'area',
              t('requirements.fields.area'),
              AREAS.map((a) => ({ value: a, label: t(`requirements.areas.${a}`) })),
            )}
          </Group>
          {g.items.length === 0 ? (
            <EmptyState
              text={filtered ? t('requirements.gap.emptyFiltered') : t('requirements.gap.emptyCatalogue')}
              action={
                filtered ? null : (
                  <Button component={Link} to="/requirements" variant="default">
                    {t('requirements.gap.toCatalogue')}
                  </Button>
                )
              }
            />
          ) : (
            <GapTable items={g.items} canAssess={g.canAssess} onAssess={setEditing} caption={t('requirements.gap.caption')} />
          )}
          {g.noLongerApplicable.length ? (
            <section aria-labelledby="gap-gone">
              <Title order={2} size="h4" id="gap-gone" mt="xl" mb="xs">
                {t('requirements.gap.noLongerTitle')}
              </Title>
              <Text mb="sm">{t('requirements.gap.noLongerIntro')}</Text>
              <GapTable
                items={g.noLongerApplicable}
                canAssess={false}
                onAssess={setEditing}
                caption={t('requirements.gap.noLongerTitle')}
              />
            </section>
          ) : null}
        </>
      )}
      {editing ? (
        <AssessModal
          key={`${editing.requirement.id}-${editing.assessment?.version ?? 0}`}
          systemId={systemId}
          item={editing}
          onClose={() => setEditing(null)}
          onReload={() => void client.invalidateQueries({ queryKey: requirementKeys.gap(systemId) })}
          onSaved={() => {
            setEditing(null);
            void client.invalidateQueries({ queryKey: requirementKeys.gap(systemId) });
            // a failing assessment may create a measure, which plans and boards list
            void client.invalidateQueries({ queryKey: ['measures'] });
            void client.invalidateQueries({ queryKey: ['action-plans'] });
          }}
        />
      ) : null}
    </>
  );
}

function GapTable({
  items,
  canAssess,
  onAssess,
  caption,
}: {
  items: GapItem[];
  canAssess: boolean;
  onAssess: (i: GapItem) => void;
  caption: string;
}) {
  const { t } = useTranslation();
  const hidden = t('requirements.gap.hidden');
  return (
    <Table.ScrollContainer minWidth={1000} type="native">
      <Table striped>
        <VisuallyHidden component="caption">{caption}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('requirements.fields.code')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.requirement')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.deficiency')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.howMet')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.evidence')}</Table.Th>
            <Table.Th scope="col">{t('requirements.gap.columns.measure')}</Table.Th>
            {canAssess ? <Table.Th scope="col">{t('requirements.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => {
            const a = i.assessment;
            const r = i.requirement;
            return (
              <Table.Tr key={r.id}>
                <Table.Th scope="row">{r.code}</Table.Th>
                <Table.Td>
                  <Text size="sm">{r.text}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`requirements.aspects.${r.aspect}`)} · {t('requirements.levelN', { level: r.minLevel })} ·{' '}
                    {t(`requirements.kindShort.${r.kind}`)} · {t(`requirements.areas.${r.area}`)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <GapStatusBadge status={a?.status ?? null} />
                </Table.Td>
                <Table.Td>{a?.deficiency ? t(`requirements.gap.deficiencies.${a.deficiency}`) : '–'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{a ? (a.howMet ?? a.notApplicableReason ?? (a.status === 'missing' ? '–' : hidden)) : '–'}</Text>
                </Table.Td>
                <Table.Td>
                  {a?.evidenceUrl ? (
                    <Anchor href={a.evidenceUrl} target="_blank" rel="noopener noreferrer">
                      {t('requirements.gap.evidenceLink')}
                      <VisuallyHidden> ({r.code})</VisuallyHidden>
                    </Anchor>
                  ) : (
                    '–'
                  )}
                </Table.Td>
                <Table.Td>
                  {a?.measure ? (
                    a.measure.title ? (
                      <Anchor component={Link} to={`/measures/${a.measure.id}`} size="sm">
                        {a.measure.title}
                      </Anchor>
                    ) : (
                      <Text size="sm">{t('requirements.gap.hiddenMeasure')}</Text>
                    )
                  ) : (
                    '–'
                  )}
                </Table.Td>
                {canAssess ? (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('requirements.gap.assessNamed', { code: r.code })}
                      onClick={() => onAssess(i)}
                    >
                      {t('requirements.gap.assess')}
                    </Button>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
