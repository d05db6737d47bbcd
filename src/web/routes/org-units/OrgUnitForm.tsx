import { NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { keys, orgUnitsApi } from '../../api/resources.js';
import { ORG_UNIT_TYPES, type OrgUnit, type OrgUnitInput } from '../../api/types.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { useRecordForm } from '../../components/records.js';
import { HistoryTab } from '../audit/HistoryTab.js';

interface Draft {
  name: string;
  type: string;
  parentId: string;
  description: string;
}
const ORDER = ['name', 'type', 'parentId', 'description'];
const empty: Draft = { name: '', type: 'operation', parentId: '', description: '' };

const fromUnit = (u: OrgUnit): Draft => ({ name: u.name, type: u.type, parentId: u.parentId ?? '', description: u.description ?? '' });
const toInput = (d: Draft): OrgUnitInput => ({
  name: d.name.trim(),
  type: d.type as OrgUnitInput['type'],
  parentId: d.parentId || null,
  description: d.description.trim() || null,
});

export function OrgUnitForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const parents = useOrgUnitOptions(id);
  const form = useRecordForm({
    id,
    resource: keys.orgUnits,
    api: orgUnitsApi,
    form: 'org',
    order: ORDER,
    empty,
    fromRecord: fromUnit,
    toInput,
    savedNotice: t('orgUnits.savedNotice'),
    invalidate: [keys.orgUnits],
    savedTo: () => '/org-units',
  });
  const { input } = form;

  return (
    <>
      <RecordFormPage form={form} title={form.editing ? t('orgUnits.editTitle') : t('orgUnits.new')} cancelTo="/org-units">
        <TextInput {...input('name')} label={requiredLabel(t, t('orgUnits.name'))} required />
        <NativeSelect
          {...input('type')}
          label={requiredLabel(t, t('orgUnits.type'))}
          required
          data={enumOptions(t, 'orgType', ORG_UNIT_TYPES)}
        />
        <NativeSelect
          {...input('parentId')}
          label={t('orgUnits.parent')}
          data={[{ value: '', label: t('orgUnits.parentNone') }, ...parents.options]}
        />
        <Textarea {...input('description')} label={t('orgUnits.description')} autosize minRows={3} />
      </RecordFormPage>
      {id && form.existing.isSuccess ? <HistoryTab path="org-units" id={id} /> : null}
    </>
  );
}
