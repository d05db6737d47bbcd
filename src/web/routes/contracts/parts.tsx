import { Alert, Badge, List } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Contract } from '../suppliers/api.js';

export const clauseList = (t: TFunction, keys: readonly string[]) => keys.map((k) => t(`contracts.clauses.${k}`)).join(', ');

/** What needs attention on a contract (D1-18 gaps and disclaimers, no DPA), in words. */
export function ContractWarnings({ c }: { c: Contract }) {
  const { t } = useTranslation();
  if (c.warnings.length === 0) return null;
  return (
    <Alert color="yellow" c="dark.9" mb="md" title={t('supplierRegister.warnings.heading')}>
      <List size="sm">
        {c.warnings.map((w) => (
          <List.Item key={w}>
            {t(`contracts.warnings.${w}`, { list: clauseList(t, w === 'disclaimers' ? c.disclaimers : c.clauseGaps) })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function CriticalBadge() {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="red" c="dark.9" tt="none">
      {t('contracts.critical')}
    </Badge>
  );
}

export function GapBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <Badge variant="light" color="yellow" c="dark.9" tt="none">
      {t('contracts.gapCount', { count })}
    </Badge>
  );
}
