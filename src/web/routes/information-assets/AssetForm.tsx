import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, Group, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { assetsApi, keys, systemsApi } from '../../api/resources.js';
import { PERSONAL_DATA, type InformationAsset, type InformationAssetInput } from '../../api/types.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

interface Draft {
  name: string;
  description: string;
  owner: string;
  unitId: string;
  personalData: string;
  systemIds: string[];
}
const ORDER = ['name', 'description', 'owner', 'unitId', 'personalData', 'systemIds'];
const empty: Draft = { name: '', description: '', owner: '', unitId: '', personalData: 'none', systemIds: [] };

const fromAsset = (a: InformationAsset): Draft => ({
  name: a.name,
  description: a.description ?? '',
  owner: a.owner ?? '',
  unitId: a.unitId ?? a.unit?.id ?? '',
  personalData: a.personalData,
  systemIds: a.systemIds ?? a.systems?.map((s) => s.id) ?? [],
});
const toInput = (d: Draft): InformationAssetInput => ({
  name: d.name.trim(),
  description: d.description.trim() || null,
  owner: d.owner.trim() || null,
  unitId: d.unitId || (undefined as unknown as string),
  personalData: d.personalData as InformationAssetInput['personalData'],
  systemIds: d.systemIds,
});

export function AssetForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const editing = Boolean(id);
  const title = editing ? t('assets.editTitle') : t('assets.new');
  useDocumentTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const units = useOrgUnitOptions();
  const { error, clear, fail, errorFor } = useSubmitErrors('asset', ORDER);
  const [draft, setDraft] = useState<Draft>(empty);
  const [busy, setBusy] = useState(false);

  const systems = useQuery({
    queryKey: [...keys.systems, 'options'],
    queryFn: async () => (await systemsApi.list({ limit: 200, sort: 'name' })).items,
  });
  const systemOptions = useMemo(() => (systems.data ?? []).map((s) => ({ value: s.id, label: s.name })), [systems.data]);
  const existing = useQuery({
    queryKey: [...keys.assets, id ?? ''],
    queryFn: () => assetsApi.get(id ?? ''),
    enabled: editing,
  });
  useEffect(() => {
    if (existing.data) setDraft(fromAsset(existing.data.data));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existing.data?.data.id, existing.data?.data.version]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const body = toInput(draft);
      const saved =
        editing && existing.data ? await assetsApi.update(existing.data.data.id, existing.data.etag, body) : await assetsApi.create(body);
      client.setQueryData([...keys.assets, saved.data.id], saved);
      await client.invalidateQueries({ queryKey: [...keys.assets, 'list'] });
      await client.invalidateQueries({ queryKey: keys.systems });
      notify(t('assets.savedNotice'));
      await navigate(`/information-assets/${saved.data.id}`);
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
  const f = (name: keyof Draft) => ({ id: `asset-${name}`, error: errorFor(name) });

  return (
    <>
      <Title order={1}>{title}</Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={640} mt="lg" gap="md">
          <SubmitAlert error={error} onReload={() => void existing.refetch().then(clear)} />
          <TextInput
            {...f('name')}
            label={requiredLabel(t, t('assets.name'))}
            required
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Textarea
            {...f('description')}
            label={t('assets.description')}
            autosize
            minRows={3}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
          />
          <TextInput {...f('owner')} label={t('assets.owner')} value={draft.owner} onChange={(e) => set('owner', e.currentTarget.value)} />
          <NativeSelect
            {...f('unitId')}
            label={requiredLabel(t, t('assets.unit'))}
            required
            data={[{ value: '', label: t('systems.chooseUnit') }, ...units.options]}
            value={draft.unitId}
            onChange={(e) => set('unitId', e.currentTarget.value)}
          />
          <NativeSelect
            {...f('personalData')}
            label={t('assets.personalData')}
            data={enumOptions(t, 'personalData', PERSONAL_DATA)}
            value={draft.personalData}
            onChange={(e) => set('personalData', e.currentTarget.value)}
          />
          {systems.isPending ? <Loading /> : null}
          {systems.isError ? <ErrorState error={systems.error} onRetry={() => void systems.refetch()} /> : null}
          {systems.isSuccess ? (
            // The id sits on a wrapper: Mantine uses a group's own id only to derive its label ids.
            <Box id="asset-systemIds">
              <Checkbox.Group
                id="asset-systemIds-group"
                label={t('assets.systems')}
                description={t('assets.systemsHelp')}
                error={errorFor('systemIds')}
                value={draft.systemIds}
                onChange={(v) => set('systemIds', v)}
              >
                {systemOptions.length === 0 ? (
                  <Text c="dimmed" mt="xs">
                    {t('assets.noSystemsToPick')}
                  </Text>
                ) : (
                  <Stack gap="xs" mt="xs" mah={320} style={{ overflowY: 'auto' }}>
                    {systemOptions.map((o) => (
                      <Checkbox key={o.value} id={`asset-systemIds-${o.value}`} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                )}
              </Checkbox.Group>
            </Box>
          ) : null}
          <Group>
            <Button type="submit" disabled={busy}>
              {busy ? t('common.saving') : t('common.save')}
            </Button>
            <Button component={Link} to={editing ? `/information-assets/${id}` : '/information-assets'} variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
