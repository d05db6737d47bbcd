import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';

export type FieldErrors = Record<string, string>;

const CONTROLS = 'input:not([type="hidden"]), select, textarea, button';

/**
 * Keeps the server's field errors for a form and moves focus to the first invalid field,
 * in the order the fields appear in `order` (their element ids are `${prefix}-${field}`).
 */
export function useSubmitErrors(prefix: string, order: string[]) {
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<unknown>(null);

  const clear = useCallback(() => {
    setFieldErrors({});
    setError(null);
  }, []);

  const fail = useCallback(
    (e: unknown) => {
      const fields = e instanceof ApiError ? e.fieldErrors() : {};
      setFieldErrors(fields);
      setError(e);
      const keys = Object.keys(fields);
      const first = order.find((f) => keys.some((k) => k === f || k.startsWith(`${f}.`))) ?? keys[0];
      // Wait for React to render the messages so aria-describedby points at existing text.
      requestAnimationFrame(() => {
        const exact = first && keys.find((k) => k.startsWith(`${first}.`));
        const el =
          (exact && document.getElementById(`${prefix}-${exact}`)) ||
          (first && document.getElementById(`${prefix}-${first}`)) ||
          document.querySelector<HTMLElement>('[role="alert"]');
        if (!(el instanceof HTMLElement)) return;
        if (el.getAttribute('role') === 'alert') {
          el.tabIndex = -1;
          el.focus();
          return;
        }
        // A group (fieldset, checkbox group) has the id on its container: focus its first control.
        const target = el.matches(CONTROLS) ? el : el.querySelector<HTMLElement>(CONTROLS);
        target?.focus();
      });
    },
    [order, prefix],
  );

  /** Error for a field, including nested ones like `costs.0.year` under `costs`. */
  const errorFor = useCallback((field: string) => fieldErrors[field], [fieldErrors]);

  // One submit at a time: a double click or a second Enter while the first is on its way does nothing.
  const [busy, setBusy] = useState(false);
  const running = useRef(false);
  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      clear();
      try {
        await work();
      } catch (e) {
        fail(e);
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [clear, fail],
  );

  return { fieldErrors, error, clear, fail, errorFor, busy, run };
}
