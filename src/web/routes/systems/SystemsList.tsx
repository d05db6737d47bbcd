import { useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { download } from '../../api/client.js';
import { keys, systemsApi } from '../../api/resources.js';
import { useNotify } from '../../components/Notifications.js';
import { SortHeader } from '../../components/SortHeader.js';
import { EmptyState, ErrorState, Loading, useErrorText } from '../../components/States.js';
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
      <div className="page-head">
        <h1>{t('systems.title')}</h1>
        <div className="actions">
          <Link to="/systems/new" className="btn btn-primary">
            {t('systems.new')}
          </Link>
          <button type="button" className="btn btn-secondary" disabled={exporting} onClick={() => void runExport('csv')}>
            {t('systems.exportCsv')}
          </button>
          <button type="button" className="btn btn-secondary" disabled={exporting} onClick={() => void runExport('xlsx')}>
            {t('systems.exportXlsx')}
          </button>
        </div>
      </div>
      <SystemFiltersBar filters={filters} onChange={update} />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState
          text={filtered ? t('systems.emptyFiltered') : t('systems.empty')}
          action={
            filtered ? null : (
              <Link to="/systems/new" className="btn btn-primary">
                {t('systems.emptyCta')}
              </Link>
            )
          }
        />
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap" aria-busy={list.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">{t('systems.listCaption')}</caption>
            <thead>
              <tr>
                <SortHeader field="name" label={t('systems.name')} sort={filters.sort} onSort={(sort) => update({ sort })} />
                <th scope="col">{t('systems.responsibleUnit')}</th>
                <th scope="col">{t('systems.systemOwner')}</th>
                <SortHeader
                  field="lifecycleStatus"
                  label={t('systems.lifecycleStatus')}
                  sort={filters.sort}
                  onSort={(sort) => update({ sort })}
                />
                <th scope="col">{t('systems.critical')}</th>
                <th scope="col">{t('systems.hosting')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    <Link to={`/systems/${s.id}`}>{s.name}</Link>
                    {s.archived ? <span className="badge">{t('common.archived')}</span> : null}
                  </th>
                  <td>{s.responsibleUnit?.name ?? '–'}</td>
                  <td>{s.systemOwner || '–'}</td>
                  <td>{t(`enums.lifecycle.${s.lifecycleStatus}`)}</td>
                  <td>{s.critical ? t('common.yes') : t('common.no')}</td>
                  <td>{s.hosting ? t(`enums.hosting.${s.hosting}`) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {list.hasNextPage ? (
        <button type="button" className="btn btn-secondary" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
        </button>
      ) : null}
    </>
  );
}
