import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { supplierKeys, suppliersApi } from '../../api/resources.js';
import { formatDate } from '../../components/format.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { LogReviewSection } from '../log-reviews/LogReviewSection.js';
import { SupplierReserveRoutines } from '../continuity/SupplierReserveRoutines.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { SupplierContracts } from '../contracts/SupplierContracts.js';
import { MeetingsPanel } from './MeetingsPanel.js';
import { PeoplePanel } from './PeoplePanel.js';
import { ProfilePanel } from './ProfilePanel.js';
import { SupplierWarnings } from './SupplierWarnings.js';
import { SystemsPanel } from './SystemsPanel.js';
import { typeLabel } from './types.js';

const TABS = ['overview', 'profile', 'people', 'systems', 'contracts', 'meetings', 'history'] as const;
type Tab = (typeof TABS)[number];

export function SupplierDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const query = useRecord(supplierKeys.all, suppliersApi.get, id);
  useDocumentTitle(query.data?.data.name ?? t('suppliers.title'));
  const mayContracts = usePermission('contract');
  const mayMeetings = usePermission('follow-up');
  const shown = TABS.filter((k) => (k === 'contracts' ? mayContracts : k === 'meetings' ? mayMeetings : true));
  const wanted = params.get('tab') as Tab | null;
  const tab: Tab = wanted && shown.includes(wanted) ? wanted : 'overview';
  const date = (v: string | null) => (v ? <time dateTime={v}>{formatDate(v, i18n.language)}</time> : null);

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
          <SupplierWarnings supplier={s} etag={etag} />
          <Tabs value={tab} onChange={(v) => setParams(v && v !== 'overview' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
            <Tabs.List aria-label={t('supplierRegister.tabsLabel')} mb="md">
              {shown.map((k) => (
                <Tabs.Tab key={k} value={k}>
                  {t(`supplierRegister.tabs.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="overview">
              <DetailFields
                rows={[
                  [t('suppliers.organisationNumber'), s.organisationNumber],
                  [t('suppliers.type'), typeLabel(t, s.type)],
                  [t('supplierRegister.activeSuperUsers'), String(s.activeSuperUsers)],
                  [t('supplierRegister.orderers.confirmedAt'), date(s.orderersConfirmedAt) ?? t('supplierRegister.orderers.never')],
                  [t('supplierRegister.orderers.dueOn'), date(s.orderersConfirmationDueOn)],
                  [t('supplierRegister.profileChangedAt'), date(s.profileChangedAt)],
                  [t('suppliers.createdAt'), date(s.createdAt)],
                  [t('suppliers.updatedAt'), date(s.updatedAt)],
                ]}
              />
              <LogReviewSection supplierId={s.id} />
              <SupplierReserveRoutines supplierId={s.id} />
            </Tabs.Panel>
            <Tabs.Panel value="profile">
              <ProfilePanel supplier={s} etag={etag} />
            </Tabs.Panel>
            <Tabs.Panel value="people">
              <PeoplePanel supplierId={s.id} mayChange={s.allowedActions.includes('update')} />
            </Tabs.Panel>
            <Tabs.Panel value="systems">
              <SystemsPanel supplierId={s.id} />
            </Tabs.Panel>
            {mayContracts ? (
              <Tabs.Panel value="contracts">
                <SupplierContracts supplierId={s.id} />
              </Tabs.Panel>
            ) : null}
            {mayMeetings ? (
              <Tabs.Panel value="meetings">
                <MeetingsPanel supplierId={s.id} />
              </Tabs.Panel>
            ) : null}
            <Tabs.Panel value="history">
              <HistoryTab path="suppliers" id={s.id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Loaded>
  );
}
