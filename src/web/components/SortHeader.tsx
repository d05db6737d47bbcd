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
    <th scope="col" aria-sort={dir ?? 'none'}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort)}>
        {label}
        <span aria-hidden="true" className="sort-icon">
          {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
        </span>
        {dir ? (
          <span className="visually-hidden">, {t(dir === 'ascending' ? 'common.sortAscending' : 'common.sortDescending')}</span>
        ) : null}
      </button>
    </th>
  );
}
