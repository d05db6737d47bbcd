import type { ReactNode } from 'react';
import { Alert, Button, EmptyState as MantineEmptyState, Group, Loader, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" role="status" my="md">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}

export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <MantineEmptyState align="left" my="md" description={text}>
      {action}
    </MantineEmptyState>
  );
}

/** The message to show for any thrown error: the server's problem title, else a generic text. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (error instanceof ApiError) {
      if (error.status === 412) return t('errors.conflict');
      return error.problem.title || t('errors.generic');
    }
    if (error instanceof TypeError) return t('errors.network');
    return t('errors.generic');
  };
}

/** The error's text and, for a server problem other than a 412, the server's detail (why it failed). */
export function useErrorDetail(): (error: unknown) => { title: string; detail?: string } {
  const text = useErrorText();
  return (error) => {
    const detail = error instanceof ApiError && error.status !== 412 ? error.problem.detail : undefined;
    return detail ? { title: text(error), detail } : { title: text(error) };
  };
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <Alert color="red" title={t('errors.loadFailed')} my="md">
      <Text>{text(error)}</Text>
      {detail ? <Text>{detail}</Text> : null}
      {onRetry ? (
        <Button variant="default" mt="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** Alert above a form after a failed submit; offers a reload when someone else changed the record. */
export function SubmitAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  if (!error) return null;
  const conflict = error instanceof ApiError && error.status === 412;
  const fields = error instanceof ApiError && (error.problem.errors?.length ?? 0) > 0;
  return (
    <Alert color="red" title={text(error)}>
      {fields ? <Text>{t('errors.fixFields')}</Text> : null}
      {error instanceof ApiError && error.problem.detail && !conflict ? <Text>{error.problem.detail}</Text> : null}
      {conflict && onReload ? (
        <Button variant="default" mt="sm" onClick={onReload}>
          {t('common.reload')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** A page that needs one query's data: loading, or the load error under the page's h1, else the page. */
export function Loaded<T>({ query, title, children }: { query: UseQueryResult<T>; title: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <>
        <Title order={1}>{title}</Title>
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return children(query.data);
}
