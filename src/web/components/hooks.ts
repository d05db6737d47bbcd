import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys, orgUnitsApi } from '../api/resources.js';
import type { OrgUnit } from '../api/types.js';
import type { Option } from './format.js';

export function useDebounced<T>(value: T, ms = 300): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setCurrent(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** All active org units (a municipality has well under 200), shared by filters and forms. */
export function useOrgUnits() {
  return useQuery({
    queryKey: [...keys.orgUnits, 'all'],
    queryFn: async () => (await orgUnitsApi.list({ limit: 200, sort: 'name' })).items,
    staleTime: 60_000,
  });
}

/** Units ordered as a tree, each with its depth, so selects and lists show the hierarchy. */
export function treeOrder(units: OrgUnit[]): { unit: OrgUnit; depth: number }[] {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    // A parent that is archived or missing would hide its children: show them at the top.
    const parent = u.parentId && ids.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const out: { unit: OrgUnit; depth: number }[] = [];
  const walk = (parent: string | null, depth: number, seen: Set<string>) => {
    const list = (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    for (const u of list) {
      if (seen.has(u.id)) continue;
      seen.add(u.id);
      out.push({ unit: u, depth });
      walk(u.id, depth + 1, seen);
    }
  };
  walk(null, 0, new Set());
  return out;
}

export function useOrgUnitOptions(exclude?: string): { options: Option[]; isPending: boolean } {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const options = useMemo(
    () =>
      treeOrder(units.data ?? [])
        .filter(({ unit }) => unit.id !== exclude)
        .map(({ unit, depth }) => ({
          value: unit.id,
          // Non-breaking spaces indent the option text: a native <option> takes no markup.
          label: `${'\u00a0\u00a0'.repeat(depth)}${unit.name} (${t(`enums.orgType.${unit.type}`)})`,
        })),
    [units.data, exclude, t],
  );
  return { options, isPending: units.isPending };
}
