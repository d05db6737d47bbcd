import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { AREAS, ASPECTS, KINDS, requirementsApi, type Requirement, type RequirementInput } from './api.js';

const ORDER = ['code', 'text', 'aspect', 'minLevel', 'kind', 'area', 'guidance', 'source'];

interface Props {
  /** The requirement to change, or null for a new one. */
  requirement: Requirement | null;
  onClose: () => void;
  onSaved: () => void;
  /** After a 412: fetch the version someone else saved; the form is remounted with it. */
  onReload: () => Promise<void>;
}

const draftOf = (r: Requirement | null) => ({
  code: r?.code ?? '',
  text: r?.text ?? '',
  aspect: r?.aspect ?? 'confidentiality',
  minLevel: String(r?.minLevel ?? 1),
  kind: r?.kind ?? 'organisation',
  area: r?.area ?? 'administrative',
  guidance: r?.guidance ?? '',
  source: r?.source ?? '',
});

/** Create or change one requirement in a modal; the server's field errors are shown at each field. */
export function RequirementForm({ requirement, onClose, onSaved, onReload }: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [draft, setDraft] = useState(() => draftOf(requirement));
  const [busy, setBusy] = useState(false);
  const { error, clear, fail, errorFor } = useSubmitErrors('req', ORDER);
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setBusy(true);
    const body: RequirementInput = {
      ...draft,
      aspect: draft.aspect as RequirementInput['aspect'],
      kind: draft.kind as RequirementInput['kind'],
      area: draft.area as RequirementInput['area'],
      minLevel: Number(draft.minLevel),
      guidance: draft.guidance || null,
      source: draft.source || null,
    };
    try {
      if (requirement) {
        await requirementsApi.update(requirement.id, `"v${requirement.version}"`, body);
        notify(t('requirements.saved'));
      } else {
        await requirementsApi.create(body);
        notify(t('requirements.created'));
      }
      onSaved();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const option = (prefix: string) => (v: string) => ({ value: v, label: t(`requirements.${prefix}.${v}`) });
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={requirement ? t('requirements.editNamed', { code: requirement.code }) : t('requirements.new')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <SubmitAlert
            error={error}
            onReload={() => {
              onReload().catch((e: unknown) => fail(e));
            }}
          />
          <TextInput
            id="req-code"
            label={t('requirements.fields.code')}
            description={t('requirements.hints.code')}
            required
            value={draft.code}
            onChange={(e) => set('code')(e.currentTarget.value)}
            error={errorFor('code')}
            maxLength={40}
          />
          <Textarea
            id="req-text"
            label={t('requirements.fields.text')}
            required
            autosize
            minRows={3}
            value={draft.text}
            onChange={(e) => set('text')(e.currentTarget.value)}
            error={errorFor('text')}
          />
          <Group grow align="flex-start">
            <NativeSelect
              id="req-aspect"
              label={t('requirements.fields.aspect')}
              data={ASPECTS.map(option('aspects'))}
              value={draft.aspect}
              onChange={(e) => set('aspect')(e.currentTarget.value)}
              error={errorFor('aspect')}
            />
            <NativeSelect
              id="req-minLevel"
              label={t('requirements.fields.minLevel')}
              description={t('requirements.hints.minLevel')}
              data={['1', '2', '3'].map((l) => ({ value: l, label: t('requirements.levelN', { level: l }) }))}
              value={draft.minLevel}
              onChange={(e) => set('minLevel')(e.currentTarget.value)}
              error={errorFor('minLevel')}
            />
          </Group>
          <Group grow align="flex-start">
            <NativeSelect
              id="req-kind"
              label={t('requirements.fields.kind')}
              data={KINDS.map(option('kinds'))}
              value={draft.kind}
              onChange={(e) => set('kind')(e.currentTarget.value)}
              error={errorFor('kind')}
            />
            <NativeSelect
              id="req-area"
              label={t('requirements.fields.area')}
              data={AREAS.map(option('areas'))}
              value={draft.area}
              onChange={(e) => set('area')(e.currentTarget.value)}
              error={errorFor('area')}
            />
          </Group>
          <Textarea
            id="req-guidance"
            label={t('requirements.fields.guidance')}
            autosize
            minRows={2}
            value={draft.guidance}
            onChange={(e) => set('guidance')(e.currentTarget.value)}
            error={errorFor('guidance')}
          />
          <TextInput
            id="req-source"
            label={t('requirements.fields.source')}
            description={t('requirements.hints.source')}
            value={draft.source}
            onChange={(e) => set('source')(e.currentTarget.value)}
            error={errorFor('source')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
