import { useTranslation } from 'react-i18next';
import { COST_CATEGORIES, type CostCategory } from '../../api/types.js';
import { SelectField, TextField } from '../../components/Field.js';
import { enumOptions } from '../../components/format.js';
import { newCost, type CostDraft } from './draft.js';

interface Props {
  value: CostDraft[];
  onChange: (value: CostDraft[]) => void;
  errorFor: (field: string) => string | undefined;
}

export function CostEditor({ value, onChange, errorFor }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<CostDraft>) => onChange(value.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const listError = errorFor('costs');
  return (
    <fieldset className="form-section" id="system-costs">
      <legend>{t('systems.costs')}</legend>
      {listError ? <p className="field-error">{listError}</p> : null}
      {value.length === 0 ? <p className="muted">{t('costs.none')}</p> : null}
      {value.map((c, i) => {
        const id = (f: string) => `system-costs.${i}.${f}`;
        const err = (f: string) => errorFor(`costs.${i}.${f}`);
        return (
          <fieldset key={i} className="cost-row">
            <legend className="visually-hidden">{t('costs.row', { n: i + 1 })}</legend>
            <SelectField
              id={id('category')}
              label={t('costs.category')}
              options={enumOptions(t, 'cost', COST_CATEGORIES)}
              value={c.category}
              error={err('category')}
              onChange={(e) => set(i, { category: e.target.value as CostCategory })}
            />
            <TextField
              id={id('amountSek')}
              label={t('costs.amount')}
              inputMode="decimal"
              value={c.amountSek}
              error={err('amountSek')}
              required
              onChange={(e) => set(i, { amountSek: e.target.value })}
            />
            <TextField
              id={id('year')}
              label={t('costs.year')}
              inputMode="numeric"
              value={c.year}
              error={err('year')}
              required
              onChange={(e) => set(i, { year: e.target.value })}
            />
            <TextField
              id={id('note')}
              label={t('costs.note')}
              value={c.note}
              error={err('note')}
              onChange={(e) => set(i, { note: e.target.value })}
            />
            <button type="button" className="btn btn-danger-outline" onClick={() => onChange(value.filter((_, j) => j !== i))}>
              {t('costs.remove', { n: i + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="btn btn-secondary" onClick={() => onChange([...value, newCost()])}>
        {t('costs.add')}
      </button>
    </fieldset>
  );
}
