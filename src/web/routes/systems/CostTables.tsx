import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CostLine } from '../../api/types.js';
import { formatSek } from '../../components/format.js';

export function CostTables({ costs }: { costs: CostLine[] }) {
  const { t } = useTranslation();
  if (costs.length === 0) return <Text c="dimmed">{t('costs.none')}</Text>;
  const totals = new Map<number, number>();
  // Sum in öre so decimals do not drift.
  for (const c of costs) totals.set(c.year, (totals.get(c.year) ?? 0) + Math.round(c.amountSek * 100));
  const years = [...totals.keys()].sort((a, b) => a - b);
  const rows = [...costs].sort((a, b) => a.year - b.year);
  return (
    <>
      <Table.ScrollContainer minWidth={480} type="native">
        <Table striped captionSide="top" maw={800}>
          <Table.Caption ta="left">{t('costs.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('costs.year')}</Table.Th>
              <Table.Th scope="col">{t('costs.category')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('costs.amount')}
              </Table.Th>
              <Table.Th scope="col">{t('costs.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c, i) => (
              <Table.Tr key={i}>
                <Table.Td>{c.year}</Table.Td>
                <Table.Td>{t(`enums.cost.${c.category}`)}</Table.Td>
                <Table.Td ta="right">{formatSek(c.amountSek)}</Table.Td>
                <Table.Td>{c.note || '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Table striped captionSide="top" maw={360} mt="md">
        <Table.Caption ta="left">{t('costs.totalsCaption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('costs.year')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('costs.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {years.map((y) => (
            <Table.Tr key={y}>
              <Table.Th scope="row">{y}</Table.Th>
              <Table.Td ta="right">{formatSek((totals.get(y) ?? 0) / 100)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}
