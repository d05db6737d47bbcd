import { Group, Table, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  field: string;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
}

/** Column header that sorts on click; aria-sort tells screen readers the current order. */
export function SortHeader({ field, label, sort, onSort }: Props) {
  const { t } = useTranslation();
  const dir = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : undefined;
  const nextSort = dir === 'ascending' ? `-${field}` : field;
  return (
    <Table.Th scope="col" aria-sort={dir ?? 'none'}>
      <UnstyledButton onClick={() => onSort(nextSort)} fw={700} fz="sm">
        <Group gap={6} wrap="nowrap">
          {label}
          <span aria-hidden="true">{dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}</span>
          {dir ? <VisuallyHidden>, {t(dir === 'ascending' ? 'common.sortAscending' : 'common.sortDescending')}</VisuallyHidden> : null}
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
