import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { keys, orgUnitsApi } from '../../api/resources.js';
import { ORG_UNIT_TYPES, type OrgUnitInput } from '../../api/types.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

interface Draft {
  name: string;
  type: string;
  parentId: string;
  description: string;
}
const ORDER = ['name', 'type', 'parentId', 'description'];

export function OrgUnitForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = Boolean(id);
  const title = editing ? t('orgUnits.editTitle') : t('orgUnits.new');
  useDocumentTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const parents = useOrgUnitOptions(id);
  const { error, clear, fail, errorFor } = useSubmitErrors('org', ORDER);
  const [draft, setDraft] = useState<Draft>({ name: '', type: 'operation', parentId: '', description: '' });
  const [busy, setBusy] = useState(false);

  const existing = useQuery({
    queryKey: [...keys.orgUnits, id ?? ''],
    queryFn: () => orgUnitsApi.get(id ?? ''),
    enabled: editing,
  });
  useEffect(() => {
    const u = existing.data?.data;
    if (u) setDraft({ name: u.name, type: u.type, parentId: u.parentId ?? '', description: u.description ?? '' });
  }, [existing.data]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    const body: OrgUnitInput = {
      name: draft.name.trim(),
      type: draft.type as OrgUnitInput['type'],
      parentId: draft.parentId || null,
      description: draft.description.trim() || null,
    };
    try {
      if (editing && existing.data) await orgUnitsApi.update(existing.data.data.id, existing.data.etag, body);
      else await orgUnitsApi.create(body);
      await client.invalidateQueries({ queryKey: keys.orgUnits });
      notify(t('orgUnits.savedNotice'));
      await navigate('/org-units');
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.isError) {
    return (
      <>
        <Title order={1}>{title}</Title>
        <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />
      </>
    );
  }
  const f = (name: keyof Draft) => ({ id: `org-${name}`, error: errorFor(name) });

  return (
    <>
      <Title order={1}>{title}</Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={error} onReload={() => void existing.refetch().then(clear)} />
          <TextInput
            {...f('name')}
            label={requiredLabel(t, t('orgUnits.name'))}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('type')}
            label={requiredLabel(t, t('orgUnits.type'))}
            required
            data={enumOptions(t, 'orgType', ORG_UNIT_TYPES)}
            value={draft.type}
            onChange={(e) => set('type', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('parentId')}
            label={t('orgUnits.parent')}
            data={[{ value: '', label: t('orgUnits.parentNone') }, ...parents.options]}
            value={draft.parentId}
            onChange={(e) => set('parentId', e.currentTarget.value)}
          />
          <Textarea
            {...f('description')}
            label={t('orgUnits.description')}
            autosize
            minRows={3}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <Group>
            <Button type="submit" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button component={Link} to="/org-units" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
