import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Tagged } from '../api/client.js';
import { useSubmitErrors } from './formErrors.js';
import { useNotify } from './notify.js';

/** One record of a register with its ETag, cached under `[...resource, id]`; not fetched without an id. */
export function useRecord<R>(resource: QueryKey, get: (id: string) => Promise<Tagged<R>>, id: string | undefined) {
  return useQuery({ queryKey: [...resource, id ?? ''], queryFn: () => get(id ?? ''), enabled: Boolean(id) });
}

interface RecordApi<R, I> {
  get: (id: string) => Promise<Tagged<R>>;
  create: (body: I) => Promise<Tagged<R>>;
  update: (id: string, etag: string, body: I) => Promise<Tagged<R>>;
}

export interface RecordFormOptions<R, D, I> {
  /** The record being edited; undefined on a "new" page. */
  id: string | undefined;
  /** The resource's query key (`keys.systems`); the record is cached under `[...resource, id]`. */
  resource: QueryKey;
  api: RecordApi<R, I>;
  /** Element ids are `${form}-${field}`; `order` is the fields' order on screen (first invalid gets focus). */
  form: string;
  order: string[];
  empty: D | (() => D);
  fromRecord: (record: R) => D;
  toInput: (draft: D) => I;
  savedNotice: string;
  /** Queries to invalidate after a save. */
  invalidate: QueryKey[];
  /** Put the saved record in the cache, so the page navigated to shows it at once. */
  cacheSaved?: boolean;
  /** Where to go after a save. */
  savedTo: (record: R) => string;
}

type TextKeys<D> = { [K in keyof D]: D[K] extends string ? K : never }[keyof D] & string;
type TextChange = ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>;

/**
 * Create-or-edit form of one register record: loads the record when editing, keeps the draft,
 * saves with the record's ETag (If-Match), then updates the cache, notifies and navigates.
 * Server field errors go to the fields; a 412 offers `reload` (see `RecordFormPage`).
 */
export function useRecordForm<R extends { id: string; version: number }, D, I>(o: RecordFormOptions<R, D, I>) {
  const editing = Boolean(o.id);
  const navigate = useNavigate();
  const client = useQueryClient();
  const notify = useNotify();
  const { error, clear, fail, errorFor } = useSubmitErrors(o.form, o.order);
  const [draft, setDraft] = useState<D>(o.empty);
  const [busy, setBusy] = useState(false);
  const existing = useRecord(o.resource, o.api.get, o.id);
  const record = existing.data?.data;

  useEffect(() => {
    if (existing.data) setDraft(o.fromRecord(existing.data.data));
    // Reset the form only when a new version arrives, not on every refetch of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record?.id, record?.version]);

  const set = <K extends keyof D>(key: K, value: D[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    clear();
    try {
      const body = o.toInput(draft);
      const saved =
        editing && existing.data ? await o.api.update(existing.data.data.id, existing.data.etag, body) : await o.api.create(body);
      if (o.cacheSaved) client.setQueryData([...o.resource, saved.data.id], saved);
      for (const queryKey of o.invalidate) await client.invalidateQueries({ queryKey });
      notify(o.savedNotice);
      await navigate(o.savedTo(saved.data));
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const reload = async () => {
    await existing.refetch();
    clear();
  };

  /** Id and server error of a field. */
  const field = (name: keyof D & string) => ({ id: `${o.form}-${name}`, error: errorFor(name) });
  /** Id, error, value and change handler of a text input, textarea or native select. */
  const input = <K extends TextKeys<D>>(name: K) => ({
    ...field(name),
    value: draft[name] as string,
    onChange: (e: TextChange) => set(name, e.currentTarget.value as D[K]),
  });

  return { editing, existing, record, draft, set, busy, error, errorFor, submit, reload, field, input };
}

export type RecordForm = Pick<ReturnType<typeof useRecordForm>, 'editing' | 'existing' | 'busy' | 'error' | 'submit' | 'reload'>;
