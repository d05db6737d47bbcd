import type { FormEvent } from 'react';
import { Button, Fieldset, Group, NativeSelect, Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SecrecyFields } from '../../components/Secrecy.js';
import { SubmitAlert } from '../../components/States.js';
import { reserveScenarios, type ContinuityDocumentKind, type ReserveScenario } from '../../../shared/enums.js';
import { continuityKeys, documentsApi, type ContinuityDocument, type DocumentInput } from './api.js';
import { Picker, orNull, useDraft } from './parts.js';

// The provision restore plans are marked under unless the author says otherwise (as the server does).
const RESTORE_PLAN_PROVISION = '18 kap. 8 § OSL';
const ORDER = [
  'kind',
  'title',
  'content',
  'link',
  'documentedOn',
  'implementedOn',
  'reviewOn',
  'scenarios',
  'involvedSupplierIds',
  'secret',
  'secrecyProvision',
];

export type Owner = { systemId: string } | { supplierId: string };
type Answer = '' | 'yes' | 'no';

function draftOf(kind: ContinuityDocumentKind, d?: ContinuityDocument) {
  const restore = kind === 'restore_plan';
  return {
    kind,
    title: d?.title ?? '',
    content: d?.content ?? '',
    link: d?.link ?? '',
    documentedOn: d?.documentedOn ?? '',
    implementedOn: d?.implementedOn ?? '',
    reviewOn: d?.reviewOn ?? '',
    scenarios: Object.fromEntries(reserveScenarios.map((s) => [s, d?.scenarios[s] == null ? '' : d.scenarios[s] ? 'yes' : 'no'])) as Record<
      ReserveScenario,
      Answer
    >,
    involvedSupplierIds: d?.involvedSuppliers.map((s) => s.id) ?? [],
    secret: d?.secret ?? restore,
    secrecyProvision: d?.secrecyProvision ?? (restore ? RESTORE_PLAN_PROVISION : ''),
  };
}

/** Add or change a reserve routine, continuity plan, restore plan (a system's) or a supplier's reserve routine (D0-26). */
export function DocumentForm({
  owner,
  kinds,
  document,
  etag,
  onDone,
}: {
  owner: Owner;
  kinds: readonly ContinuityDocumentKind[];
  document?: ContinuityDocument;
  etag?: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('document', ORDER);
  const { draft, set, replace } = useDraft(draftOf(document?.kind ?? kinds[0]!, document));
  const supplierRoutine = draft.kind === 'supplier_reserve_routine';
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list, enabled: !supplierRoutine });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const answers = Object.fromEntries(
        reserveScenarios.filter((s) => draft.scenarios[s] !== '').map((s) => [s, draft.scenarios[s] === 'yes']),
      ) as DocumentInput['scenarios'];
      const body = {
        title: draft.title,
        content: orNull(draft.content),
        link: orNull(draft.link),
        documentedOn: orNull(draft.documentedOn),
        implementedOn: orNull(draft.implementedOn),
        reviewOn: orNull(draft.reviewOn),
        ...(supplierRoutine ? { scenarios: answers } : { involvedSupplierIds: draft.involvedSupplierIds }),
        secret: draft.secret,
        secrecyProvision: draft.secret ? orNull(draft.secrecyProvision) : null,
      };
      if (document && etag) await documentsApi.update(document.id, etag, body);
      else await documentsApi.create({ ...body, kind: draft.kind, ...owner });
      await client.invalidateQueries({ queryKey: continuityKeys.all });
      await client.invalidateQueries({ queryKey: continuityKeys.documentHistory });
      notify(t('continuity.documents.saved'));
      onDone();
    });
  };
  const text = (
    name: 'title' | 'link' | 'documentedOn' | 'implementedOn' | 'reviewOn',
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      id={`document-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SubmitAlert error={error} />
        {!document && kinds.length > 1 ? (
          <NativeSelect
            id="document-kind"
            label={requiredLabel(t, t('continuity.documents.kind'))}
            value={draft.kind}
            error={errorFor('kind')}
            // a restore plan starts secret-marked; the other kinds start open
            onChange={(e) => replace({ ...draftOf(e.currentTarget.value as ContinuityDocumentKind), title: draft.title })}
            data={kinds.map((k) => ({ value: k, label: t(`continuity.kinds.${k}`) }))}
          />
        ) : null}
        {text('title', requiredLabel(t, t('continuity.documents.title')), { required: true })}
        <Textarea
          id="document-content"
          label={t('continuity.documents.content')}
          description={t('continuity.documents.contentHelp')}
          autosize
          minRows={3}
          value={draft.content}
          error={errorFor('content')}
          onChange={(e) => set('content', e.currentTarget.value)}
        />
        {text('link', t('continuity.documents.link'), { description: t('continuity.documents.linkHelp') })}
        <Group grow align="flex-start">
          {text('documentedOn', t('continuity.documents.documentedOn'), { type: 'date' })}
          {text('implementedOn', t('continuity.documents.implementedOn'), { type: 'date' })}
          {text('reviewOn', t('continuity.documents.reviewOn'), { type: 'date' })}
        </Group>
        {supplierRoutine ? (
          <Fieldset legend={requiredLabel(t, t('continuity.scenarios.legend'))} id="document-scenarios">
            <Stack gap="xs">
              {reserveScenarios.map((s) => (
                <Radio.Group
                  key={s}
                  id={`document-scenarios.${s}`}
                  label={t(`continuity.scenarios.${s}`)}
                  value={draft.scenarios[s]}
                  onChange={(v) => set('scenarios', { ...draft.scenarios, [s]: v as Answer })}
                  error={errorFor(`scenarios.${s}`)}
                >
                  <Group mt={4}>
                    <Radio value="yes" label={t('continuity.scenarios.covered')} />
                    <Radio value="no" label={t('continuity.scenarios.notCovered')} />
                  </Group>
                </Radio.Group>
              ))}
            </Stack>
          </Fieldset>
        ) : (
          <Picker
            id="document-involvedSupplierIds"
            label={t('continuity.documents.involvedSuppliers')}
            description={t('continuity.documents.involvedSuppliersHelp')}
            options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={draft.involvedSupplierIds}
            onChange={(v) => set('involvedSupplierIds', v)}
            error={errorFor('involvedSupplierIds')}
          />
        )}
        {supplierRoutine ? null : (
          <SecrecyFields
            secret={draft.secret}
            onSecretChange={(v) => set('secret', v)}
            secretField={{ id: 'document-secret', error: errorFor('secret') }}
            provisionInput={{
              id: 'document-secrecyProvision',
              error: errorFor('secrecyProvision'),
              value: draft.secrecyProvision,
              onChange: (e) => set('secrecyProvision', e.currentTarget.value),
            }}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
