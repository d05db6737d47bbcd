import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { DetailFields, RecordHeader, RelatedLinks } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { MaskedNotice, SecretBadge } from '../../components/Secrecy.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { AssetClassificationSection } from '../classification/AssetClassificationSection.js';

export function AssetDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useRecord(keys.assets, assetsApi.get, id);
  const record = query.data?.data;
  // A masked asset's name is part of what is withheld: the page is named by what it is instead.
  const title = record ? (record.masked ? t('secrecy.maskedAsset') : (record.name ?? '')) : undefined;
  useDocumentTitle(title || t('assets.title'));

  return (
    <Loaded query={query} title={t('assets.title')}>
      {({ data: a, etag }) => (
        <>
          <RecordHeader
            record={{ ...a, name: title ?? '' }}
            etag={etag}
            editTo={`/information-assets/${a.id}/edit`}
            api={assetsApi}
            invalidate={[keys.assets, keys.systems]}
            confirmTitle={t('assets.archiveTitle')}
            confirmBody={t('assets.archiveBody')}
            archivedNotice={t('assets.archivedNotice')}
            restoredNotice={t('assets.restoredNotice')}
            archivedBanner={t('assets.archivedBanner')}
          />
          {a.masked ? (
            <>
              <MaskedNotice provision={a.secrecyProvision} />
              {/* What is not secret: where the asset sits and what kind of personal data it holds. */}
              <DetailFields
                rows={[
                  [t('secrecy.field'), <SecretBadge provision={a.secrecyProvision} />],
                  [t('assets.unit'), a.unit?.name],
                  [t('assets.personalData'), t(`enums.personalData.${a.personalData}`)],
                ]}
              />
            </>
          ) : (
            <>
              <DetailFields
                rows={[
                  [t('assets.description'), a.description],
                  [t('secrecy.field'), a.secret ? <SecretBadge provision={a.secrecyProvision} /> : t('common.no')],
                  [t('assets.owner'), a.owner],
                  [t('assets.unit'), a.unit?.name],
                  [t('assets.personalData'), t(`enums.personalData.${a.personalData}`)],
                ]}
              />
              <RelatedLinks title={t('assets.systems')} items={a.systems} basePath="/systems" emptyText={t('assets.noSystems')} />
            </>
          )}
          <AssetClassificationSection assetId={a.id} mayClassify={a.allowedActions.includes('update')} />
          <HistoryTab path="information-assets" id={a.id} masked={a.masked} />
        </>
      )}
    </Loaded>
  );
}
