import { useState, type FormEvent } from 'react';
import { Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ArchivedSwitch } from '../../components/ArchivedSwitch.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { EmptyState, ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { categoriesApi, incidentSettingsKeys, type Category } from './api.js';
import { RowActions, rowTexts } from './RowActions.js';

/** The tenant's incident categories (D3-37 "unauthorised copying" is among the starters). */
export function CategoriesTab({ mayCreate }: { mayCreate: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery({ queryKey: [...incidentSettingsKeys.categories, showArchived], queryFn: () => categoriesApi.list(showArchived) });
  const refresh = () => client.invalidateQueries({ queryKey: incidentSettingsKeys.categories });
  return (
    <section aria-labelledby="categories-heading">
      <Title order={2} id="categories-heading" tabIndex={-1} mb="sm">
        {t('incidentSettings.categories.heading')}
      </Title>
      <Text mb="sm" maw={760}>
        {t('incidentSettings.categories.intro')}
      </Text>
      <ArchivedSwitch id="categories-archived" checked={showArchived} onChange={setShowArchived} mb="sm" />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState text={t('incidentSettings.categories.empty')} />
      ) : (
        <Table striped maw={900}>
          <Table.Caption>{t('incidentSettings.categories.heading')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('incidentSettings.categories.name')}</Table.Th>
              <Table.Th scope="col">{t('incidentSettings.categories.nameEn')}</Table.Th>
              <Table.Th scope="col">{t('incidentSettings.categories.status')}</Table.Th>
              {mayCreate ? <Table.Th scope="col">{t('incidentSettings.categories.manage')}</Table.Th> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Th scope="row">{c.name}</Table.Th>
                <Table.Td>{c.nameEn ?? '–'}</Table.Td>
                <Table.Td>
                  {c.archived ? (
                    <Badge color="gray" variant="outline">
                      {t('common.archived')}
                    </Badge>
                  ) : (
                    t('incidentSettings.categories.active')
                  )}
                </Table.Td>
                {mayCreate ? (
                  <Table.Td>
                    <RowActions
                      archived={c.archived}
                      allowed={c.allowedActions}
                      texts={rowTexts(t, 'incidentSettings.categories', c.name)}
                      focusAfter="categories-heading"
                      form={(done) => <CategoryForm category={c} onDone={done} />}
                      onArchive={async () => {
                        await categoriesApi.archive(c.id, `"v${c.version}"`);
                        await refresh();
                        notify(t('incidentSettings.categories.archived'));
                      }}
                      onRestore={async () => {
                        await categoriesApi.restore(c.id, `"v${c.version}"`);
                        await refresh();
                        notify(t('incidentSettings.categories.restored'));
                      }}
                    />
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {mayCreate ? (
        <>
          <Title order={3} size="h4" mt="xl" mb="sm" id="category-add">
            {t('incidentSettings.categories.add')}
          </Title>
          <CategoryForm />
        </>
      ) : null}
    </section>
  );
}

/** Add a category (no `category`), or change one in its dialog. */
function CategoryForm({ category, onDone }: { category?: Category; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const prefix = category ? 'edit-category' : 'category';
  const { error, errorFor, busy, run } = useSubmitErrors(prefix, ['name', 'nameEn']);
  const [draft, setDraft] = useState({ name: category?.name ?? '', nameEn: category?.nameEn ?? '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = { name: draft.name, nameEn: draft.nameEn.trim() || null };
      if (category) await categoriesApi.update(category.id, `"v${category.version}"`, body);
      else await categoriesApi.create(body);
      await client.invalidateQueries({ queryKey: incidentSettingsKeys.categories });
      notify(t(category ? 'incidentSettings.categories.saved' : 'incidentSettings.categories.added'));
      if (category) onDone?.();
      else setDraft({ name: '', nameEn: '' });
    });
  };
  return (
    <form onSubmit={submit} noValidate {...(category ? {} : { 'aria-labelledby': 'category-add' })}>
      <Stack maw={640} gap="sm">
        <SubmitAlert
          error={error}
          onReload={() => void client.invalidateQueries({ queryKey: incidentSettingsKeys.categories }).then(onDone)}
        />
        <TextInput
          id={`${prefix}-name`}
          label={requiredLabel(t, t('incidentSettings.categories.name'))}
          required
          value={draft.name}
          error={errorFor('name')}
          onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
        />
        <TextInput
          id={`${prefix}-nameEn`}
          label={t('incidentSettings.categories.nameEn')}
          lang="en"
          value={draft.nameEn}
          error={errorFor('nameEn')}
          onChange={(e) => setDraft({ ...draft, nameEn: e.currentTarget.value })}
        />
        <Group justify={category ? 'flex-end' : 'flex-start'}>
          {category ? (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          ) : null}
          <Button type="submit" variant={category ? 'filled' : 'default'} loading={busy}>
            {category ? t('common.save') : t('incidentSettings.categories.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
