import type { Option } from './Field.js';

interface Props {
  id: string;
  legend: string;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
  help?: string;
  empty: string;
  error?: string | undefined;
}

/** Multi-select as a group of checkboxes: works with keyboard and screen readers without scripts. */
export function CheckboxList({ id, legend, options, value, onChange, help, empty, error }: Props) {
  const toggle = (v: string, on: boolean) => onChange(on ? [...value, v] : value.filter((x) => x !== v));
  const describedBy = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset id={id} className="field checkbox-list" aria-describedby={describedBy || undefined}>
      <legend className="field-label">{legend}</legend>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      {options.length === 0 ? <p className="muted">{empty}</p> : null}
      <div className="checkbox-scroll">
        {options.map((o) => (
          <div key={o.value} className="field-check">
            <input
              type="checkbox"
              id={`${id}-${o.value}`}
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </div>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
