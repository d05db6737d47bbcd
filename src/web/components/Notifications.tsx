import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Kind = 'success' | 'error';
interface Note {
  id: number;
  kind: Kind;
  text: string;
}
type Notify = (text: string, kind?: Kind) => void;

const Ctx = createContext<Notify>(() => undefined);
export const useNotify = (): Notify => useContext(Ctx);

let next = 1;

/** Toasts in one polite live region, so screen readers announce saves without moving focus. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState<Note[]>([]);
  const dismiss = useCallback((id: number) => setNotes((n) => n.filter((x) => x.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, kind = 'success') => {
      const id = next++;
      setNotes((n) => [...n, { id, kind, text }]);
      setTimeout(() => dismiss(id), 8000);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {notes.map((n) => (
          <div key={n.id} className={`toast toast-${n.kind}`}>
            <span>{n.text}</span>
            <button type="button" className="btn-link" onClick={() => dismiss(n.id)}>
              {t('common.close')}
            </button>
          </div>
        ))}
      </div>
    </Ctx.Provider>
  );
}
