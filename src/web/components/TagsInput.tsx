import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  label: string;
  value: string[];
  onChange: (value: string[]) => void;
  help?: string;
  error?: string | undefined;
}

/** A text box that collects several values; each value can be removed with its own button. */
export function TagsInput({ id, label, value, onChange, help, error }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = () => {
    const v = draft.trim();
    if (v && !value.includes(v)) onChange([...value, v]);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add();
    } else if (e.key === 'Backspace' && !draft && value.length) {
      onChange(value.slice(0, -1));
    }
  };
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : '', `${id}-list`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      <ul id={`${id}-list`} className="tags" aria-label={label}>
        {value.length === 0 ? <li className="muted">{t('tags.none')}</li> : null}
        {value.map((tag) => (
          <li key={tag} className="tag">
            <span>{tag}</span>
            <button
              type="button"
              className="tag-remove"
              aria-label={t('tags.removeTag', { tag })}
              onClick={() => onChange(value.filter((x) => x !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="inline">
        <input
          id={id}
          type="text"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
          onBlur={add}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        <button type="button" className="btn btn-secondary" onClick={add}>
          {t('common.add')}
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
