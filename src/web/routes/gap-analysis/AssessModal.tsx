import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, NativeSelect, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSubmitErrors, type FieldErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { DEFICIENCIES, gapApi, STATUSES, type GapAssessInput, type GapItem } from '../requirements/api.js';

const ORDER = ['status', 'notApplicableReason', 'deficiency', 'howMet', 'evidenceUrl', 'measure.title', 'measure.dueOn'];
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

type Status = GapAssessInput['status'];

/** What each status needs, checked before sending so the person is never told about a field they cannot see. */
export function validateAssessment(v: { status: string; reason: string; deficiency: string; howMet: string; evidenceUrl: string }) {
  const e: Record<string, string> = {};
  const failing = v.status === 'partly' || v.status === 'missing';
  const met = v.status === 'exists' || v.status === 'partly';
  if (!v.status) e.status = 'requirements.gap.errors.status';
  if (v.status === 'not_applicable' && !v.reason.trim()) e.notApplicableReason = 'requirements.gap.errors.notApplicableReason';
  if (failing && !v.deficiency) e.deficiency = 'requirements.gap.errors.deficiency';
  if (met && !v.howMet.trim()) e.howMet = 'requirements.gap.errors.howMet';
  if (v.status && v.status !== 'not_applicable' && v.evidenceUrl.trim() && !HTTP_URL.test(v.evidenceUrl.trim()))
    e.evidenceUrl = 'requirements.gap.errors.evidenceUrl';
  return e;
}

/** Assess one requirement for a system; the fields follow the chosen status (D2-24). */
export function AssessModal({
  systemId,
  item,
  onClose,
  onSaved,
  onReload,
}: {
  systemId: string;
  item: GapItem;
  onClose: () => void;
  onSaved: () => void;
  /** After a 412: fetch the assessment someone else saved; the modal is remounted with it. */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const a = item.assessment;
  const [status, setStatus] = useState<string>(a?.status ?? '');
  const [reason, setReason] = useState(a?.notApplicableReason ?? '');
  const [deficiency, setDeficiency] = useState<string>(a?.deficiency ?? '');
  const [howMet, setHowMet] = useState(a?.howMet ?? '');
  const [evidenceUrl, setEvidenceUrl] = useState(a?.evidenceUrl ?? '');
  const [createMeasure, setCreateMeasure] = useState(true);
  const [measureTitle, setMeasureTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [busy, setBusy] = useState(false);
  const [local, setLocal] = useState<FieldErrors>({});
  const { error, clear, fail, errorFor, fieldErrors } = useSubmitErrors('gap', ORDER);
  const failing = status === 'partly' || status === 'missing';
  const met = status === 'exists' || status === 'partly';
  const code = item.requirement.code;
  const shown = (field: string) => local[field] ?? errorFor(field);
  // A server error on a field this form does not show (e.g. the requirement no longer applies) goes to a summary.
  const unplaced = Object.entries(fieldErrors).filter(([f]) => !ORDER.includes(f));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const found = validateAssessment({ status, reason, deficiency, howMet, evidenceUrl });
    const messages = Object.fromEntries(Object.entries(found).map(([f, k]) => [f, t(k)]));
    setLocal(messages);
    const first = ORDER.find((f) => messages[f]);
    if (first) {
      requestAnimationFrame(() => {
        const el = document.getElementById(`gap-${first}`);
        (el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input, select, textarea'))?.focus();
      });
      return;
    }
    setBusy(true);
    const body: GapAssessInput = {
      status: status as Status,
      notApplicableReason: status === 'not_applicable' ? reason : null,
      deficiency: failing ? (deficiency as GapAssessInput['deficiency']) : null,
      howMet: met ? howMet : null,
      evidenceUrl: status !== 'not_applicable' ? evidenceUrl.trim() || null : null,
      createMeasure: failing ? createMeasure : undefined,
      ...(failing && createMeasure && !a?.measure ? { measure: { title: measureTitle || null, dueOn: dueOn || null } } : {}),
    };
    try {
      // "v0" for a first assessment: if someone else saved one meanwhile, the server answers 412, not an overwrite
      const saved = await gapApi.assess(systemId, item.requirement.id, body, `"v${a ? a.version : 0}"`);
      const created = saved.data.assessment?.measure && !a?.measure;
      notify(
        created
          ? t('requirements.gap.savedWithMeasure', { title: saved.data.assessment?.measure?.title ?? '' })
          : t('requirements.gap.saved'),
      );
      onSaved();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t('requirements.gap.assessTitle', { code })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Text>{item.requirement.text}</Text>
          {item.requirement.guidance ? (
            <Text size="sm" c="dimmed">
              {item.requirement.guidance}
            </Text>
          ) : null}
          <SubmitAlert error={error} onReload={onReload} />
          {unplaced.length ? (
            <Alert color="red" title={t('requirements.gap.errors.other')}>
              <List size="sm">
                {unplaced.map(([f, m]) => (
                  <List.Item key={f}>{m}</List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <Radio.Group
            id="gap-status"
            label={t('requirements.gap.status')}
            required
            value={status}
            onChange={setStatus}
            error={shown('status')}
          >
            <Group mt="xs">
              {STATUSES.map((s) => (
                <Radio key={s} value={s} label={t(`requirements.gap.statuses.${s}`)} />
              ))}
            </Group>
          </Radio.Group>
          {status === 'not_applicable' ? (
            <Textarea
              id="gap-notApplicableReason"
              label={t('requirements.gap.notApplicableReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={shown('notApplicableReason')}
            />
          ) : null}
          {failing ? (
            <NativeSelect
              id="gap-deficiency"
              label={t('requirements.gap.deficiency')}
              required
              value={deficiency}
              onChange={(e) => setDeficiency(e.currentTarget.value)}
              data={[
                { value: '', label: t('requirements.gap.chooseDeficiency') },
                ...DEFICIENCIES.map((d) => ({ value: d, label: t(`requirements.gap.deficiencies.${d}`) })),
              ]}
              error={shown('deficiency')}
            />
          ) : null}
          {met ? (
            <Textarea
              id="gap-howMet"
              label={t('requirements.gap.howMet')}
              description={t('requirements.gap.howMetHint')}
              required
              autosize
              minRows={2}
              value={howMet}
              onChange={(e) => setHowMet(e.currentTarget.value)}
              error={shown('howMet')}
            />
          ) : null}
          {status && status !== 'not_applicable' ? (
            <TextInput
              id="gap-evidenceUrl"
              type="url"
              label={t('requirements.gap.evidenceUrl')}
              description={t('requirements.gap.evidenceHint')}
              value={evidenceUrl}
              onChange={(e) => setEvidenceUrl(e.currentTarget.value)}
              error={shown('evidenceUrl')}
            />
          ) : null}
          {failing && a?.measure ? (
            <Text>{t('requirements.gap.measureExists', { title: a.measure.title ?? t('requirements.gap.hidden') })}</Text>
          ) : null}
          {failing && !a?.measure ? (
            <>
              <Checkbox
                label={t('requirements.gap.createMeasure')}
                checked={createMeasure}
                onChange={(e) => setCreateMeasure(e.currentTarget.checked)}
              />
              {createMeasure ? (
                <Group grow align="flex-start">
                  <TextInput
                    id="gap-measure.title"
                    label={t('requirements.gap.measureTitle')}
                    description={t('requirements.gap.measureTitleHint')}
                    value={measureTitle}
                    onChange={(e) => setMeasureTitle(e.currentTarget.value)}
                    error={shown('measure.title')}
                  />
                  <TextInput
                    id="gap-measure.dueOn"
                    type="date"
                    label={t('requirements.gap.measureDue')}
                    value={dueOn}
                    onChange={(e) => setDueOn(e.currentTarget.value)}
                    error={shown('measure.dueOn')}
                  />
                </Group>
              ) : null}
            </>
          ) : null}
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
