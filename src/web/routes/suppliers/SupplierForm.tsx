import { NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { supplierKeys, suppliersApi, type Supplier, type SupplierInput } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { useSupplierPermissions } from './access.js';
import { typeOptions } from './types.js';

interface Draft {
  name: string;
  organisationNumber: string;
  type: string;
}
const ORDER = ['name', 'organisationNumber', 'type'];
const empty: Draft = { name: '', organisationNumber: '', type: 'it_supplier' };

const fromSupplier = (s: Supplier): Draft => ({ name: s.name, organisationNumber: s.organisationNumber ?? '', type: s.type });
// The server normalises and checks the number; what the user typed goes as it is.
const toInput = (d: Draft): SupplierInput => ({
  name: d.name.trim(),
  organisationNumber: d.organisationNumber.trim() || null,
  type: d.type as SupplierInput['type'],
});

export function SupplierForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  // A supplier's own administrator keeps the name current; who the organisation is, the municipality records.
  const identityLocked = !useSupplierPermissions().can('create');
  const form = useRecordForm({
    id,
    resource: supplierKeys.all,
    api: suppliersApi,
    form: 'supplier',
    order: ORDER,
    empty,
    fromRecord: fromSupplier,
    toInput,
    savedNotice: t('suppliers.savedNotice'),
    invalidate: [supplierKeys.all],
    cacheSaved: true,
    savedTo: (s) => `/suppliers/${s.id}`,
  });
  const { input } = form;
  const locked = identityLocked ? { disabled: true, description: t('suppliers.identityLocked') } : {};

  return (
    <RecordFormPage
      form={form}
      title={form.editing ? t('suppliers.editTitle') : t('suppliers.new')}
      subtitle={form.record?.name}
      cancelTo={form.editing ? `/suppliers/${id}` : '/suppliers'}
    >
      <TextInput {...input('name')} label={requiredLabel(t, t('suppliers.name'))} required autoComplete="organization" />
      <TextInput
        {...input('organisationNumber')}
        label={t('suppliers.organisationNumber')}
        description={t('suppliers.organisationNumberHelp')}
        inputMode="numeric"
        maxLength={20}
        {...locked}
      />
      <NativeSelect {...input('type')} label={requiredLabel(t, t('suppliers.type'))} required data={typeOptions(t)} {...locked} />
    </RecordFormPage>
  );
}
