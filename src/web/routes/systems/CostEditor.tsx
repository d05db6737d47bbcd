import { Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COST_CATEGORIES, type CostCategory } from '../../api/types.js';
import { enumOptions, requiredLabel } from '../../components/format.js';
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
    <Fieldset legend={t('systems.costs')} id="system-costs">
      <Stack gap="md">
        {listError ? (
          <Text c="var(--mantine-color-error)" size="sm">
            {listError}
          </Text>
        ) : null}
        {value.length === 0 ? <Text c="dimmed">{t('costs.none')}</Text> : null}
        {value.map((c, i) => {
          const id = (f: string) => `system-costs.${i}.${f}`;
          const err = (f: string) => errorFor(`costs.${i}.${f}`);
          return (
            <Fieldset key={i} legend={t('costs.row', { n: i + 1 })} variant="filled">
              <Group align="flex-start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
                <NativeSelect
                  id={id('category')}
                  label={t('costs.category')}
                  data={enumOptions(t, 'cost', COST_CATEGORIES)}
                  value={c.category}
                  error={err('category')}
                  onChange={(e) => set(i, { category: e.currentTarget.value as CostCategory })}
                />
                <NumberInput
                  id={id('amountSek')}
                  label={requiredLabel(t, t('costs.amount'))}
                  decimalSeparator=","
                  thousandSeparator=" "
                  decimalScale={2}
                  fixedDecimalScale
                  hideControls
                  value={c.amountSek}
                  error={err('amountSek')}
                  required
                  onChange={(v) => set(i, { amountSek: v })}
                />
                <NumberInput
                  id={id('year')}
                  label={requiredLabel(t, t('costs.year'))}
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                  value={c.year}
                  error={err('year')}
                  required
                  onChange={(v) => set(i, { year: v })}
                />
                <TextInput
                  id={id('note')}
                  label={t('costs.note')}
                  value={c.note}
                  error={err('note')}
                  onChange={(e) => set(i, { note: e.currentTarget.value })}
                />
              </Group>
              <Button variant="outline" color="red" size="xs" mt="sm" onClick={() => onChange(value.filter((_, j) => j !== i))}>
                {t('costs.remove', { n: i + 1 })}
              </Button>
            </Fieldset>
          );
        })}
        <Group>
          <Button variant="default" onClick={() => onChange([...value, newCost()])}>
            {t('costs.add')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
