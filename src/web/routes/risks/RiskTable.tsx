import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { riskKeys, risksApi, type RiskQuery } from './api.js';
import { LevelBadge, SystemLinks } from './parts.js';

/** Risks as a table: title, affected systems, levels with band text, treatment, owner, approval. */
export function RiskTable({ query, filtered, newTo }: { query: RiskQuery; filtered: boolean; newTo?: string }) {
  const { t } = useTranslation();
  const list = usePagedList(riskKeys.risks, query, risksApi.list);
  return (
    <PagedTable
      list={list}
      filtered={filtered}
      empty={t('risks.risksEmpty')}
      emptyFiltered={t('risks.risksEmptyFiltered')}
      emptyCta={t('risks.newRisk')}
      newTo={newTo}
      caption={t('risks.risksCaption')}
      minWidth={900}
      head={
        <>
          <Table.Th scope="col">{t('risks.riskTitle')}</Table.Th>
          <Table.Th scope="col">{t('risks.affectedSystems')}</Table.Th>
          <Table.Th scope="col">{t('risks.inherent')}</Table.Th>
          <Table.Th scope="col">{t('risks.residual')}</Table.Th>
          <Table.Th scope="col">{t('risks.treatment')}</Table.Th>
          <Table.Th scope="col">{t('risks.owner')}</Table.Th>
          <Table.Th scope="col">{t('risks.approved')}</Table.Th>
        </>
      }
      row={(r) => (
        <>
          <NameCell to={`/risks/${r.id}`} name={r.title ?? t('risks.masked')} />
          <Table.Td>
            <SystemLinks risk={r} />
          </Table.Td>
          <Table.Td>
            <LevelBadge score={r.inherent} />
          </Table.Td>
          <Table.Td>
            <LevelBadge score={r.residual} />
          </Table.Td>
          <Table.Td>{r.treatment ? t(`risks.treatments.${r.treatment}`) : '–'}</Table.Td>
          <Table.Td>{r.owner?.name ?? '–'}</Table.Td>
          <Table.Td>{r.approved ? t('risks.yes') : t('risks.no')}</Table.Td>
        </>
      )}
    />
  );
}
