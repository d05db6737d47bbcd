import { Button, Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../auth/session.js';
import { ContractsTable } from './ContractsTable.js';

/** A supplier's contracts on its page. */
export function SupplierContracts({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  const mayCreate = usePermission('contract', 'create');
  return (
    <section aria-labelledby="supplier-contracts">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3" id="supplier-contracts">
          {t('contracts.title')}
        </Title>
        {mayCreate ? (
          <Button component={Link} to={`/contracts/new?supplierId=${supplierId}`}>
            {t('contracts.new')}
          </Button>
        ) : null}
      </Group>
      <ContractsTable supplierId={supplierId} showSupplier={false} />
    </section>
  );
}
