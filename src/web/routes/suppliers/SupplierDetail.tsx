import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { supplierKeys, suppliersApi } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { LogReviewSection } from '../log-reviews/LogReviewSection.js';
import { SupplierReserveRoutines } from '../continuity/SupplierReserveRoutines.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { typeLabel } from './types.js';

export function SupplierDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(supplierKeys.all, suppliersApi.get, id);
  useDocumentTitle(query.data?.data.name ?? t('suppliers.title'));

  return (
    <Loaded query={query} title={t('suppliers.title')}>
      {({ data: s, etag }) => (
        <>
          <RecordHeader
            record={s}
            etag={etag}
            editTo={`/suppliers/${s.id}/edit`}
            api={suppliersApi}
            invalidate={[supplierKeys.all]}
            confirmTitle={t('suppliers.archiveTitle')}
            confirmBody={t('suppliers.archiveBody')}
            archivedNotice={t('suppliers.archivedNotice')}
            restoredNotice={t('suppliers.restoredNotice')}
            archivedBanner={t('suppliers.archivedBanner')}
          />
          <DetailFields
            rows={[
              [t('suppliers.organisationNumber'), s.organisationNumber],
              [t('suppliers.type'), typeLabel(t, s.type)],
              [t('suppliers.createdAt'), <time dateTime={s.createdAt}>{formatDate(s.createdAt, i18n.language)}</time>],
              [t('suppliers.updatedAt'), <time dateTime={s.updatedAt}>{formatDate(s.updatedAt, i18n.language)}</time>],
            ]}
          />
          <LogReviewSection supplierId={s.id} />
          <SupplierReserveRoutines supplierId={s.id} />
          <HistoryTab path="suppliers" id={s.id} />
        </>
      )}
    </Loaded>
  );
}
