import { useEffect, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { AUTH_METHODS, HOSTING, LIFECYCLE } from '../../api/types.js';
import { CheckboxField, SelectField, TextArea, TextField } from '../../components/Field.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { enumOptions } from '../../components/format.js';
import { useOrgUnitOptions } from '../../components/hooks.js';
import { useNotify } from '../../components/Notifications.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { TagsInput } from '../../components/TagsInput.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
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
        <h1>{title}</h1>
        <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />
      </>
    );
  }

  const f = (name: keyof SystemDraft) => ({ id: `system-${name}`, error: errorFor(name) });
  const cancelTo = editing ? `/systems/${id}` : '/systems';

  return (
    <>
      <h1>{title}</h1>
      {editing && existing.data ? <p className="lead">{existing.data.data.name}</p> : null}
      <form onSubmit={submit} noValidate className="form">
        <SubmitAlert error={error} onReload={() => void reload()} />
        <TextField {...f('name')} label={t('systems.name')} required value={draft.name} onChange={(e) => set('name', e.target.value)} />
        <TextArea
          {...f('description')}
          label={t('systems.description')}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
        />
        <SelectField
          {...f('responsibleUnitId')}
          label={t('systems.responsibleUnit')}
          help={t('systems.responsibleUnitHelp')}
          required
          placeholder={t('systems.chooseUnit')}
          options={units.options}
          value={draft.responsibleUnitId}
          onChange={(e) => set('responsibleUnitId', e.target.value)}
        />
        <TextField
          {...f('systemOwner')}
          label={t('systems.systemOwner')}
          value={draft.systemOwner}
          onChange={(e) => set('systemOwner', e.target.value)}
        />
        <TagsInput
          {...f('systemAdministrators')}
          label={t('systems.systemAdministrators')}
          help={t('systems.systemAdministratorsHelp')}
          value={draft.systemAdministrators}
          onChange={(v) => set('systemAdministrators', v)}
        />
        <TextField
          {...f('operationsResponsible')}
          label={t('systems.operationsResponsible')}
          value={draft.operationsResponsible}
          onChange={(e) => set('operationsResponsible', e.target.value)}
        />
        <TextField
          {...f('supplier')}
          label={t('systems.supplier')}
          value={draft.supplier}
          onChange={(e) => set('supplier', e.target.value)}
        />
        <SelectField
          {...f('hosting')}
          label={t('systems.hosting')}
          placeholder={t('common.notSet')}
          options={enumOptions(t, 'hosting', HOSTING)}
          value={draft.hosting}
          onChange={(e) => set('hosting', e.target.value)}
        />
        <SelectField
          {...f('authenticationMethod')}
          label={t('systems.authenticationMethod')}
          placeholder={t('common.notSet')}
          options={enumOptions(t, 'auth', AUTH_METHODS)}
          value={draft.authenticationMethod}
          onChange={(e) => set('authenticationMethod', e.target.value)}
        />
        <CheckboxField
          {...f('critical')}
          label={t('systems.critical')}
          checked={draft.critical}
          onChange={(e) => set('critical', e.target.checked)}
        />
        <SelectField
          {...f('lifecycleStatus')}
          label={t('systems.lifecycleStatus')}
          options={enumOptions(t, 'lifecycle', LIFECYCLE)}
          value={draft.lifecycleStatus}
          onChange={(e) => set('lifecycleStatus', e.target.value)}
        />
        <TextField
          {...f('lastReviewedOn')}
          type="date"
          label={t('systems.lastReviewedOn')}
          value={draft.lastReviewedOn}
          onChange={(e) => set('lastReviewedOn', e.target.value)}
        />
        <CostEditor value={draft.costs} onChange={(v) => set('costs', v)} errorFor={errorFor} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('common.save')}
          </button>
          <Link to={cancelTo} className="btn btn-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
