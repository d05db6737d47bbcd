import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { keys, orgUnitsApi } from '../../api/resources.js';
import type { OrgUnit } from '../../api/types.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { CheckboxField } from '../../components/Field.js';
import { treeOrder } from '../../components/hooks.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function OrgUnits() {
  const { t } = useTranslation();
  useDocumentTitle(t('orgUnits.title'));
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const includeArchived = params.get('includeArchived') === 'true';
  const list = useQuery({
    queryKey: [...keys.orgUnits, 'tree', includeArchived],
    queryFn: async () =>
      (await orgUnitsApi.list({ limit: 200, sort: 'name', ...(includeArchived ? { includeArchived: 'true' as const } : {}) })).items,
  });

  // The list carries no ETag; read the unit first so the archive is checked against its version.
  const act = async (unit: OrgUnit, action: 'archive' | 'restore') => {
    const { etag } = await orgUnitsApi.get(unit.id);
    await orgUnitsApi[action](unit.id, etag);
    await client.invalidateQueries({ queryKey: keys.orgUnits });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('orgUnits.title')}</h1>
        <div className="actions">
          <Link to="/org-units/new" className="btn btn-primary">
            {t('orgUnits.new')}
          </Link>
        </div>
      </div>
      <p>{t('orgUnits.intro')}</p>
      <CheckboxField
        id="org-archived"
        label={t('common.showArchived')}
        checked={includeArchived}
        onChange={(e) => setParams(e.target.checked ? { includeArchived: 'true' } : {}, { replace: true })}
      />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && list.data.length === 0 ? (
        <EmptyState
          text={t('orgUnits.empty')}
          action={
            <Link to="/org-units/new" className="btn btn-primary">
              {t('orgUnits.emptyCta')}
            </Link>
          }
        />
      ) : null}
      {list.isSuccess && list.data.length > 0 ? (
        <ul className="tree">
          {treeOrder(list.data).map(({ unit, depth }) => (
            <li key={unit.id} className="tree-item" style={{ marginInlineStart: `${depth * 1.5}rem` }}>
              <div className="tree-text">
                <span className="tree-name">{unit.name}</span>
                <span className="badge badge-type">{t(`enums.orgType.${unit.type}`)}</span>
                {unit.archived ? <span className="badge">{t('common.archived')}</span> : null}
              </div>
              <div className="actions">
                {unit.allowedActions.includes('update') && !unit.archived ? (
                  <Link
                    to={`/org-units/${unit.id}/edit`}
                    className="btn btn-secondary btn-small"
                    aria-label={t('orgUnits.editNamed', { name: unit.name })}
                  >
                    {t('common.edit')}
                  </Link>
                ) : null}
                <ArchiveControls
                  allowed={unit.allowedActions}
                  archived={unit.archived}
                  archiveLabel={t('orgUnits.archiveNamed', { name: unit.name })}
                  restoreLabel={t('orgUnits.restoreNamed', { name: unit.name })}
                  confirmTitle={t('orgUnits.archiveTitle')}
                  confirmBody={t('orgUnits.archiveBody', { name: unit.name })}
                  archivedNotice={t('orgUnits.archivedNotice')}
                  restoredNotice={t('orgUnits.restoredNotice')}
                  onArchive={() => act(unit, 'archive')}
                  onRestore={() => act(unit, 'restore')}
                />
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
