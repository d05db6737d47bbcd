import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { requiredLabel } from '../../../components/format.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { useNotify } from '../../../components/notify.js';
import { SubmitAlert } from '../../../components/States.js';
import { OBLIGATION_CODES, obligationKeys, obligationsApi, type ObligationCode, type Regime, type RegimeInput } from './api.js';

type Kind = Regime['deadline']['kind'];
const KINDS: Kind[] = ['hours', 'months-after', 'asap'];
type Field = { key: string; sv: string; en: string };
const FIELDS = ['code', 'validFrom', 'name', 'recipient', 'legalBasis', 'deadline', 'link', 'note', 'fields'];
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A tenant's own version of a reporting regime (e.g. a new recipient), starting from the version in force. */
export function RegimeForm({ current, onDone }: { current: Regime[]; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('regime', FIELDS);
  const from = (code: string) => current.find((r) => r.code === code);
  const [code, setCode] = useState<ObligationCode>('nis2-early-warning');
  const base = from(code);
  const [validFrom, setValidFrom] = useState(today());
  const [name, setName] = useState(base?.texts.name ?? { sv: '', en: '' });
  const [recipient, setRecipient] = useState(base?.texts.recipient ?? { sv: '', en: '' });
  const [legalBasis, setLegalBasis] = useState(base?.legalBasis ?? '');
  const [kind, setKind] = useState<Kind>(base?.deadline.kind ?? 'hours');
  const [amount, setAmount] = useState<number | string>(base ? amountOf(base.deadline) : 24);
  const [after, setAfter] = useState<string>(base?.deadline.kind === 'months-after' ? base.deadline.after : 'nis2-notification');
  const [link, setLink] = useState(base?.link ?? '');
  const [note, setNote] = useState(base?.texts.note ?? { sv: '', en: '' });
  const [fields, setFields] = useState<Field[]>(base?.texts.fields ?? []);

  const start = (next: ObligationCode) => {
    const r = from(next);
    setCode(next);
    if (!r) return;
    setName(r.texts.name);
    setRecipient(r.texts.recipient);
    setLegalBasis(r.legalBasis);
    setKind(r.deadline.kind);
    setAmount(amountOf(r.deadline));
    if (r.deadline.kind === 'months-after') setAfter(r.deadline.after);
    setLink(r.link ?? '');
    setNote(r.texts.note ?? { sv: '', en: '' });
    setFields(r.texts.fields);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = typeof amount === 'number' ? amount : Number.NaN;
    const deadline = (
      kind === 'hours'
        ? { kind, hours: n }
        : kind === 'asap'
          ? { kind, targetHours: n }
          : { kind, months: n, after: after as ObligationCode }
    ) as RegimeInput['deadline'];
    void run(async () => {
      await obligationsApi.createRegime({
        code,
        validFrom,
        name,
        recipient,
        legalBasis,
        deadline,
        fields,
        link: link.trim() || null,
        note: note.sv.trim() || note.en.trim() ? note : null,
      });
      await client.invalidateQueries({ queryKey: obligationKeys.regimes });
      notify(t('obligations.regimes.form.saved'));
      onDone();
    });
  };

  const pair = (
    id: string,
    label: string,
    value: { sv: string; en: string },
    set: (v: { sv: string; en: string }) => void,
    required: boolean,
  ) => (
    <Group grow align="flex-start">
      {(['sv', 'en'] as const).map((lang) => {
        const props = {
          id: `regime-${id}.${lang}`,
          label: required
            ? requiredLabel(t, `${label} (${t(`obligations.regimes.form.lang.${lang}`)})`)
            : `${label} (${t(`obligations.regimes.form.lang.${lang}`)})`,
          required,
          value: value[lang],
          error: errorFor(`${id}.${lang}`),
        };
        // a note is a few sentences; names and recipients are one line
        return id === 'note' ? (
          <Textarea
            key={lang}
            {...props}
            autosize
            minRows={2}
            maxLength={2000}
            onChange={(e) => set({ ...value, [lang]: e.currentTarget.value })}
          />
        ) : (
          <TextInput key={lang} {...props} maxLength={200} onChange={(e) => set({ ...value, [lang]: e.currentTarget.value })} />
        );
      })}
    </Group>
  );

  return (
    <form onSubmit={submit} noValidate aria-labelledby="regime-form-heading">
      <Stack maw={820} gap="sm" mb="xl">
        <Title order={2} id="regime-form-heading" tabIndex={-1}>
          {t('obligations.regimes.form.heading')}
        </Title>
        <Text>{t('obligations.regimes.form.intro')}</Text>
        <SubmitAlert error={error} />
        <NativeSelect
          id="regime-code"
          label={t('obligations.regimes.form.code')}
          data={OBLIGATION_CODES.map((c) => ({ value: c, label: from(c)?.name ?? c }))}
          value={code}
          error={errorFor('code')}
          onChange={(e) => start(e.currentTarget.value as ObligationCode)}
        />
        <TextInput
          id="regime-validFrom"
          type="date"
          label={requiredLabel(t, t('obligations.regimes.form.validFrom'))}
          description={t('obligations.regimes.form.validFromHelp')}
          required
          value={validFrom}
          error={errorFor('validFrom')}
          onChange={(e) => setValidFrom(e.currentTarget.value)}
        />
        {pair('name', t('obligations.regimes.form.name'), name, setName, true)}
        {pair('recipient', t('obligations.regimes.form.recipient'), recipient, setRecipient, true)}
        <TextInput
          id="regime-legalBasis"
          label={requiredLabel(t, t('obligations.regimes.form.legalBasis'))}
          required
          maxLength={300}
          value={legalBasis}
          error={errorFor('legalBasis')}
          onChange={(e) => setLegalBasis(e.currentTarget.value)}
        />
        <Fieldset legend={t('obligations.regimes.form.deadline')}>
          <Group align="flex-start" grow>
            <NativeSelect
              id="regime-deadline.kind"
              label={t('obligations.regimes.form.kind')}
              data={KINDS.map((k) => ({ value: k, label: t(`obligations.regimes.form.kinds.${k}`) }))}
              value={kind}
              error={errorFor('deadline.kind')}
              onChange={(e) => setKind(e.currentTarget.value as Kind)}
            />
            <NumberInput
              id={`regime-deadline.${kind === 'hours' ? 'hours' : kind === 'asap' ? 'targetHours' : 'months'}`}
              label={requiredLabel(t, t(kind === 'months-after' ? 'obligations.regimes.form.months' : 'obligations.regimes.form.hours'))}
              required
              min={1}
              allowDecimal={false}
              value={amount}
              error={errorFor('deadline.hours') ?? errorFor('deadline.targetHours') ?? errorFor('deadline.months')}
              onChange={setAmount}
            />
            {kind === 'months-after' ? (
              <NativeSelect
                id="regime-deadline.after"
                label={t('obligations.regimes.form.after')}
                data={OBLIGATION_CODES.filter((c) => c !== code).map((c) => ({ value: c, label: from(c)?.name ?? c }))}
                value={after}
                error={errorFor('deadline.after')}
                onChange={(e) => setAfter(e.currentTarget.value)}
              />
            ) : null}
          </Group>
        </Fieldset>
        <TextInput
          id="regime-link"
          type="url"
          label={t('obligations.regimes.form.link')}
          maxLength={500}
          value={link}
          error={errorFor('link')}
          onChange={(e) => setLink(e.currentTarget.value)}
        />
        {pair('note', t('obligations.regimes.form.note'), note, setNote, false)}
        <Fieldset legend={t('obligations.regimes.form.fields')} id="regime-fields">
          <Text size="sm" mb="xs">
            {t('obligations.regimes.form.fieldsHelp')}
          </Text>
          {errorFor('fields') ? (
            <Text c="red.9" size="sm" role="alert">
              {errorFor('fields')}
            </Text>
          ) : null}
          <Stack gap="xs">
            {fields.map((f, i) => (
              <Group key={i} align="flex-end" wrap="nowrap">
                {(['key', 'sv', 'en'] as const).map((part) => (
                  <TextInput
                    key={part}
                    id={`regime-fields.${i}.${part}`}
                    label={t(`obligations.regimes.form.field.${part}`, { n: i + 1 })}
                    style={{ flex: part === 'key' ? 1 : 3 }}
                    value={f[part]}
                    error={errorFor(`fields.${i}.${part}`)}
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      setFields((all) => all.map((x, j) => (j === i ? { ...x, [part]: value } : x)));
                    }}
                  />
                ))}
                <ActionIcon
                  variant="default"
                  size="lg"
                  aria-label={t('obligations.regimes.form.removeField', { n: i + 1 })}
                  onClick={() => setFields((all) => all.filter((_, j) => j !== i))}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Button variant="default" mt="sm" onClick={() => setFields((all) => [...all, { key: '', sv: '', en: '' }])}>
            {t('obligations.regimes.form.addField')}
          </Button>
        </Fieldset>
        <Group>
          <Button type="submit" loading={busy}>
            {t('obligations.regimes.form.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function amountOf(d: Regime['deadline']): number {
  return d.kind === 'hours' ? d.hours : d.kind === 'asap' ? d.targetHours : d.months;
}
