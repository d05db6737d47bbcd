import { useEffect, useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { PERSONAL_DATA, type AssetQuery, type PersonalData } from '../../api/types.js';
import { SelectField, TextField } from '../../components/Field.js';
import { enumOptions } from '../../components/format.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function AssetsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('assets.title'));
  const units = useOrgUnitOptions();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('unitId') ?? '';
  const personalData = params.get('personalData') ?? '';
  const [text, setText] = useState(q);
  const debounced = useDebounced(text);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (debounced !== q) setParam('q', debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query: AssetQuery = { sort: 'name' };
  if (q) query.q = q;
  if (unitId) query.unitId = unitId;
  if ((PERSONAL_DATA as readonly string[]).includes(personalData)) {
    query.personalData = personalData as PersonalData;
  }
  const list = useInfiniteQuery({
    queryKey: [...keys.assets, 'list', query],
    queryFn: ({ pageParam }) => assetsApi.list({ ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || unitId || personalData);

  return (
    <>
      <div className="page-head">
        <h1>{t('assets.title')}</h1>
        <div className="actions">
          <Link to="/information-assets/new" className="btn btn-primary">
            {t('assets.new')}
          </Link>
        </div>
      </div>
      <div role="search" className="filters" aria-label={t('systems.filters')}>
        <TextField id="assets-q" type="search" label={t('assets.search')} value={text} onChange={(e) => setText(e.target.value)} />
        <SelectField
          id="assets-unit"
          label={t('assets.unit')}
          placeholder={t('common.all')}
          options={units.options}
          value={unitId}
          onChange={(e) => setParam('unitId', e.target.value)}
        />
        <SelectField
          id="assets-personal"
          label={t('assets.personalData')}
          placeholder={t('common.all')}
          options={enumOptions(t, 'personalData', PERSONAL_DATA)}
          value={personalData}
          onChange={(e) => setParam('personalData', e.target.value)}
        />
      </div>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState
          text={filtered ? t('assets.emptyFiltered') : t('assets.empty')}
          action={
            filtered ? null : (
              <Link to="/information-assets/new" className="btn btn-primary">
                {t('assets.emptyCta')}
              </Link>
            )
          }
        />
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap" aria-busy={list.isPlaceholderData || undefined}>
          <table className="table">
            <caption className="visually-hidden">{t('assets.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assets.name')}</th>
                <th scope="col">{t('assets.unit')}</th>
                <th scope="col">{t('assets.owner')}</th>
                <th scope="col">{t('assets.personalData')}</th>
                <th scope="col">{t('assets.systems')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/information-assets/${a.id}`}>{a.name}</Link>
                  </th>
                  <td>{a.unit?.name ?? '–'}</td>
                  <td>{a.owner || '–'}</td>
                  <td>{t(`enums.personalData.${a.personalData}`)}</td>
                  <td>{a.systems?.map((s) => s.name).join(', ') || '–'}</td>
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
