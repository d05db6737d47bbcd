import { useState } from 'react';
import { Anchor, Box, Button, Table, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download } from '../../api/client.js';
import { keys, systemsApi } from '../../api/resources.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SortHeader } from '../../components/SortHeader.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
import { ArchivedBadge, LifecycleBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { exportQuery, readFilters, toQuery, writeFilters, type SystemFilters } from './filters.js';
import { SystemFiltersBar } from './SystemFiltersBar.js';

export function SystemsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('systems.title'));
  const notify = useNotify();
  const errorText = useErrorText();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [exporting, setExporting] = useState(false);

  const update = (next: Partial<SystemFilters>) => setParams(writeFilters({ ...filters, ...next }), { replace: true });

  const list = useInfiniteQuery({
    queryKey: [...keys.systems, 'list', toQuery(filters)],
    queryFn: ({ pageParam }) => systemsApi.list({ ...toQuery(filters), limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });

  const runExport = async (kind: 'csv' | 'xlsx') => {
    setExporting(true);
    const qs = exportQuery(filters);
    try {
      if (kind === 'csv') await download(`/api/v1/systems?${qs}`, 'text/csv', 'it-system.csv');
      else
        await download(
          `/api/v1/systems/export.xlsx?${qs}`,
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'it-system.xlsx',
        );
    } catch (e) {
      notify(`${t('systems.exportFailed')} ${errorText(e)}`, 'error');
    } finally {
      setExporting(false);
    }
  };

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filters.q || filters.unitId || filters.owner || filters.status || filters.critical);

  return (
    <>
      <PageHeader title={t('systems.title')}>
        <Button component={Link} to="/systems/new">
          {t('systems.new')}
        </Button>
        <Button variant="default" disabled={exporting} onClick={() => void runExport('csv')}>
          {t('systems.exportCsv')}
        </Button>
        <Button variant="default" disabled={exporting} onClick={() => void runExport('xlsx')}>
          {t('systems.exportXlsx')}
        </Button>
      </PageHeader>
      <SystemFiltersBar filters={filters} onChange={update} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState
          text={filtered ? t('systems.emptyFiltered') : t('systems.empty')}
          action={
            filtered ? null : (
              <Button component={Link} to="/systems/new">
                {t('systems.emptyCta')}
              </Button>
            )
          }
        />
      ) : null}
      {items.length > 0 ? (
        <Box aria-busy={list.isPlaceholderData || undefined}>
          <Table.ScrollContainer minWidth={720} type="native">
            <Table striped highlightOnHover>
              <VisuallyHidden component="caption">{t('systems.listCaption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <SortHeader field="name" label={t('systems.name')} sort={filters.sort} onSort={(sort) => update({ sort })} />
                  <Table.Th scope="col">{t('systems.responsibleUnit')}</Table.Th>
                  <Table.Th scope="col">{t('systems.systemOwner')}</Table.Th>
                  <SortHeader
                    field="lifecycleStatus"
                    label={t('systems.lifecycleStatus')}
                    sort={filters.sort}
                    onSort={(sort) => update({ sort })}
                  />
                  <Table.Th scope="col">{t('systems.critical')}</Table.Th>
                  <Table.Th scope="col">{t('systems.hosting')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/systems/${s.id}`}>
                        {s.name}
                      </Anchor>
                      {s.archived ? <ArchivedBadge /> : null}
                    </Table.Th>
                    <Table.Td>{s.responsibleUnit?.name ?? '–'}</Table.Td>
                    <Table.Td>{s.systemOwner || '–'}</Table.Td>
                    <Table.Td>
                      <LifecycleBadge status={s.lifecycleStatus} />
                    </Table.Td>
                    <Table.Td>{s.critical ? t('common.yes') : t('common.no')}</Table.Td>
                    <Table.Td>{s.hosting ? t(`enums.hosting.${s.hosting}`) : '–'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      ) : null}
      {list.hasNextPage ? (
        <Button variant="default" mt="md" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
        </Button>
      ) : null}
    </>
  );
}
