import { useCallback, useState } from 'react';
import { ApiError } from '../api/client.js';

export type FieldErrors = Record<string, string>;

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
        const target = el instanceof HTMLFieldSetElement ? el.querySelector('input') : el;
        if (target instanceof HTMLElement) {
          if (target.getAttribute('role') === 'alert') target.tabIndex = -1;
          target.focus();
        }
      });
    },
    [order, prefix],
  );

  /** Error for a field, including nested ones like `costs.0.year` under `costs`. */
  const errorFor = useCallback((field: string) => fieldErrors[field], [fieldErrors]);

  return { fieldErrors, error, clear, fail, errorFor };
}
