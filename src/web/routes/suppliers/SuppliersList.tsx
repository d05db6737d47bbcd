import { Badge, Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { supplierKeys, suppliersApi } from '../../api/resources.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SortHeader } from '../../components/SortHeader.js';
import { ArchivedBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { useSupplierPermissions } from './access.js';
import { exportQuery, readFilters, toQuery, writeFilters, type SupplierFilters } from './filters.js';
import { SupplierFiltersBar } from './SupplierFiltersBar.js';
import { typeLabel } from './types.js';

export function SuppliersList() {
  const { t } = useTranslation();
  useDocumentTitle(t('suppliers.title'));
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  // A supplier's own users see their organisation here and cannot register others.
  const mayCreate = useSupplierPermissions().can('create');

  const update = (next: Partial<SupplierFilters>) => setParams(writeFilters({ ...filters, ...next }), { replace: true });
  const list = usePagedList([...supplierKeys.all, 'register'], toQuery(filters), suppliersApi.list);
  const filtered = Boolean(filters.q || filters.type);
  const sortProps = { sort: filters.sort, onSort: (sort: string) => update({ sort }) };

  return (
    <>
      <PageHeader title={t('suppliers.title')}>
        {mayCreate ? (
          <Button component={Link} to="/suppliers/new">
            {t('suppliers.new')}
          </Button>
        ) : null}
        <ExportButtons
          path="/api/v1/suppliers"
          query={exportQuery(filters)}
          filename="leverantorer"
          csvLabel={t('suppliers.exportCsv')}
          xlsxLabel={t('suppliers.exportXlsx')}
          failedText={t('suppliers.exportFailed')}
        />
      </PageHeader>
      <Text mb="md" maw={900}>
        {mayCreate ? t('suppliers.intro') : t('suppliers.ownIntro')}
      </Text>
      <SupplierFiltersBar filters={filters} onChange={update} />
      <PagedTable
        list={list}
        // Without the right to register suppliers there is no "add the first" to offer.
        filtered={filtered || !mayCreate}
        empty={t('suppliers.empty')}
        emptyFiltered={filtered ? t('suppliers.emptyFiltered') : t('suppliers.emptyNoCreate')}
        emptyCta={t('suppliers.emptyCta')}
        newTo="/suppliers/new"
        caption={t('suppliers.listCaption')}
        minWidth={760}
        head={
          <>
            <SortHeader field="name" label={t('suppliers.name')} {...sortProps} />
            <Table.Th scope="col">{t('suppliers.organisationNumber')}</Table.Th>
            <Table.Th scope="col">{t('suppliers.type')}</Table.Th>
            <Table.Th scope="col">{t('supplierRegister.warnings.heading')}</Table.Th>
          </>
        }
        row={(s) => (
          <>
            <NameCell to={`/suppliers/${s.id}`} name={s.name}>
              {s.archived ? <ArchivedBadge /> : null}
            </NameCell>
            <Table.Td>{s.organisationNumber ?? '–'}</Table.Td>
            <Table.Td>{typeLabel(t, s.type)}</Table.Td>
            <Table.Td>
              {s.warnings.length ? (
                <Badge
                  variant="light"
                  color="yellow"
                  c="dark.9"
                  tt="none"
                  title={s.warnings.map((w) => t(`supplierRegister.warnings.${w}`)).join(' ')}
                >
                  {t('supplierRegister.warningCount', { count: s.warnings.length })}
                </Badge>
              ) : (
                '–'
              )}
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
