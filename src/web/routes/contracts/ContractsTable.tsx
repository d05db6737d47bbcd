import { Anchor, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../components/format.js';
import { ErrorState, Loading } from '../../components/States.js';
import { ArchivedBadge } from '../../components/StatusBadge.js';
import { contractsApi, registerKeys } from '../suppliers/api.js';
import { CriticalBadge, GapBadge } from './parts.js';

/** Contracts as a table, for the register page and a supplier's tab. */
export function ContractsTable({
  supplierId,
  includeArchived = false,
  showSupplier = true,
}: {
  supplierId?: string;
  includeArchived?: boolean;
  showSupplier?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const query = useQuery({
    queryKey: [...registerKeys.contracts, supplierId ?? '', includeArchived],
    queryFn: () =>
      contractsApi.list({
        limit: 200,
        ...(supplierId ? { supplierId } : {}),
        ...(includeArchived ? { includeArchived: 'true' as const } : {}),
      }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.items;
  if (items.length === 0) return <Text>{t('contracts.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table>
        <VisuallyHidden component="caption">{t('contracts.title')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('contracts.titleField')}</Table.Th>
            {showSupplier ? <Table.Th scope="col">{t('contracts.supplier')}</Table.Th> : null}
            <Table.Th scope="col">{t('contracts.endsOn')}</Table.Th>
            <Table.Th scope="col">{t('contracts.checklist')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Group gap="xs">
                  <Anchor component={Link} to={`/contracts/${c.id}`}>
                    {c.title}
                  </Anchor>
                  {c.archived ? <ArchivedBadge /> : null}
                </Group>
              </Table.Td>
              {showSupplier ? <Table.Td>{c.supplier.name}</Table.Td> : null}
              <Table.Td>{formatDate(c.endsOn, i18n.language) ?? '–'}</Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {c.critical ? <CriticalBadge /> : null}
                  <GapBadge count={c.critical ? c.clauseGaps.length : 0} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
