import { useEffect, useState } from 'react';
import { Anchor, Box, Button, Group, NativeSelect, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { PERSONAL_DATA, type AssetQuery, type PersonalData } from '../../api/types.js';
import { enumOptions } from '../../components/format.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { EmptyState, ErrorState, Loading } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

export function AssetsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('assets.title'));
  const units = useOrgUnitOptions();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const unitId = params.get('unitId') ?? '';
  const personalData = params.get('personalData') ?? '';
  const [text, setText] = useState(q);
  const debounced = useDebounced(text);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  useEffect(() => {
    if (debounced !== q) setParam('q', debounced);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query: AssetQuery = { sort: 'name' };
  if (q) query.q = q;
  if (unitId) query.unitId = unitId;
  if ((PERSONAL_DATA as readonly string[]).includes(personalData)) {
    query.personalData = personalData as PersonalData;
  }
  const list = useInfiniteQuery({
    queryKey: [...keys.assets, 'list', query],
    queryFn: ({ pageParam }) => assetsApi.list({ ...query, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(q || unitId || personalData);

  const all = { value: '', label: t('common.all') };

  return (
    <>
      <PageHeader title={t('assets.title')}>
        <Button component={Link} to="/information-assets/new">
          {t('assets.new')}
        </Button>
      </PageHeader>
      <Group role="search" aria-label={t('systems.filters')} align="flex-end" gap="md" mb="lg" wrap="wrap">
        <TextInput id="assets-q" type="search" label={t('assets.search')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
        <NativeSelect
          id="assets-unit"
          label={t('assets.unit')}
          data={[all, ...units.options]}
          value={unitId}
          onChange={(e) => setParam('unitId', e.currentTarget.value)}
        />
        <NativeSelect
          id="assets-personal"
          label={t('assets.personalData')}
          data={[all, ...enumOptions(t, 'personalData', PERSONAL_DATA)]}
          value={personalData}
          onChange={(e) => setParam('personalData', e.currentTarget.value)}
        />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? (
        <EmptyState
          text={filtered ? t('assets.emptyFiltered') : t('assets.empty')}
          action={
            filtered ? null : (
              <Button component={Link} to="/information-assets/new">
                {t('assets.emptyCta')}
              </Button>
            )
          }
        />
      ) : null}
      {items.length > 0 ? (
        <Box aria-busy={list.isPlaceholderData || undefined}>
          <Table.ScrollContainer minWidth={640} type="native">
            <Table striped highlightOnHover>
              <VisuallyHidden component="caption">{t('assets.listCaption')}</VisuallyHidden>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('assets.name')}</Table.Th>
                  <Table.Th scope="col">{t('assets.unit')}</Table.Th>
                  <Table.Th scope="col">{t('assets.owner')}</Table.Th>
                  <Table.Th scope="col">{t('assets.personalData')}</Table.Th>
                  <Table.Th scope="col">{t('assets.systems')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">
                      <Anchor component={Link} to={`/information-assets/${a.id}`}>
                        {a.name}
                      </Anchor>
                    </Table.Th>
                    <Table.Td>{a.unit?.name ?? '–'}</Table.Td>
                    <Table.Td>{a.owner || '–'}</Table.Td>
                    <Table.Td>{t(`enums.personalData.${a.personalData}`)}</Table.Td>
                    <Table.Td>{a.systems?.map((s) => s.name).join(', ') || '–'}</Table.Td>
                  </Table.Tr>
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
