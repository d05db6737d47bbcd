import type { ReactNode } from 'react';
import { Anchor, Box, Button, Table, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery, type InfiniteData, type QueryKey, type UseInfiniteQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ListQuery } from '../api/types.js';
import { EmptyState, ErrorState, Loading } from './States.js';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A register list read 50 rows at a time, cached under `[...resource, 'list', query]`. */
export function usePagedList<Q extends ListQuery, T>(resource: QueryKey, query: Q, list: (query: Q) => Promise<Page<T>>) {
  return useInfiniteQuery({
    queryKey: [...resource, 'list', query],
    queryFn: ({ pageParam }) => list({ ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

interface Props<T> {
  /** From `usePagedList`. */
  list: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** Whether any filter is set: changes the empty text and hides the "add the first" button. */
  filtered: boolean;
  empty: string;
  emptyFiltered: string;
  emptyCta: string;
  /** Where the "add the first" button leads; without it (the user may not add) there is no button. */
  newTo?: string;
  /** Hidden table caption for screen readers. */
  caption: string;
  minWidth: number;
  /** The header cells. */
  head: ReactNode;
  /** The cells of one row. */
  row: (item: T) => ReactNode;
}

/** A register list's loading, error and empty states, its table and the "show more" button. */
export function PagedTable<T extends { id: string }>({
  list,
  filtered,
  empty,
  emptyFiltered,
  emptyCta,
  newTo,
  caption,
  minWidth,
  head,
  row,
}: Props<T>) {
  const { t } = useTranslation();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState
          text={filtered ? emptyFiltered : empty}
          action={
            filtered || !newTo ? null : (
              <Button component={Link} to={newTo}>
                {emptyCta}
              </Button>
            )
          }
        />
      ) : null}
      {items.length > 0 ? (
        <Box aria-busy={list.isPlaceholderData || undefined}>
          <Table.ScrollContainer minWidth={minWidth} type="native">
            <Table striped highlightOnHover>
              <VisuallyHidden component="caption">{caption}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>{head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.id}>{row(item)}</Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Box>
      ) : null}
      {list.hasNextPage ? (
        <Button variant="default" mt="md" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {list.isFetchingNextPage ? t('common.loading') : t('common.showMore')}
        </Button>
      ) : null}
    </>
  );
}

/** The first cell of a row: the record's name as a link to it, as the row's header. */
export function NameCell({ to, name, children }: { to: string; name: string; children?: ReactNode }) {
  return (
    <Table.Th scope="row">
      <Anchor component={Link} to={to}>
        {name}
      </Anchor>
      {children}
    </Table.Th>
  );
}
