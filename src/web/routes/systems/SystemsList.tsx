import { Anchor, Button, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { formatDate } from '../../components/format.js';
import { NameCell, PagedTable, usePagedList } from '../../components/PagedTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { MaskedName, MaskedValue, SecretBadge } from '../../components/Secrecy.js';
import { SortHeader } from '../../components/SortHeader.js';
import { ArchivedBadge, LifecycleBadge } from '../../components/StatusBadge.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { usePermission } from '../admin/users/roles.js';
import { exportQuery, readFilters, toQuery, writeFilters, type SystemFilters } from './filters.js';
import { SystemFiltersBar } from './SystemFiltersBar.js';

export function SystemsList() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('systems.title'));
  // Only roles that may add records see the button; the server decides again on save.
  const mayCreate = usePermission('system', 'create');
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);

  const update = (next: Partial<SystemFilters>) => setParams(writeFilters({ ...filters, ...next }), { replace: true });
  const list = usePagedList(keys.systems, toQuery(filters), systemsApi.list);
  const filtered = Boolean(filters.q || filters.unitId || filters.owner || filters.status || filters.critical || filters.reviewedBefore);
  const sortProps = { sort: filters.sort, onSort: (sort: string) => update({ sort }) };

  return (
    <>
      <PageHeader title={t('systems.title')}>
        {mayCreate ? (
          <Button component={Link} to="/systems/new">
            {t('systems.new')}
          </Button>
        ) : null}
        <ExportButtons
          path="/api/v1/systems"
          query={exportQuery(filters)}
          filename="it-system"
          csvLabel={t('systems.exportCsv')}
          xlsxLabel={t('systems.exportXlsx')}
          failedText={t('systems.exportFailed')}
        />
      </PageHeader>
      <SystemFiltersBar filters={filters} onChange={update} />
      <PagedTable
        list={list}
        filtered={filtered}
        empty={t('systems.empty')}
        emptyFiltered={t('systems.emptyFiltered')}
        emptyCta={t('systems.emptyCta')}
        newTo="/systems/new"
        caption={t('systems.listCaption')}
        minWidth={840}
        head={
          <>
            <SortHeader field="name" label={t('systems.name')} {...sortProps} />
            <Table.Th scope="col">{t('systems.responsibleUnit')}</Table.Th>
            <Table.Th scope="col">{t('systems.systemOwner')}</Table.Th>
            <SortHeader field="lifecycleStatus" label={t('systems.lifecycleStatus')} {...sortProps} />
            <Table.Th scope="col">{t('systems.critical')}</Table.Th>
            <Table.Th scope="col">{t('systems.hosting')}</Table.Th>
            <Table.Th scope="col">{t('systems.lastReviewedOn')}</Table.Th>
          </>
        }
        row={(s) => (
          <>
            {s.name === null ? (
              // Masked: the row keeps its place in the register; its name is withheld, not missing.
              <Table.Th scope="row">
                <Anchor component={Link} to={`/systems/${s.id}`}>
                  <MaskedName />
                </Anchor>
                <SecretBadge provision={s.secrecyProvision} ml="xs" />
                {s.archived ? <ArchivedBadge /> : null}
              </Table.Th>
            ) : (
              <NameCell to={`/systems/${s.id}`} name={s.name}>
                {s.secret ? <SecretBadge provision={s.secrecyProvision} ml="xs" /> : null}
                {s.archived ? <ArchivedBadge /> : null}
              </NameCell>
            )}
            <Table.Td>{s.responsibleUnit?.name ?? '–'}</Table.Td>
            <Table.Td>{s.masked ? <MaskedValue /> : s.systemOwner || '–'}</Table.Td>
            <Table.Td>
              <LifecycleBadge status={s.lifecycleStatus} />
            </Table.Td>
            <Table.Td>{s.critical ? t('common.yes') : t('common.no')}</Table.Td>
            <Table.Td>{s.masked ? <MaskedValue /> : s.hosting ? t(`enums.hosting.${s.hosting}`) : '–'}</Table.Td>
            <Table.Td>
              {s.lastReviewedOn ? (
                <time dateTime={s.lastReviewedOn}>{formatDate(s.lastReviewedOn, i18n.language)}</time>
              ) : (
                t('systems.lastReviewedNever')
              )}
            </Table.Td>
          </>
        )}
      />
    </>
  );
}
