import { useState } from 'react';
import { Badge, Checkbox, Fieldset, Group, Stack, TextInput } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

export const orNull = (v: string) => (v.trim() === '' ? null : v.trim());

// Today as YYYY-MM-DD in Swedish time, whatever the browser's zone (toISOString would give yesterday's
// date late in the evening).
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

export function useDraft<D extends Record<string, unknown>>(initial: D) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof D>(name: K, value: D[K]) => setDraft((d) => ({ ...d, [name]: value }));
  return { draft, set, reset: () => setDraft(initial), replace: setDraft };
}

/** "4 h 30 min" from minutes; the API keeps minutes, people think in hours. */
export function formatOutage(t: TFunction, minutes: number | null | undefined): string | null {
  if (minutes == null) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h && m) return t('continuity.outage.hoursMinutes', { h, m });
  if (h) return t('continuity.outage.hours', { count: h });
  return t('continuity.outage.minutes', { count: m });
}

/** Minutes from the two inputs; empty both = no time set; anything not a whole number is passed on for the server to refuse. */
export function outageMinutes(hours: string, minutes: string): number | null {
  if (hours.trim() === '' && minutes.trim() === '') return null;
  const h = hours.trim() === '' ? 0 : Number(hours);
  const m = minutes.trim() === '' ? 0 : Number(minutes);
  return h * 60 + m;
}

/** A state in words with a calm colour behind it: the text carries the meaning, the colour only helps. */
export function StateBadge({ ok, okText, gapText }: { ok: boolean; okText: string; gapText: string }) {
  return (
    <Badge variant="light" color={ok ? 'green' : 'red'} c="dark.9" tt="none">
      {ok ? okText : gapText}
    </Badge>
  );
}

/** Picks several from a list (a real checkbox group: works with every screen reader). */
export function Picker({
  id,
  label,
  description,
  options,
  value,
  onChange,
  error,
}: {
  id: string;
  label: string;
  description?: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group id={id} label={label} description={description} value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt="xs" mah={200} style={{ overflowY: 'auto' }}>
        {options.length === 0 ? t('continuity.noChoices') : null}
        {options.map((o) => (
          <Checkbox key={o.value} value={o.value} label={o.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

/** Hours and minutes of the accepted outage time, as two labelled inputs in one group. */
export function OutageInputs({
  prefix,
  hours,
  minutes,
  onHours,
  onMinutes,
  error,
}: {
  prefix: string;
  hours: string;
  minutes: string;
  onHours: (v: string) => void;
  onMinutes: (v: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  // one value in two inputs: the legend names it, so "Minuter" alone is clear to a screen reader too
  return (
    <Fieldset legend={t('continuity.fields.acceptedOutage')} maw={520}>
      <Group align="flex-start" grow>
        <TextInput
          id={`${prefix}-acceptedOutageMinutes`}
          label={t('continuity.outage.hoursLabel')}
          description={t('continuity.outage.help')}
          inputMode="numeric"
          value={hours}
          error={error}
          onChange={(e) => onHours(e.currentTarget.value)}
        />
        <TextInput
          id={`${prefix}-outageMinutesPart`}
          label={t('continuity.outage.minutesLabel')}
          description={t('continuity.outage.minutesHelp')}
          inputMode="numeric"
          value={minutes}
          onChange={(e) => onMinutes(e.currentTarget.value)}
        />
      </Group>
    </Fieldset>
  );
}
