import { Button, Checkbox, Group, NativeSelect, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../auth/session.js';
import { ContractsTable } from './ContractsTable.js';

/** The municipality's supplier contracts (D1-18, D1-19, D2-25). */
export function ContractsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('contracts.title'));
  const [params, setParams] = useSearchParams();
  const supplierId = params.get('supplierId') ?? '';
  const archived = params.get('archived') === 'true';
  const mayCreate = usePermission('contract', 'create');
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list });
  const write = (next: { supplierId?: string; archived?: boolean }) => {
    const s = next.supplierId ?? supplierId;
    const a = next.archived ?? archived;
    setParams({ ...(s ? { supplierId: s } : {}), ...(a ? { archived: 'true' } : {}) }, { replace: true });
  };
  return (
    <>
      <PageHeader title={t('contracts.title')}>
        {mayCreate ? (
          <Button component={Link} to={supplierId ? `/contracts/new?supplierId=${supplierId}` : '/contracts/new'}>
            {t('contracts.new')}
          </Button>
        ) : null}
      </PageHeader>
      <Text mb="md" maw={900}>
        {t('contracts.checklistHelp')}
      </Text>
      <Group mb="md" align="flex-end">
        <NativeSelect
          id="contracts-supplier"
          label={t('contracts.filterSupplier')}
          value={supplierId}
          onChange={(e) => write({ supplierId: e.currentTarget.value })}
          data={[{ value: '', label: t('contracts.allSuppliers') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <Checkbox label={t('contracts.showArchived')} checked={archived} onChange={(e) => write({ archived: e.currentTarget.checked })} />
      </Group>
      <ContractsTable supplierId={supplierId || undefined} includeArchived={archived} />
    </>
  );
}
