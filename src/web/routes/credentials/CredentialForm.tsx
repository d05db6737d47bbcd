import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSystemOptions } from '../../components/options.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { orNull } from '../continuity/parts.js';
import { CREDENTIAL_KINDS, credentialKeys, credentialsApi, type Credential, type CredentialInput } from './api.js';

const ORDER = ['kind', 'holderName', 'supplierId', 'systemId', 'serial', 'issuedOn', 'validFrom', 'validTo', 'chargeable', 'note'];

type Draft = {
  kind: string;
  holderName: string;
  supplierId: string;
  systemId: string;
  serial: string;
  issuedOn: string;
  validFrom: string;
  validTo: string;
  chargeable: boolean;
  note: string;
};

const empty = (): Draft => ({
  kind: 'e_id_card',
  holderName: '',
  supplierId: '',
  systemId: '',
  serial: '',
  issuedOn: '',
  validFrom: '',
  validTo: '',
  chargeable: true,
  note: '',
});
const fromRecord = (c: Credential): Draft => ({
  kind: c.kind,
  holderName: c.holderName,
  supplierId: c.supplier?.id ?? '',
  systemId: c.system?.id ?? '',
  serial: c.serial ?? '',
  issuedOn: c.issuedOn ?? '',
  validFrom: c.validFrom ?? '',
  validTo: c.validTo ?? '',
  chargeable: c.chargeable,
  note: c.note ?? '',
});
const toInput = (d: Draft): CredentialInput => ({
  kind: d.kind as CredentialInput['kind'],
  holderName: d.holderName,
  supplierId: orNull(d.supplierId),
  systemId: orNull(d.systemId),
  serial: orNull(d.serial),
  issuedOn: orNull(d.issuedOn),
  validFrom: orNull(d.validFrom),
  validTo: orNull(d.validTo),
  chargeable: d.chargeable,
  note: orNull(d.note),
});

/** Register or change a credential: kind, holder, supplier, system, serial and validity (D0-08, D0-17). */
export function CredentialForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const form = useRecordForm({
    id,
    resource: credentialKeys.credentials,
    api: credentialsApi,
    form: 'credential',
    order: ORDER,
    empty,
    fromRecord,
    toInput,
    savedNotice: t('credentials.saved'),
    invalidate: [credentialKeys.credentials, credentialKeys.chargeBack],
    cacheSaved: true,
    savedTo: (c) => `/credentials/${c.id}`,
  });
  const { draft, input, field, set, editing } = form;
  const systems = useSystemOptions({ keep: draft.systemId ? [draft.systemId] : [] });
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list, staleTime: 60_000, retry: false });
  return (
    <RecordFormPage
      form={form}
      title={editing ? t('credentials.edit') : t('credentials.new')}
      cancelTo={editing ? `/credentials/${id}` : '/credentials'}
    >
      <NativeSelect
        {...input('kind')}
        label={requiredLabel(t, t('credentials.kind'))}
        data={CREDENTIAL_KINDS.map((k) => ({ value: k, label: t(`credentials.kinds.${k}`) }))}
      />
      <TextInput {...input('holderName')} label={requiredLabel(t, t('credentials.holder'))} required />
      <NativeSelect
        {...input('supplierId')}
        label={t('credentials.supplier')}
        description={t('credentials.supplierHelp')}
        data={[{ value: '', label: t('credentials.municipality') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
      />
      <NativeSelect
        {...input('systemId')}
        label={t('credentials.system')}
        data={[{ value: '', label: t('credentials.noSystem') }, ...systems.options]}
      />
      <TextInput {...input('serial')} label={t('credentials.serial')} />
      <TextInput {...input('issuedOn')} type="date" label={t('credentials.issuedOn')} />
      <TextInput {...input('validFrom')} type="date" label={t('credentials.validFrom')} />
      <TextInput {...input('validTo')} type="date" label={t('credentials.validTo')} />
      <Checkbox
        {...field('chargeable')}
        label={t('credentials.chargeable')}
        description={t('credentials.chargeableHelp')}
        checked={draft.chargeable}
        onChange={(e) => set('chargeable', e.currentTarget.checked)}
      />
      <Textarea {...input('note')} label={t('credentials.note')} autosize minRows={2} />
    </RecordFormPage>
  );
}
