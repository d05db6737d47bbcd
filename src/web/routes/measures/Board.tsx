import { useEffect, useState } from 'react';
import { Anchor, Button, Card, Checkbox, Menu, SimpleGrid, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { useNotify } from '../../components/notify.js';
import { useErrorText } from '../../components/States.js';
import { measureKeys, measuresApi, type Measure } from './api.js';
import { DueText, STATUSES } from './parts.js';

type Status = Measure['status'];
const cardId = (id: string) => `measure-card-${id}`;

/**
 * One column per status. A card moves only through its "Move to…" menu (an explicit choice: a select
 * would save on every arrow key); afterwards focus follows the card to its new column and a live
 * region says where it went.
 */
export function Board({ items }: { items: Measure[] }) {
  const { t } = useTranslation();
  const [showCancelled, setShowCancelled] = useState(false);
  const [moved, setMoved] = useState<{ id: string; status: Status } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const columns = STATUSES.filter((s) => s !== 'cancelled' || showCancelled);

  // Focus the moved card once the refreshed list shows it in its new column.
  useEffect(() => {
    if (!moved) return;
    const m = items.find((x) => x.id === moved.id);
    if (!m || m.status !== moved.status) return;
    document.getElementById(cardId(moved.id))?.focus();
    setMoved(null);
  }, [items, moved]);

  const onMoved = (m: Measure, status: Status) => {
    if (status === 'cancelled') setShowCancelled(true);
    setMoved({ id: m.id, status });
    setAnnouncement(t('measures.movedTo', { title: m.title ?? t('measures.secretTitle'), status: t(`measures.status.${status}`) }));
  };

  return (
    <>
      <Checkbox
        mb="sm"
        label={t('measures.showCancelled')}
        checked={showCancelled}
        onChange={(e) => setShowCancelled(e.currentTarget.checked)}
      />
      <VisuallyHidden aria-live="polite" role="status">
        {announcement}
      </VisuallyHidden>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: columns.length }} spacing="md">
        {columns.map((status) => {
          const inColumn = items.filter((m) => m.status === status);
          return (
            <section key={status} aria-labelledby={`col-${status}`}>
              <Title order={2} size="h4" id={`col-${status}`} mb="xs">
                {t(`measures.status.${status}`)} ({t('measures.columnCount', { count: inColumn.length })})
              </Title>
              <Stack gap="sm">
                {inColumn.length === 0 ? (
                  <Text size="sm">{t('measures.emptyColumn')}</Text>
                ) : (
                  inColumn.map((m) => <MeasureCard key={m.id} m={m} onMoved={onMoved} />)
                )}
              </Stack>
            </section>
          );
        })}
      </SimpleGrid>
    </>
  );
}

function MeasureCard({ m, onMoved }: { m: Measure; onMoved: (m: Measure, status: Status) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const title = m.title ?? t('measures.secretTitle');
  const mayUpdate = m.allowedActions.includes('update');
  const move = async (status: Status) => {
    setBusy(true);
    try {
      await measuresApi.update(m.id, `"v${m.version}"`, { status });
      onMoved(m, status);
      await client.invalidateQueries({ queryKey: measureKeys.all });
      notify(t('measures.statusChanged'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        // Someone else changed it: show the current state rather than overwrite it.
        await client.invalidateQueries({ queryKey: measureKeys.all });
        notify(t('measures.moveConflict'), 'error');
      } else notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card id={cardId(m.id)} tabIndex={-1} withBorder padding="sm" component="article" aria-label={title}>
      <Anchor component={Link} to={`/measures/${m.id}`} fw={600}>
        {title}
      </Anchor>
      <Text size="sm">
        {t('measures.originLabel')}: {t(`measures.origin.${m.origin}`)}
      </Text>
      <Text size="sm">
        {t('measures.owner')}: {m.owner?.displayName ?? t('measures.noOwner')}
      </Text>
      <DueText m={m} />
      <Text size="sm">
        {t('measures.priorityLabel')}: {t(`measures.priority.${m.priority}`)}
      </Text>
      {mayUpdate ? (
        <Menu position="bottom-start" withinPortal withInitialFocusPlaceholder={false}>
          <Menu.Target>
            <Button mt="xs" size="xs" variant="default" loading={busy} aria-label={t('measures.moveToLabel', { title })}>
              {t('measures.moveTo')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {STATUSES.filter((s) => s !== m.status).map((s) => (
              <Menu.Item key={s} onClick={() => void move(s)}>
                {t(`measures.status.${s}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Card>
  );
}
