import { useEffect, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { identityKeys, supplierOptionsApi } from '../../api/resources.js';
import { requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useSystemOptions } from '../../components/options.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecord } from '../../components/records.js';
import { Loading, SubmitAlert } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { orNull, Picker, useDraft } from '../continuity/parts.js';
import { contractsApi, registerKeys, type Contract, type ContractInput } from '../suppliers/api.js';
import { contractClauses, responsibilityItems } from '../../../shared/enums.js';

const CLAUSES = contractClauses;
const ITEMS = responsibilityItems;
const PARTIES = ['', 'supplier', 'municipality', 'shared'] as const;
const ORDER = [
  'supplierId',
  'title',
  'reference',
  'parties',
  'startsOn',
  'endsOn',
  'jointProcurement',
  'dataProcessingAgreement',
  'dataProcessingAgreementOn',
  'systemIds',
  'clauses',
  'responsibilities',
  'note',
];

type Clause = { included: boolean; disclaimer: boolean; note: string };

function draftOf(supplierId: string, c?: Contract) {
  return {
    supplierId: c?.supplierId ?? supplierId,
    title: c?.title ?? '',
    reference: c?.reference ?? '',
    parties: c?.parties ?? '',
    startsOn: c?.startsOn ?? '',
    endsOn: c?.endsOn ?? '',
    jointProcurement: (c?.jointProcurement ?? []).join('\n'),
    dataProcessingAgreement: c?.dataProcessingAgreement ?? false,
    dataProcessingAgreementOn: c?.dataProcessingAgreementOn ?? '',
    systemIds: c?.systemIds ?? [],
    clauses: Object.fromEntries(
      CLAUSES.map((k) => [
        k,
        { included: c?.clauses[k].included ?? false, disclaimer: c?.clauses[k].disclaimer ?? false, note: c?.clauses[k].note ?? '' },
      ]),
    ) as Record<(typeof CLAUSES)[number], Clause>,
    responsibilities: Object.fromEntries(ITEMS.map((k) => [k, c?.responsibilities[k] ?? ''])) as Record<(typeof ITEMS)[number], string>,
    note: c?.note ?? '',
  };
}

function Editor({ contract, etag }: { contract?: Contract; etag?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('contract', ORDER);
  const { draft, set, replace } = useDraft(draftOf(params.get('supplierId') ?? '', contract));
  useEffect(() => replace(draftOf(params.get('supplierId') ?? '', contract)), [contract, params, replace]);
  const suppliers = useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list });
  const systems = useSystemOptions({ keep: draft.systemIds });
  const l = (k: string) => t(`contracts.${k}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = {
        title: draft.title,
        reference: orNull(draft.reference),
        parties: orNull(draft.parties),
        startsOn: orNull(draft.startsOn),
        endsOn: orNull(draft.endsOn),
        jointProcurement: draft.jointProcurement
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
        dataProcessingAgreement: draft.dataProcessingAgreement,
        dataProcessingAgreementOn: orNull(draft.dataProcessingAgreementOn),
        systemIds: draft.systemIds,
        clauses: Object.fromEntries(CLAUSES.map((k) => [k, { ...draft.clauses[k], note: orNull(draft.clauses[k].note) }])),
        responsibilities: Object.fromEntries(ITEMS.map((k) => [k, draft.responsibilities[k] || null])),
        note: orNull(draft.note),
      } as Omit<ContractInput, 'supplierId'>;
      const saved =
        contract && etag
          ? await contractsApi.update(contract.id, etag, body)
          : await contractsApi.create({ ...body, supplierId: draft.supplierId });
      await client.invalidateQueries({ queryKey: registerKeys.contracts });
      notify(l('saved'));
      void navigate(`/contracts/${saved.data.id}`);
    });
  };
  const text = (
    name: 'title' | 'reference' | 'startsOn' | 'endsOn' | 'dataProcessingAgreementOn',
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextInput
      id={`contract-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  const setClause = (k: (typeof CLAUSES)[number], v: Partial<Clause>) =>
    set('clauses', { ...draft.clauses, [k]: { ...draft.clauses[k], ...v } });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={900}>
        <SubmitAlert error={error} />
        {contract ? null : (
          <NativeSelect
            id="contract-supplierId"
            required
            label={requiredLabel(t, l('supplier'))}
            value={draft.supplierId}
            error={errorFor('supplierId')}
            onChange={(e) => set('supplierId', e.currentTarget.value)}
            data={[{ value: '', label: l('chooseSupplier') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
          />
        )}
        {text('title', requiredLabel(t, l('titleField')), { required: true })}
        <Group grow align="flex-start">
          {text('reference', l('reference'))}
          {text('startsOn', l('startsOn'), { type: 'date' })}
          {text('endsOn', l('endsOn'), { type: 'date' })}
        </Group>
        <Textarea
          id="contract-parties"
          label={l('parties')}
          autosize
          minRows={2}
          value={draft.parties}
          error={errorFor('parties')}
          onChange={(e) => set('parties', e.currentTarget.value)}
        />
        <Textarea
          id="contract-jointProcurement"
          label={l('jointProcurement')}
          description={l('jointProcurementHelp')}
          autosize
          minRows={2}
          value={draft.jointProcurement}
          error={errorFor('jointProcurement')}
          onChange={(e) => set('jointProcurement', e.currentTarget.value)}
        />
        <Group align="flex-end">
          <Checkbox
            id="contract-dataProcessingAgreement"
            label={l('dpa')}
            checked={draft.dataProcessingAgreement}
            onChange={(e) => set('dataProcessingAgreement', e.currentTarget.checked)}
          />
          {text('dataProcessingAgreementOn', l('dpaOn'), { type: 'date' })}
        </Group>
        <Picker
          id="contract-systemIds"
          label={l('systems')}
          options={systems.options}
          value={draft.systemIds}
          onChange={(v) => set('systemIds', v)}
          error={errorFor('systemIds')}
        />
        <Fieldset legend={l('checklist')} id="contract-clauses">
          <Text size="sm" mb="sm">
            {l('checklistHelp')}
          </Text>
          <Stack gap="sm">
            {CLAUSES.map((k) => (
              <Fieldset key={k} legend={t(`contracts.clauses.${k}`)} variant="filled">
                <Group align="flex-end">
                  <Checkbox
                    id={`contract-clauses.${k}.included`}
                    label={l('included')}
                    checked={draft.clauses[k].included}
                    onChange={(e) => setClause(k, { included: e.currentTarget.checked })}
                  />
                  <Checkbox
                    id={`contract-clauses.${k}.disclaimer`}
                    label={l('disclaimer')}
                    checked={draft.clauses[k].disclaimer}
                    onChange={(e) => setClause(k, { disclaimer: e.currentTarget.checked })}
                  />
                  <TextInput
                    id={`contract-clauses.${k}.note`}
                    label={l('clauseNote')}
                    style={{ flex: 1 }}
                    value={draft.clauses[k].note}
                    error={errorFor(`clauses.${k}.note`)}
                    onChange={(e) => setClause(k, { note: e.currentTarget.value })}
                  />
                </Group>
              </Fieldset>
            ))}
          </Stack>
        </Fieldset>
        <Fieldset legend={l('responsibilities')} id="contract-responsibilities">
          <Table>
            <Table.Tbody>
              {ITEMS.map((k) => (
                <Table.Tr key={k}>
                  <Table.Td>
                    <label htmlFor={`contract-responsibilities.${k}`}>{t(`contracts.items.${k}`)}</label>
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect
                      id={`contract-responsibilities.${k}`}
                      value={draft.responsibilities[k]}
                      onChange={(e) => set('responsibilities', { ...draft.responsibilities, [k]: e.currentTarget.value })}
                      data={PARTIES.map((p) => ({ value: p, label: t(`contracts.parties_.${p || 'none'}`) }))}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Fieldset>
        <Textarea
          id="contract-note"
          label={l('note')}
          autosize
          minRows={2}
          value={draft.note}
          error={errorFor('note')}
          onChange={(e) => set('note', e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void navigate(contract ? `/contracts/${contract.id}` : '/contracts')}>
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

/** /contracts/new and /contracts/:id/edit. */
export function ContractForm() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useRecord(registerKeys.contracts, contractsApi.get, id);
  const title = id ? t('contracts.editTitle') : t('contracts.newTitle');
  useDocumentTitle(title);
  return (
    <>
      <PageHeader title={title} />
      {id && existing.isPending ? <Loading /> : <Editor contract={existing.data?.data} etag={existing.data?.etag} />}
    </>
  );
}
