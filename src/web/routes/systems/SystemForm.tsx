import { Checkbox, NativeSelect, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { AUTH_METHODS, HOSTING, LIFECYCLE } from '../../api/types.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { RecordFormPage } from '../../components/RecordFormPage.js';
import { SecrecyFields, shownName } from '../../components/Secrecy.js';
import { useRecordForm } from '../../components/records.js';
import { TagsField } from '../../components/TagsField.js';
import { CostEditor } from './CostEditor.js';
import { emptyDraft, FIELD_ORDER, fromSystem, toInput } from './draft.js';

export function SystemForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const units = useOrgUnitOptions();
  const form = useRecordForm({
    id,
    resource: keys.systems,
    api: systemsApi,
    form: 'system',
    order: FIELD_ORDER,
    empty: emptyDraft,
    fromRecord: fromSystem,
    toInput,
    savedNotice: t('systems.savedNotice'),
    invalidate: [[...keys.systems, 'list']],
    cacheSaved: true,
    savedTo: (s) => `/systems/${s.id}`,
  });
  const { draft, set, field, input } = form;
  const notSet = { value: '', label: t('common.notSet') };

  return (
    <RecordFormPage
      form={form}
      title={form.editing ? t('systems.editTitle') : t('systems.new')}
      subtitle={form.record ? shownName(t, form.record) : undefined}
      cancelTo={form.editing ? `/systems/${id}` : '/systems'}
    >
      <TextInput {...input('name')} label={requiredLabel(t, t('systems.name'))} required />
      <Textarea {...input('description')} label={t('systems.description')} autosize minRows={3} />
      <SecrecyFields
        secret={draft.secret}
        onSecretChange={(v) => set('secret', v)}
        secretField={field('secret')}
        provisionInput={input('secrecyProvision')}
      />
      <NativeSelect
        {...input('responsibleUnitId')}
        label={requiredLabel(t, t('systems.responsibleUnit'))}
        description={t('systems.responsibleUnitHelp')}
        required
        data={[{ value: '', label: t('systems.chooseUnit') }, ...units.options]}
      />
      <TextInput {...input('systemOwner')} label={t('systems.systemOwner')} />
      <TagsField
        {...field('systemAdministrators')}
        label={t('systems.systemAdministrators')}
        description={t('systems.systemAdministratorsHelp')}
        value={draft.systemAdministrators}
        onChange={(v) => set('systemAdministrators', v)}
      />
      <TextInput {...input('operationsResponsible')} label={t('systems.operationsResponsible')} />
      <TextInput {...input('supplier')} label={t('systems.supplier')} />
      <NativeSelect {...input('hosting')} label={t('systems.hosting')} data={[notSet, ...enumOptions(t, 'hosting', HOSTING)]} />
      <NativeSelect
        {...input('authenticationMethod')}
        label={t('systems.authenticationMethod')}
        data={[notSet, ...enumOptions(t, 'auth', AUTH_METHODS)]}
      />
      <Checkbox
        {...field('critical')}
        label={t('systems.critical')}
        checked={draft.critical}
        onChange={(e) => set('critical', e.currentTarget.checked)}
      />
      <NativeSelect {...input('lifecycleStatus')} label={t('systems.lifecycleStatus')} data={enumOptions(t, 'lifecycle', LIFECYCLE)} />
      <TextInput {...input('lastReviewedOn')} type="date" label={t('systems.lastReviewedOn')} />
      <CostEditor value={draft.costs} onChange={(v) => set('costs', v)} errorFor={form.errorFor} />
    </RecordFormPage>
  );
}
