import { useEffect, useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { PERSONAL_DATA, type AssetQuery, type PersonalData } from '../../api/types.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { enumOptions } from '../../components/format.js';
import { useDebounced, useOrgUnitOptions } from '../../components/hooks.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { MaskedName, MaskedValue, SecretBadge } from '../../components/Secrecy.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../admin/users/roles.js';

export function AssetsList() {
  const { t } = useTranslation();
  useDocumentTitle(t('assets.title'));
  // Only roles that may add records see the button; the server decides again on save.
  const mayCreate = usePermission('information-asset', 'create');
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
  const list = usePagedList(keys.assets, query, assetsApi.list);
  // Exports get the list's filters and order, without paging.
  const exportQuery = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  const filtered = Boolean(q || unitId || personalData);

  const all = { value: '', label: t('common.all') };

  return (
    <>
      <PageHeader title={t('assets.title')}>
        {mayCreate ? (
          <Button component={Link} to="/information-assets/new">
            {t('assets.new')}
          </Button>
        ) : null}
        <ExportButtons
          path="/api/v1/information-assets"
          query={exportQuery}
          filename="informationstillgangar"
          csvLabel={t('assets.exportCsv')}
          xlsxLabel={t('assets.exportXlsx')}
          failedText={t('assets.exportFailed')}
        />
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
      <PagedTable
        list={list}
        filtered={filtered}
        empty={t('assets.empty')}
        emptyFiltered={t('assets.emptyFiltered')}
        emptyCta={t('assets.emptyCta')}
        newTo="/information-assets/new"
        caption={t('assets.listCaption')}
        minWidth={640}
        head={
          <>
            <Table.Th scope="col">{t('assets.name')}</Table.Th>
            <Table.Th scope="col">{t('assets.unit')}</Table.Th>
            <Table.Th scope="col">{t('assets.owner')}</Table.Th>
            <Table.Th scope="col">{t('assets.personalData')}</Table.Th>
            <Table.Th scope="col">{t('assets.systems')}</Table.Th>
            <Table.Th scope="col">{t('classification.section')}</Table.Th>
          </>
        }
        row={(a) => (
          <>
            {a.name === null ? (
              // Masked: the row keeps its place in the register; its name is withheld, not missing.
              <Table.Th scope="row">
                <Anchor component={Link} to={`/information-assets/${a.id}`}>
                  <MaskedName />
                </Anchor>
                <SecretBadge provision={a.secrecyProvision} ml="xs" />
              </Table.Th>
            ) : (
              <NameCell to={`/information-assets/${a.id}`} name={a.name}>
                {a.secret ? <SecretBadge provision={a.secrecyProvision} ml="xs" /> : null}
              </NameCell>
            )}
            <Table.Td>{a.unit?.name ?? '–'}</Table.Td>
            <Table.Td>{a.masked ? <MaskedValue /> : a.owner || '–'}</Table.Td>
            <Table.Td>{t(`enums.personalData.${a.personalData}`)}</Table.Td>
            <Table.Td>{a.masked ? <MaskedValue /> : a.systems?.map((s) => s.name).join(', ') || '–'}</Table.Td>
            <Table.Td>
              {a.classification
                ? (['confidentiality', 'integrity', 'availability', 'traceability'] as const)
                    .map((x) => `${t(`classification.short.${x}`)}${a.classification?.[x]}`)
                    .join(' ')
                : t('classification.coverage.states.unclassified')}
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
