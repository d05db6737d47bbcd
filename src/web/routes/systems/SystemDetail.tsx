import type { ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { ArchiveControls } from '../../components/ArchiveControls.js';
import { formatDate } from '../../components/format.js';
import { ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { CostTables } from './CostTables.js';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function SystemDetail() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({ queryKey: [...keys.systems, id], queryFn: () => systemsApi.get(id) });
  useDocumentTitle(query.data?.data.name ?? t('systems.title'));

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <h1>{t('systems.title')}</h1>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const { data: s, etag } = query.data;
  const none = <span className="muted">{t('common.notSet')}</span>;
  const after = async (call: Promise<unknown>) => {
    await call;
    await client.invalidateQueries({ queryKey: keys.systems });
  };

  return (
    <>
      <div className="page-head">
        <h1>{s.name}</h1>
        <div className="actions">
          {s.allowedActions.includes('update') && !s.archived ? (
            <Link to={`/systems/${s.id}/edit`} className="btn btn-primary">
              {t('common.edit')}
            </Link>
          ) : null}
          <ArchiveControls
            allowed={s.allowedActions}
            archived={s.archived}
            confirmTitle={t('systems.archiveTitle')}
            confirmBody={t('systems.archiveBody')}
            archivedNotice={t('systems.archivedNotice')}
            restoredNotice={t('systems.restoredNotice')}
            onArchive={() => after(systemsApi.archive(s.id, etag))}
            onRestore={() => after(systemsApi.restore(s.id, etag))}
          />
        </div>
      </div>
      {s.archived ? <p className="alert alert-info">{t('systems.archivedBanner')}</p> : null}
      <dl className="dl">
        <Row label={t('systems.description')}>{s.description || none}</Row>
        <Row label={t('systems.responsibleUnit')}>{s.responsibleUnit?.name ?? none}</Row>
        <Row label={t('systems.systemOwner')}>{s.systemOwner || none}</Row>
        <Row label={t('systems.systemAdministrators')}>{s.systemAdministrators.length ? s.systemAdministrators.join(', ') : none}</Row>
        <Row label={t('systems.operationsResponsible')}>{s.operationsResponsible || none}</Row>
        <Row label={t('systems.supplier')}>{s.supplier || none}</Row>
        <Row label={t('systems.hosting')}>{s.hosting ? t(`enums.hosting.${s.hosting}`) : none}</Row>
        <Row label={t('systems.authenticationMethod')}>{s.authenticationMethod ? t(`enums.auth.${s.authenticationMethod}`) : none}</Row>
        <Row label={t('systems.critical')}>{s.critical ? t('common.yes') : t('common.no')}</Row>
        <Row label={t('systems.lifecycleStatus')}>{t(`enums.lifecycle.${s.lifecycleStatus}`)}</Row>
        <Row label={t('systems.lastReviewedOn')}>{formatDate(s.lastReviewedOn, i18n.language) ?? none}</Row>
      </dl>
      <h2>{t('systems.informationAssets')}</h2>
      {s.informationAssets?.length ? (
        <ul>
          {s.informationAssets.map((a) => (
            <li key={a.id}>
              <Link to={`/information-assets/${a.id}`}>{a.name}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('systems.noAssets')}</p>
      )}
      <h2>{t('systems.costs')}</h2>
      <CostTables costs={s.costs ?? []} />
    </>
  );
}
