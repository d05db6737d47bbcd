import { useState } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys, systemsApi } from '../../api/resources.js';
import type { System } from '../../api/types.js';
import { formatDate } from '../../components/format.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';

/**
 * D1-13: the system's "last reviewed" date and, when the server allows an update and the system is
 * not archived, the button that confirms the details are correct (the server dates it today).
 */
export function ReviewControl({ system, etag }: { system: System; etag: string }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canReview = system.allowedActions.includes('update') && !system.archived;

  const review = async () => {
    setBusy(true);
    setError(null);
    try {
      const saved = await systemsApi.review(system.id, etag);
      client.setQueryData([...keys.systems, system.id], saved);
      await client.invalidateQueries({ queryKey: keys.systems });
      notify(t('systems.reviewedNotice'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  // A 412 means someone else changed the system: load their version, then the user can confirm again.
  const reload = async () => {
    await client.invalidateQueries({ queryKey: [...keys.systems, system.id] });
    setError(null);
  };

  const date = system.lastReviewedOn ? (
    <time dateTime={system.lastReviewedOn}>{formatDate(system.lastReviewedOn, i18n.language)}</time>
  ) : (
    <Text span c="dimmed" fz="inherit">
      {t('common.notSet')}
    </Text>
  );
  if (!canReview) return date;
  return (
    <Stack gap="xs" align="flex-start">
      {date}
      <Button variant="default" size="xs" loading={busy} aria-describedby="system-review-help" onClick={() => void review()}>
        {t('systems.review')}
      </Button>
      <Text id="system-review-help" size="sm" c="dimmed">
        {t('systems.reviewHelp')}
      </Text>
      <SubmitAlert error={error} onReload={() => void reload()} />
    </Stack>
  );
}
