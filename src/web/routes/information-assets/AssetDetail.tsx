import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { DetailFields, RecordHeader, RelatedLinks } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function AssetDetail() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useRecord(keys.assets, assetsApi.get, id);
  useDocumentTitle(query.data?.data.name ?? t('assets.title'));

  return (
    <Loaded query={query} title={t('assets.title')}>
      {({ data: a, etag }) => (
        <>
          <RecordHeader
            record={a}
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
          <DetailFields
            rows={[
              [t('assets.description'), a.description],
              [t('assets.owner'), a.owner],
              [t('assets.unit'), a.unit?.name],
              [t('assets.personalData'), t(`enums.personalData.${a.personalData}`)],
            ]}
          />
          <RelatedLinks title={t('assets.systems')} items={a.systems} basePath="/systems" emptyText={t('assets.noSystems')} />
        </>
      )}
    </Loaded>
  );
}
