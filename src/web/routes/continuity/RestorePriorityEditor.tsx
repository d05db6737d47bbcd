import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Group, List, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, requiredLabel } from '../../components/format.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { Confirm } from '../incidents/parts.js';
import { continuityKeys, prioritiesApi, type RestorePriority } from './api.js';
import { orNull, today, useDraft } from './parts.js';

type Item = { id: string; name: string; note: string | null };

/** The coordinator's draft: move systems up and down with buttons (keyboard and screen reader friendly), then save. */
export function OrderEditor({ order, etag, onReload }: { order: RestorePriority; etag: string; onReload: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const name = (s: { name: string | null }) => s.name ?? t('secrecy.maskedSystem');
  const fromServer = () => order.items.map((i) => ({ id: i.system.id, name: name(i.system), note: i.note }));
  const [items, setItems] = useState<Item[]>(fromServer);
  const [announce, setAnnounce] = useState('');
  const [focus, setFocus] = useState<string | null>(null);
  const { error, busy, run } = useSubmitErrors('priority', ['items']);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setItems(fromServer()), [order.version]);
  // keep the keyboard on the button that was pressed, in the row's new place
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, items]);

  const saved = JSON.stringify(items.map((i) => i.id)) === JSON.stringify(order.items.map((i) => i.system.id));
  const move = (index: number, by: -1 | 1) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    setItems(next);
    const at = index + by;
    setAnnounce(t('continuity.priority.moved', { name: item!.name, rank: at + 1 }));
    // at the top or bottom the pressed button disappears: move to the other one
    const dir = by < 0 ? (at === 0 ? 'down' : 'up') : at === next.length - 1 ? 'up' : 'down';
    setFocus(`priority-${dir}-${item!.id}`);
  };
  const remove = (index: number) => {
    const item = items[index]!;
    setItems(items.filter((_, i) => i !== index));
    setAnnounce(t('continuity.priority.removed', { name: item.name }));
    setFocus('priority-save');
  };
  const add = (s: RestorePriority['unranked'][number]) => {
    setItems([...items, { id: s.id, name: name(s), note: null }]);
    setAnnounce(t('continuity.priority.added', { name: name(s), rank: items.length + 1 }));
    setFocus(`priority-up-${s.id}`);
  };
  const save = () =>
    void run(async () => {
      await prioritiesApi.setItems(order.id, etag, { items: items.map((i) => ({ systemId: i.id, note: i.note })) });
      await client.invalidateQueries({ queryKey: continuityKeys.all });
      await client.invalidateQueries({ queryKey: continuityKeys.priorities });
      notify(t('continuity.priority.saved'));
    });
  const unranked = order.unranked.filter((s) => !items.some((i) => i.id === s.id));
  return (
    <Stack gap="sm" maw={760}>
      <SubmitAlert error={error} onReload={onReload} />
      <VisuallyHidden aria-live="polite">{announce}</VisuallyHidden>
      {items.length === 0 ? <Text>{t('continuity.priority.empty')}</Text> : null}
      <List type="ordered" spacing="xs" id="priority-items">
        {items.map((item, i) => (
          <List.Item key={item.id}>
            <Group gap="xs" wrap="nowrap">
              <Text fw={600} miw={220}>
                {item.name}
              </Text>
              {i > 0 ? (
                <Button
                  id={`priority-up-${item.id}`}
                  size="xs"
                  variant="default"
                  className="no-print"
                  onClick={() => move(i, -1)}
                  aria-label={t('continuity.priority.moveUpLabel', { name: item.name })}
                >
                  {t('continuity.priority.moveUp')}
                </Button>
              ) : null}
              {i < items.length - 1 ? (
                <Button
                  id={`priority-down-${item.id}`}
                  size="xs"
                  variant="default"
                  className="no-print"
                  onClick={() => move(i, 1)}
                  aria-label={t('continuity.priority.moveDownLabel', { name: item.name })}
                >
                  {t('continuity.priority.moveDown')}
                </Button>
              ) : null}
              <Button
                size="xs"
                variant="subtle"
                className="no-print"
                onClick={() => remove(i)}
                aria-label={t('continuity.priority.removeLabel', { name: item.name })}
              >
                {t('continuity.priority.remove')}
              </Button>
            </Group>
          </List.Item>
        ))}
      </List>
      {unranked.length ? (
        <div className="no-print">
          <Title order={3} size="h4" mt="sm" mb="xs">
            {t('continuity.priority.unranked')}
          </Title>
          <Group gap="xs">
            {unranked.map((s) => (
              <Button
                key={s.id}
                size="xs"
                variant="default"
                onClick={() => add(s)}
                aria-label={t('continuity.priority.addLabel', { name: name(s) })}
              >
                {name(s)}
              </Button>
            ))}
          </Group>
        </div>
      ) : null}
      <Group className="no-print">
        <Button id="priority-save" onClick={save} loading={busy} disabled={saved}>
          {t('continuity.priority.save')}
        </Button>
        {!saved ? <Text size="sm">{t('continuity.priority.unsaved')}</Text> : null}
      </Group>
    </Stack>
  );
}

/** Management's decision with date and case number (D1-27): locks the order and replaces the one in force. */
export function DecisionForm({ order, etag, onReload }: { order: RestorePriority; etag: string; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, errorFor, busy, run } = useSubmitErrors('priority-decision', ['decidedOn', 'dnr', 'note']);
  const { draft, set } = useDraft({ decidedOn: today(), dnr: '', note: '' });
  const [confirming, setConfirming] = useState(false);
  // the decision locks the order and replaces the one in force: asked first (a form still missing its
  // date or Dnr goes straight to the server, which names the missing fields)
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.decidedOn && draft.dnr.trim()) setConfirming(true);
    else decide();
  };
  const decide = () => {
    setConfirming(false);
    void run(async () => {
      await prioritiesApi.decide(order.id, etag, { decidedOn: draft.decidedOn, dnr: draft.dnr, note: orNull(draft.note) });
      await client.invalidateQueries({ queryKey: continuityKeys.all });
      await client.invalidateQueries({ queryKey: continuityKeys.priorities });
      notify(t('continuity.priority.decided'));
    });
  };
  const input = (name: keyof typeof draft, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      id={`priority-decision-${name}`}
      label={label}
      value={draft[name]}
      error={errorFor(name)}
      onChange={(e) => set(name, e.currentTarget.value)}
      {...extra}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="priority-decision-heading" className="no-print">
      <Title order={3} mt="xl" mb="sm" id="priority-decision-heading">
        {t('continuity.priority.decision')}
      </Title>
      <Stack maw={520} gap="sm">
        <Alert color="gray" role="note">
          {t('continuity.priority.decisionHelp')}
        </Alert>
        <SubmitAlert error={error} onReload={onReload} />
        {input('decidedOn', requiredLabel(t, t('continuity.priority.decidedOn')), { type: 'date', required: true })}
        {input('dnr', requiredLabel(t, t('continuity.priority.dnr')), { required: true })}
        {input('note', t('continuity.priority.decisionNote'))}
        <Group>
          <Button type="submit" loading={busy}>
            {t('continuity.priority.decide')}
          </Button>
        </Group>
      </Stack>
      <Confirm
        opened={confirming}
        title={t('continuity.priority.confirmTitle')}
        body={t('continuity.priority.confirmBody', { date: formatDate(draft.decidedOn, i18n.language) ?? '–', dnr: draft.dnr || '–' })}
        confirm={t('continuity.priority.decide')}
        onCancel={() => setConfirming(false)}
        onConfirm={decide}
      />
    </form>
  );
}
