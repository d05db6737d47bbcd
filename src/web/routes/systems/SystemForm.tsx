import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { AUTH_METHODS, HOSTING, LIFECYCLE } from '../../api/types.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { TagsField } from '../../components/TagsField.js';
import { CostEditor } from './CostEditor.js';
import { emptyDraft, FIELD_ORDER, fromSystem, toInput, type SystemDraft } from './draft.js';

export function SystemForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = Boolean(id);
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const units = useOrgUnitOptions();
  const { error, clear, fail, errorFor } = useSubmitErrors('system', FIELD_ORDER);
  const [draft, setDraft] = useState<SystemDraft>(emptyDraft);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(editing ? t('systems.editTitle') : t('systems.new'));

  const existing = useQuery({
    queryKey: [...keys.systems, id ?? ''],
    queryFn: () => systemsApi.get(id ?? ''),
    enabled: editing,
  });
  const loadedVersion = existing.data?.data.version;
  useEffect(() => {
    if (existing.data) setDraft(fromSystem(existing.data.data));
    // Reset the form only when a new version arrives, not on every refetch of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing.data?.data.id, loadedVersion]);

  const set = <K extends keyof SystemDraft>(key: K, value: SystemDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const body = toInput(draft);
      const saved =
        editing && existing.data ? await systemsApi.update(existing.data.data.id, existing.data.etag, body) : await systemsApi.create(body);
      client.setQueryData([...keys.systems, saved.data.id], saved);
      await client.invalidateQueries({ queryKey: [...keys.systems, 'list'] });
      notify(t('systems.savedNotice'));
      await navigate(`/systems/${saved.data.id}`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await existing.refetch();
    clear();
  };

  const title = editing ? t('systems.editTitle') : t('systems.new');
  if (editing && existing.isPending) return <Loading />;
  if (editing && existing.isError) {
    return (
      <>
        <Title order={1}>{title}</Title>
        <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />
      </>
    );
  }

  const f = (name: keyof SystemDraft) => ({ id: `system-${name}`, error: errorFor(name) });
  const cancelTo = editing ? `/systems/${id}` : '/systems';
  const notSet = { value: '', label: t('common.notSet') };

  return (
    <>
      <Title order={1}>{title}</Title>
      {editing && existing.data ? (
        <Text size="lg" mt="xs">
          {existing.data.data.name}
        </Text>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={error} onReload={() => void reload()} />
          <TextInput
            {...f('name')}
            label={requiredLabel(t, t('systems.name'))}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Textarea
            {...f('description')}
            label={t('systems.description')}
            autosize
            minRows={3}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('responsibleUnitId')}
            label={requiredLabel(t, t('systems.responsibleUnit'))}
            description={t('systems.responsibleUnitHelp')}
            required
            data={[{ value: '', label: t('systems.chooseUnit') }, ...units.options]}
            value={draft.responsibleUnitId}
            onChange={(e) => set('responsibleUnitId', e.currentTarget.value)}
          />
          <TextInput
            {...f('systemOwner')}
            label={t('systems.systemOwner')}
            value={draft.systemOwner}
            onChange={(e) => set('systemOwner', e.currentTarget.value)}
          />
          <TagsField
            {...f('systemAdministrators')}
            label={t('systems.systemAdministrators')}
            description={t('systems.systemAdministratorsHelp')}
            value={draft.systemAdministrators}
            onChange={(v) => set('systemAdministrators', v)}
          />
          <TextInput
            {...f('operationsResponsible')}
            label={t('systems.operationsResponsible')}
            value={draft.operationsResponsible}
            onChange={(e) => set('operationsResponsible', e.currentTarget.value)}
          />
          <TextInput
            {...f('supplier')}
            label={t('systems.supplier')}
            value={draft.supplier}
            onChange={(e) => set('supplier', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('hosting')}
            label={t('systems.hosting')}
            data={[notSet, ...enumOptions(t, 'hosting', HOSTING)]}
            value={draft.hosting}
            onChange={(e) => set('hosting', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('authenticationMethod')}
            label={t('systems.authenticationMethod')}
            data={[notSet, ...enumOptions(t, 'auth', AUTH_METHODS)]}
            value={draft.authenticationMethod}
            onChange={(e) => set('authenticationMethod', e.currentTarget.value)}
          />
          <Checkbox
            {...f('critical')}
            label={t('systems.critical')}
            checked={draft.critical}
            onChange={(e) => set('critical', e.currentTarget.checked)}
          />
          <NativeSelect
            {...f('lifecycleStatus')}
            label={t('systems.lifecycleStatus')}
            data={enumOptions(t, 'lifecycle', LIFECYCLE)}
            value={draft.lifecycleStatus}
            onChange={(e) => set('lifecycleStatus', e.currentTarget.value)}
          />
          <TextInput
            {...f('lastReviewedOn')}
            type="date"
            label={t('systems.lastReviewedOn')}
            value={draft.lastReviewedOn}
            onChange={(e) => set('lastReviewedOn', e.currentTarget.value)}
          />
          <CostEditor value={draft.costs} onChange={(v) => set('costs', v)} errorFor={errorFor} />
          <Group>
            <Button type="submit" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button component={Link} to={cancelTo} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
