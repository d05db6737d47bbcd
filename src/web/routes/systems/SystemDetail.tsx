import { Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { DetailFields, RecordHeader, RelatedLinks } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { MaskedNotice, SecretBadge } from '../../components/Secrecy.js';
import { Loaded } from '../../components/States.js';
import { LifecycleBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { SystemProtectionSection } from '../classification/SystemProtectionSection.js';
import { GapAnalysisSection } from '../gap-analysis/GapAnalysisSection.js';
import { LogReviewSection } from '../log-reviews/LogReviewSection.js';
import { SystemMeasuresSection } from '../measures/SystemMeasuresSection.js';
import { ContinuitySection } from '../continuity/ContinuitySection.js';
import { SystemIncidentsSection } from '../incidents/SystemIncidentsSection.js';
import { CostTables } from './CostTables.js';
import { ReviewControl } from './ReviewControl.js';
import { StakeholdersSection } from './StakeholdersSection.js';

export function SystemDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useRecord(keys.systems, systemsApi.get, id);
  const record = query.data?.data;
  // A masked system's name is part of what is withheld: the page is named by what it is instead.
  const title = record ? (record.masked ? t('secrecy.maskedSystem') : (record.name ?? '')) : undefined;
  useDocumentTitle(title || t('systems.title'));

  return (
    <Loaded query={query} title={t('systems.title')}>
      {({ data: s, etag }) => (
        <>
          <RecordHeader
            record={{ ...s, name: title ?? '' }}
            etag={etag}
            editTo={`/systems/${s.id}/edit`}
            api={systemsApi}
            invalidate={[keys.systems]}
            confirmTitle={t('systems.archiveTitle')}
            confirmBody={t('systems.archiveBody')}
            archivedNotice={t('systems.archivedNotice')}
            restoredNotice={t('systems.restoredNotice')}
            archivedBanner={t('systems.archivedBanner')}
          />
          {s.masked ? (
            <>
              <MaskedNotice provision={s.secrecyProvision} />
              {/* What is not secret: where the system sits in the register and its state. */}
              <DetailFields
                rows={[
                  [t('secrecy.field'), <SecretBadge provision={s.secrecyProvision} />],
                  [t('systems.responsibleUnit'), s.responsibleUnit?.name],
                  [t('systems.critical'), s.critical ? t('common.yes') : t('common.no')],
                  [t('systems.lifecycleStatus'), <LifecycleBadge status={s.lifecycleStatus} />],
                  [t('systems.lastReviewedOn'), <ReviewControl system={s} etag={etag} />],
                ]}
              />
            </>
          ) : (
            <>
              <DetailFields
                rows={[
                  [t('systems.description'), s.description],
                  [t('secrecy.field'), s.secret ? <SecretBadge provision={s.secrecyProvision} /> : t('common.no')],
                  [t('systems.responsibleUnit'), s.responsibleUnit?.name],
                  [t('systems.systemOwner'), s.systemOwner],
                  [t('systems.systemAdministrators'), s.systemAdministrators.join(', ')],
                  [t('systems.operationsResponsible'), s.operationsResponsible],
                  [t('systems.supplier'), s.supplier],
                  [t('systems.hosting'), s.hosting ? t(`enums.hosting.${s.hosting}`) : null],
                  [t('systems.authenticationMethod'), s.authenticationMethod ? t(`enums.auth.${s.authenticationMethod}`) : null],
                  [t('systems.critical'), s.critical ? t('common.yes') : t('common.no')],
                  [t('systems.lifecycleStatus'), <LifecycleBadge status={s.lifecycleStatus} />],
                  [t('systems.lastReviewedOn'), <ReviewControl system={s} etag={etag} />],
                ]}
              />
              <RelatedLinks
                title={t('systems.informationAssets')}
                items={s.informationAssets}
                basePath="/information-assets"
                emptyText={t('systems.noAssets')}
              />
              <Title order={2} mt="xl" mb="sm">
                {t('systems.costs')}
              </Title>
              <CostTables costs={s.costs ?? []} />
            </>
          )}
          <ContinuitySection systemId={s.id} />
          <SystemProtectionSection systemId={s.id} mayUpdate={s.allowedActions.includes('update')} />
          <GapAnalysisSection systemId={s.id} />
          <LogReviewSection systemId={s.id} />
          <SystemMeasuresSection systemId={s.id} />
          <SystemIncidentsSection systemId={s.id} />
          <StakeholdersSection systemId={s.id} />
          <HistoryTab path="systems" id={s.id} masked={s.masked} />
        </>
      )}
    </Loaded>
  );
}
