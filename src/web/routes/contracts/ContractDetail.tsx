import { Anchor, Badge, Table, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate } from '../../components/format.js';
import { DetailFields, RecordHeader } from '../../components/RecordDetail.js';
import { useRecord } from '../../components/records.js';
import { Loaded } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { HistoryTab } from '../audit/HistoryTab.js';
import { contractsApi, registerKeys } from '../suppliers/api.js';
import { ContractWarnings, CriticalBadge } from './parts.js';
import { contractClauses, responsibilityItems } from '../../../shared/enums.js';

const CLAUSES = contractClauses;
const ITEMS = responsibilityItems;

export function ContractDetail() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useRecord(registerKeys.contracts, contractsApi.get, id);
  useDocumentTitle(query.data?.data.title ?? t('contracts.title'));
  const date = (v: string | null) => formatDate(v, i18n.language);
  const yes = (v: boolean) => (v ? t('supplierRegister.profile.yes') : t('supplierRegister.profile.no'));
  return (
    <Loaded query={query} title={t('contracts.title')}>
      {({ data: c, etag }) => (
        <>
          <RecordHeader
            record={{ ...c, name: c.title }}
            etag={etag}
            editTo={`/contracts/${c.id}/edit`}
            api={contractsApi}
            invalidate={[registerKeys.contracts]}
            confirmTitle={t('contracts.archiveTitle')}
            confirmBody={t('contracts.archiveBody')}
            archivedNotice={t('contracts.archivedNotice')}
            restoredNotice={t('contracts.restoredNotice')}
            archivedBanner={t('contracts.archivedBanner')}
          />
          <ContractWarnings c={c} />
          <DetailFields
            rows={[
              [
                t('contracts.supplier'),
                <Anchor component={Link} to={`/suppliers/${c.supplierId}`} key="s">
                  {c.supplier.name}
                </Anchor>,
              ],
              [t('contracts.reference'), c.reference],
              [t('contracts.parties'), c.parties],
              [t('contracts.startsOn'), date(c.startsOn)],
              [t('contracts.endsOn'), date(c.endsOn)],
              [t('contracts.jointProcurement'), c.jointProcurement.length ? c.jointProcurement.join(', ') : t('contracts.noJoint')],
              [t('contracts.dpa'), yes(c.dataProcessingAgreement)],
              [t('contracts.dpaOn'), date(c.dataProcessingAgreementOn)],
              [
                t('contracts.systems'),
                c.systems.length ? (
                  <span key="sys">
                    {c.systems.map((s) => s.name ?? t('supplierRegister.systems.masked')).join(', ')}{' '}
                    {c.critical ? <CriticalBadge /> : null}
                  </span>
                ) : (
                  t('contracts.systemsNone')
                ),
              ],
              [t('contracts.note'), c.note],
            ]}
          />
          <Title order={2} size="h3" mt="lg" mb="xs">
            {t('contracts.checklist')}
          </Title>
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <VisuallyHidden component="caption">{t('contracts.checklist')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('contracts.checklist')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.included')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.disclaimer')}</Table.Th>
                  <Table.Th scope="col">{t('contracts.clauseNote')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {CLAUSES.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Th scope="row">{t(`contracts.clauses.${k}`)}</Table.Th>
                    <Table.Td>
                      {c.clauses[k].included ? (
                        t('supplierRegister.profile.yes')
                      ) : (
                        <Badge variant="light" color={c.critical ? 'red' : 'gray'} c="dark.9" tt="none">
                          {t('contracts.missing')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{yes(c.clauses[k].disclaimer)}</Table.Td>
                    <Table.Td>{c.clauses[k].note}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Title order={2} size="h3" mt="lg" mb="xs">
            {t('contracts.responsibilities')}
          </Title>
          <DetailFields rows={ITEMS.map((k) => [t(`contracts.items.${k}`), t(`contracts.parties_.${c.responsibilities[k] ?? 'none'}`)])} />
          {/* whoever may read the contract may read its history (the server's rule) */}
          <HistoryTab path="contracts" id={c.id} />
        </>
      )}
    </Loaded>
  );
}
