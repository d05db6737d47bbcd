import { useMemo } from 'react';
import { Box, Checkbox, NativeSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { PERSONAL_DATA, type InformationAsset, type InformationAssetInput } from '../../api/types.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { systemChoicesQuery } from '../../components/options.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { SecrecyFields } from '../../components/Secrecy.js';
import { ErrorState, Loading } from '../../components/States.js';

interface Draft {
  name: string;
  description: string;
  owner: string;
  unitId: string;
  personalData: string;
  systemIds: string[];
  secret: boolean;
  secrecyProvision: string;
}
const ORDER = ['name', 'description', 'secret', 'secrecyProvision', 'owner', 'unitId', 'personalData', 'systemIds'];
const empty: Draft = {
  name: '',
  description: '',
  owner: '',
  unitId: '',
  personalData: 'none',
  systemIds: [],
  secret: false,
  secrecyProvision: '',
};

const fromAsset = (a: InformationAsset): Draft => ({
  // A masked asset has no name to edit; the form is not offered then (no update in allowedActions).
  name: a.name ?? '',
  description: a.description ?? '',
  owner: a.owner ?? '',
  unitId: a.unitId ?? a.unit?.id ?? '',
  personalData: a.personalData,
  systemIds: a.systemIds ?? a.systems?.map((s) => s.id) ?? [],
  secret: a.secret,
  secrecyProvision: a.secrecyProvision ?? '',
});
const toInput = (d: Draft): InformationAssetInput => ({
  name: d.name.trim(),
  description: d.description.trim() || null,
  owner: d.owner.trim() || null,
  unitId: d.unitId || (undefined as unknown as string),
  personalData: d.personalData as InformationAssetInput['personalData'],
  systemIds: d.systemIds,
  secret: d.secret,
  // The provision belongs to the marking: lifting the marking clears it.
  secrecyProvision: d.secret ? d.secrecyProvision.trim() || null : null,
});

export function AssetForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const units = useOrgUnitOptions();
  const systems = useQuery(systemChoicesQuery());
  // A system whose name is withheld from this viewer cannot be told apart from another: not offered.
  const systemOptions = useMemo(
    () => (systems.data ?? []).flatMap((s) => (s.name === null ? [] : [{ value: s.id, label: s.name }])),
    [systems.data],
  );
  const form = useRecordForm({
    id,
    resource: keys.assets,
    api: assetsApi,
    form: 'asset',
    order: ORDER,
    empty,
    fromRecord: fromAsset,
    toInput,
    savedNotice: t('assets.savedNotice'),
    invalidate: [[...keys.assets, 'list'], keys.systems],
    cacheSaved: true,
    savedTo: (a) => `/information-assets/${a.id}`,
  });
  const { draft, set, field, input } = form;

  return (
    <RecordFormPage
      form={form}
      title={form.editing ? t('assets.editTitle') : t('assets.new')}
      cancelTo={form.editing ? `/information-assets/${id}` : '/information-assets'}
    >
      <TextInput {...input('name')} label={requiredLabel(t, t('assets.name'))} required />
      <Textarea {...input('description')} label={t('assets.description')} autosize minRows={3} />
      <SecrecyFields
        secret={draft.secret}
        onSecretChange={(v) => set('secret', v)}
        secretField={field('secret')}
        provisionInput={input('secrecyProvision')}
      />
      <TextInput {...input('owner')} label={t('assets.owner')} />
      <NativeSelect
        {...input('unitId')}
        label={requiredLabel(t, t('assets.unit'))}
        required
        data={[{ value: '', label: t('systems.chooseUnit') }, ...units.options]}
      />
      <NativeSelect {...input('personalData')} label={t('assets.personalData')} data={enumOptions(t, 'personalData', PERSONAL_DATA)} />
      {systems.isPending ? <Loading /> : null}
      {systems.isError ? <ErrorState error={systems.error} onRetry={() => void systems.refetch()} /> : null}
      {systems.isSuccess ? (
        // The id sits on a wrapper: Mantine uses a group's own id only to derive its label ids.
        <Box id="asset-systemIds">
          <Checkbox.Group
            id="asset-systemIds-group"
            label={t('assets.systems')}
            description={t('assets.systemsHelp')}
            error={form.errorFor('systemIds')}
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
    </RecordFormPage>
  );
}
