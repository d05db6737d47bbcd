import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

interface Common {
  id: string;
  label: string;
  error?: string | undefined;
  help?: string | undefined;
  required?: boolean;
}

/** Ids for the help and error texts so inputs can point at them with aria-describedby. */
function describedBy(id: string, help?: string, error?: string): string | undefined {
  const ids = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: Common) {
  const { t } = useTranslation();
  return (
    <label htmlFor={id} className="field-label">
      {label}
      {required ? <span className="required"> {t('common.requiredMark')}</span> : null}
    </label>
  );
}

function Help({ id, help }: Common) {
  return help ? (
    <p id={`${id}-help`} className="field-help">
      {help}
    </p>
  ) : null;
}

function Extra({ id, error }: Common) {
  return (
    <>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

function a11y(c: Common) {
  return {
    id: c.id,
    'aria-invalid': c.error ? true : undefined,
    'aria-required': c.required ? true : undefined,
    'aria-describedby': describedBy(c.id, c.help, c.error),
  } as const;
}

type TextProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'required'>;
export function TextField({ id, label, error, help, required, ...rest }: TextProps) {
  const c = { id, label, error, help, required };
  return (
    <div className="field">
      <Label {...c} />
      <Help {...c} />
      <input type="text" {...rest} {...a11y(c)} />
      <Extra {...c} />
    </div>
  );
}

type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'required'>;
export function TextArea({ id, label, error, help, required, ...rest }: AreaProps) {
  const c = { id, label, error, help, required };
  return (
    <div className="field">
      <Label {...c} />
      <Help {...c} />
      <textarea rows={3} {...rest} {...a11y(c)} />
      <Extra {...c} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}
type SelectProps = Common &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'required'> & {
    options: Option[];
    placeholder?: string;
  };
export function SelectField({ id, label, error, help, required, options, placeholder, ...rest }: SelectProps) {
  const c = { id, label, error, help, required };
  return (
    <div className="field">
      <Label {...c} />
      <Help {...c} />
      <select {...rest} {...a11y(c)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Extra {...c} />
    </div>
  );
}

type CheckProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type' | 'required'>;
export function CheckboxField({ id, label, error, help, required, ...rest }: CheckProps) {
  const c = { id, label, error, help, required };
  return (
    <div className="field field-check">
      <input type="checkbox" {...rest} {...a11y(c)} />
      <label htmlFor={id}>{label}</label>
      <Help {...c} />
      <Extra {...c} />
    </div>
  );
}

export function FormSection({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}
