import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Row = Record<string, string | boolean>;
export interface FieldSpec {
  name: string;
  label: string;
  kind?: 'text' | 'date' | 'select' | 'checkbox';
  options?: { value: string; label: string }[];
  required?: boolean;
}

/**
 * Rows of a list in the supplier's profile (premises, telecom, messaging …): each row a fieldset with
 * labelled inputs whose ids match the server's field paths (`<prefix>.<list>.<i>.<field>`), so a field
 * error lands on its input and focus moves there.
 */
export function RowsEditor({
  prefix,
  list,
  legend,
  fields,
  rows,
  empty,
  onChange,
  errorFor,
}: {
  prefix: string;
  list: string;
  legend: string;
  fields: FieldSpec[];
  rows: Row[];
  empty: Row;
  onChange: (rows: Row[]) => void;
  errorFor: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const setField = (i: number, name: string, value: string | boolean) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [name]: value } : r)));
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {rows.map((r, i) => (
          <Fieldset key={i} legend={t('supplierRegister.profile.row', { n: i + 1 })} variant="filled">
            <Group align="flex-end" wrap="wrap">
              {fields.map((f) => {
                const id = `${prefix}.${list}.${i}.${f.name}`;
                const error = errorFor(`${list}.${i}.${f.name}`);
                if (f.kind === 'checkbox')
                  return (
                    <Checkbox
                      key={f.name}
                      id={id}
                      label={f.label}
                      checked={r[f.name] === true}
                      error={error}
                      onChange={(e) => setField(i, f.name, e.currentTarget.checked)}
                    />
                  );
                if (f.kind === 'select')
                  return (
                    <NativeSelect
                      key={f.name}
                      id={id}
                      label={f.label}
                      data={f.options ?? []}
                      value={String(r[f.name] ?? '')}
                      error={error}
                      onChange={(e) => setField(i, f.name, e.currentTarget.value)}
                    />
                  );
                return (
                  <TextInput
                    key={f.name}
                    id={id}
                    label={f.label}
                    type={f.kind === 'date' ? 'date' : 'text'}
                    required={f.required}
                    value={String(r[f.name] ?? '')}
                    error={error}
                    onChange={(e) => setField(i, f.name, e.currentTarget.value)}
                  />
                );
              })}
              <Button variant="subtle" color="red" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {t('supplierRegister.profile.remove', { n: i + 1 })}
              </Button>
            </Group>
          </Fieldset>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => onChange([...rows, { ...empty }])}>
            {t('supplierRegister.profile.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

/** Blank text becomes null, as the API stores it. */
export const cleanRow = (r: Row): Record<string, string | boolean | null> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && v.trim() === '' ? null : v]));
