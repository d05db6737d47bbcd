import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function AssetDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...keys.assets, id], queryFn: () => assetsApi.get(id) });
  useDocumentTitle(query.data?.data.name ?? t('assets.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <h1>{t('assets.title')}</h1>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { data: a, etag } = query.data;
  const none = <span className="muted">{t('common.notSet')}</span>;
  const after = async (call: Promise<unknown>) => {
    await call;
    await client.invalidateQueries({ queryKey: keys.assets });
    await client.invalidateQueries({ queryKey: keys.systems });
  };

  return (
    <>
      <div className="page-head">
        <h1>{a.name}</h1>
        <div className="actions">
          {a.allowedActions.includes('update') && !a.archived ? (
            <Link to={`/information-assets/${a.id}/edit`} className="btn btn-primary">
              {t('common.edit')}
            </Link>
          ) : null}
          <ArchiveControls
            allowed={a.allowedActions}
            archived={a.archived}
            confirmTitle={t('assets.archiveTitle')}
            confirmBody={t('assets.archiveBody')}
            archivedNotice={t('assets.archivedNotice')}
            restoredNotice={t('assets.restoredNotice')}
            onArchive={() => after(assetsApi.archive(a.id, etag))}
            onRestore={() => after(assetsApi.restore(a.id, etag))}
          />
        </div>
      </div>
      {a.archived ? <p className="alert alert-info">{t('assets.archivedBanner')}</p> : null}
      <dl className="dl">
        <div className="dl-row">
          <dt>{t('assets.description')}</dt>
          <dd>{a.description || none}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('assets.owner')}</dt>
          <dd>{a.owner || none}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('assets.unit')}</dt>
          <dd>{a.unit?.name ?? none}</dd>
        </div>
        <div className="dl-row">
          <dt>{t('assets.personalData')}</dt>
          <dd>{t(`enums.personalData.${a.personalData}`)}</dd>
        </div>
      </dl>
      <h2>{t('assets.systems')}</h2>
      {a.systems?.length ? (
        <ul>
          {a.systems.map((s) => (
            <li key={s.id}>
              <Link to={`/systems/${s.id}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('assets.noSystems')}</p>
      )}
    </>
  );
}
