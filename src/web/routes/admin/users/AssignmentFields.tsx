import { useMemo, type ReactNode } from 'react';
import { Box, Checkbox, NativeSelect, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { identityKeys, supplierOptionsApi, type AssignmentBody } from '../../../api/resources.js';
import { requiredLabel } from '../../../components/format.js';
import { useOrgUnitOptions } from '../../../components/hooks.js';
import { systemChoicesQuery } from '../../../components/options.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { isSupplierRole, PERSON_ROLES, roleName, scopesFor, type ScopeType } from './roles.js';

export interface AssignmentDraft {
  role: string;
  scopeType: string;
  scopeUnitId: string;
  scopeSystemIds: string[];
  scopeSupplierId: string;
}
export const ASSIGNMENT_FIELDS = ['role', 'scopeType', 'scopeUnitId', 'scopeSystemIds', 'scopeSupplierId'] as const;
export const emptyAssignment = (): AssignmentDraft => ({
  role: '',
  scopeType: 'tenant',
  scopeUnitId: '',
  scopeSystemIds: [],
  scopeSupplierId: '',
});

/** Only the chosen scope's target goes to the server; an empty choice is left out so it says what is missing. */
export function toAssignmentBody(d: AssignmentDraft): AssignmentBody {
  const scopeType = d.scopeType as ScopeType;
  return {
    role: (d.role || undefined) as AssignmentBody['role'],
    scopeType,
    ...(scopeType === 'unit' && d.scopeUnitId ? { scopeUnitId: d.scopeUnitId } : {}),
    ...(scopeType === 'systems' ? { scopeSystemIds: d.scopeSystemIds } : {}),
    ...(scopeType === 'supplier' && d.scopeSupplierId ? { scopeSupplierId: d.scopeSupplierId } : {}),
  };
}

/** Systems to scope a role to; masked ones cannot be told apart, so they are not offered. */
export function useSystemOptions() {
  const systems = useQuery(systemChoicesQuery());
  const options = useMemo(
    () => (systems.data ?? []).flatMap((s) => (s.name === null ? [] : [{ value: s.id, label: s.name }])),
    [systems.data],
  );
  return { query: systems, options };
}

/** Suppliers to scope a supplier role to, or null while the server has no supplier register. */
export function useSupplierOptions() {
  return useQuery({ queryKey: identityKeys.suppliers, queryFn: supplierOptionsApi.list, staleTime: 60_000, retry: false });
}

interface Props {
  value: AssignmentDraft;
  onChange: (next: AssignmentDraft) => void;
  /** Element id of a field (server field errors focus it). */
  idFor: (field: (typeof ASSIGNMENT_FIELDS)[number]) => string;
  errorFor: (field: (typeof ASSIGNMENT_FIELDS)[number]) => string | undefined;
  /** E.g. a remove button for this assignment. */
  footer?: ReactNode;
}

/** One role assignment: the role (with what it may do), and where it applies: everywhere, a unit, systems or a supplier. */
export function AssignmentFields({ value, onChange, idFor, errorFor, footer }: Props) {
  const { t } = useTranslation();
  const units = useOrgUnitOptions();
  const systems = useSystemOptions();
  const suppliers = useSupplierOptions();
  const supplierRegister = Array.isArray(suppliers.data);
  // Supplier roles need a supplier to belong to: without the register they cannot be given.
  const roles = PERSON_ROLES.filter((r) => supplierRegister || !isSupplierRole(r));
  const set = (patch: Partial<AssignmentDraft>) => onChange({ ...value, ...patch });
  const setRole = (role: string) => {
    const scopes = scopesFor(role);
    set({ role, scopeType: scopes.includes(value.scopeType as ScopeType) ? value.scopeType : scopes[0]! });
  };
  const scopes = scopesFor(value.role);

  return (
    <Stack gap="sm">
      <NativeSelect
        id={idFor('role')}
        label={requiredLabel(t, t('users.role'))}
        description={value.role ? t(`roles.descriptions.${value.role}`) : t('users.roleHelp')}
        error={errorFor('role')}
        required
        value={value.role}
        onChange={(e) => setRole(e.currentTarget.value)}
        data={[{ value: '', label: t('users.chooseRole') }, ...roles.map((r) => ({ value: r, label: roleName(t, r) }))]}
      />
      <NativeSelect
        id={idFor('scopeType')}
        label={t('users.scopeType')}
        description={t(`users.scopeHelp.${value.scopeType}`)}
        error={errorFor('scopeType')}
        value={value.scopeType}
        onChange={(e) => set({ scopeType: e.currentTarget.value })}
        data={scopes.map((s) => ({ value: s, label: t(`roles.scopes.${s}`) }))}
      />
      {value.scopeType === 'unit' ? (
        <NativeSelect
          id={idFor('scopeUnitId')}
          label={requiredLabel(t, t('users.scopeUnit'))}
          error={errorFor('scopeUnitId')}
          required
          value={value.scopeUnitId}
          onChange={(e) => set({ scopeUnitId: e.currentTarget.value })}
          data={[{ value: '', label: t('users.chooseUnit') }, ...units.options]}
        />
      ) : null}
      {value.scopeType === 'systems' ? (
        <>
          {systems.query.isPending ? <Loading /> : null}
          {systems.query.isError ? <ErrorState error={systems.query.error} onRetry={() => void systems.query.refetch()} /> : null}
          {systems.query.isSuccess ? (
            // The id sits on a wrapper: Mantine uses a group's own id only to derive its label ids.
            <Box id={idFor('scopeSystemIds')}>
              <Checkbox.Group
                id={`${idFor('scopeSystemIds')}-group`}
                label={requiredLabel(t, t('users.scopeSystems'))}
                error={errorFor('scopeSystemIds')}
                value={value.scopeSystemIds}
                onChange={(v) => set({ scopeSystemIds: v })}
              >
                {systems.options.length === 0 ? (
                  <Text c="dimmed" mt="xs">
                    {t('users.noSystems')}
                  </Text>
                ) : (
                  <Stack gap="xs" mt="xs" mah={240} style={{ overflowY: 'auto' }}>
                    {systems.options.map((o) => (
                      <Checkbox key={o.value} id={`${idFor('scopeSystemIds')}-${o.value}`} value={o.value} label={o.label} />
                    ))}
                  </Stack>
                )}
              </Checkbox.Group>
            </Box>
          ) : null}
        </>
      ) : null}
      {value.scopeType === 'supplier' && supplierRegister ? (
        <NativeSelect
          id={idFor('scopeSupplierId')}
          label={requiredLabel(t, t('users.scopeSupplier'))}
          error={errorFor('scopeSupplierId')}
          required
          value={value.scopeSupplierId}
          onChange={(e) => set({ scopeSupplierId: e.currentTarget.value })}
          data={[{ value: '', label: t('users.chooseSupplier') }, ...(suppliers.data ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
      ) : null}
      {footer}
    </Stack>
  );
}
