import { Badge, Button, Group, Modal, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const TZ = 'Europe/Stockholm';

/** "7 mars 2026 02:00" in Swedish time, whatever the browser's zone. */
export function formatDateTime(value: string | null | undefined, lang: string): string | null {
  if (!value) return null;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short', timeZone: TZ }).format(
    new Date(value),
  );
}

function partsIn(date: Date): Record<string, string> {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  return Object.fromEntries(parts.map((p) => [p.type, p.value]));
}

/** An instant as the value of a datetime-local field, in Swedish time ("2026-03-07T02:00"). */
export function toLocalInput(value: string | null | undefined): string {
  if (!value) return '';
  const p = partsIn(new Date(value));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

export const nowLocalInput = () => toLocalInput(new Date().toISOString());

/**
 * A datetime-local value read as Swedish time, as ISO 8601 with its offset ("2026-03-07T02:00:00+01:00").
 * Blank stays blank (the server says what is missing); a time skipped by the spring change is moved on.
 */
export function fromLocalInput(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local.trim());
  if (!m) return local.trim();
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // the zone's offset at that wall time: guess, then correct once (enough across a DST change)
  let utc = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(utc));
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    utc += wall - shown;
  }
  const offsetMin = Math.round((wall - utc) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "3 tim 20 min" */
export function formatMinutes(t: TFunction, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? t('incidents.duration.hoursMinutes', { h, m }) : t('incidents.duration.minutes', { m });
}

const statusColor: Record<string, string> = {
  reported: 'orange',
  triaged: 'blue',
  contained: 'grape',
  resolved: 'teal',
  closed: 'gray',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColor[status] ?? 'gray'} c="dark.9" tt="none">
      {t(`incidents.status.${status}`)}
    </Badge>
  );
}

export function CrisisBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red.9" tt="none">
      {t('incidents.crisisBadge')}
    </Badge>
  );
}

/** Empty text fields are sent as null (cleared), numbers typed the Swedish way ("1 234,50"). */
export const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
export const numberOrNull = (v: string) => (v.trim() === '' ? null : Number(v.replace(/\s/g, '').replace(',', '.')));

/**
 * Asks before a step that tells people outside the page or records a decision (a crisis, an activated
 * continuity plan, a decided order). The dialog returns focus to the button that opened it.
 */
export function Confirm({
  opened,
  title,
  body,
  confirm,
  busy = false,
  onConfirm,
  onCancel,
}: {
  opened: boolean;
  title: string;
  body: string;
  confirm: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onCancel} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Text mb="md">{body}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={onConfirm}>
          {confirm}
        </Button>
      </Group>
    </Modal>
  );
}
