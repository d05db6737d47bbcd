import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllowedAction } from '../api/types.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useNotify } from './Notifications.js';
import { useErrorText } from './States.js';

interface Props {
  allowed: AllowedAction[];
  archived: boolean;
  confirmTitle: string;
  confirmBody: string;
  archivedNotice: string;
  restoredNotice: string;
  /** Accessible names when several records share a page, e.g. "Arkivera Skolan". */
  archiveLabel?: string;
  restoreLabel?: string;
  onArchive: () => Promise<unknown>;
  onRestore: () => Promise<unknown>;
}

/** Archive (after confirmation) or restore, shown only when the server allows the action. */
export function ArchiveControls(p: Props) {
  const { t } = useTranslation();
  const notify = useNotify();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const archive = async () => {
    setBusy(true);
    setError(null);
    try {
      await p.onArchive();
      setOpen(false);
      notify(p.archivedNotice);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const restore = async () => {
    setBusy(true);
    try {
      await p.onRestore();
      notify(p.restoredNotice);
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {!p.archived && p.allowed.includes('archive') ? (
        <button type="button" className="btn btn-danger-outline btn-small" aria-label={p.archiveLabel} onClick={() => setOpen(true)}>
          {t('common.archive')}
        </button>
      ) : null}
      {p.archived && p.allowed.includes('restore') ? (
        <button
          type="button"
          className="btn btn-secondary btn-small"
          aria-label={p.restoreLabel}
          disabled={busy}
          onClick={() => void restore()}
        >
          {t('common.restore')}
        </button>
      ) : null}
      <ConfirmDialog
        open={open}
        title={p.confirmTitle}
        body={p.confirmBody}
        confirmLabel={t('common.archive')}
        busy={busy}
        error={error}
        onConfirm={() => void archive()}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
      />
    </>
  );
}
