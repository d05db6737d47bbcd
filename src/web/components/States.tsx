import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <div className="empty">
      <p>{text}</p>
      {action}
    </div>
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

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const detail = error instanceof ApiError ? error.problem.detail : undefined;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{t('errors.loadFailed')}</p>
      <p>{text(error)}</p>
      {detail ? <p>{detail}</p> : null}
      {onRetry ? (
        <button type="button" className="btn btn-secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
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
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{text(error)}</p>
      {fields ? <p>{t('errors.fixFields')}</p> : null}
      {error instanceof ApiError && error.problem.detail && !conflict ? <p>{error.problem.detail}</p> : null}
      {conflict && onReload ? (
        <button type="button" className="btn btn-secondary" onClick={onReload}>
          {t('common.reload')}
        </button>
      ) : null}
    </div>
  );
}
