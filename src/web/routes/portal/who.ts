import type { useMe } from '../auth/session.js';

type Me = NonNullable<ReturnType<typeof useMe>['data']>;

/** A member of a supplier organisation (a supplier-scoped role): the portal is their home. */
export const isSupplierUser = (me: Me | null | undefined): boolean => !!me?.grants.some((g) => g.scopeType === 'supplier');

/** Someone working for the municipality (any role not scoped to a supplier). */
export const isMunicipalUser = (me: Me | null | undefined): boolean => !!me?.grants.some((g) => g.scopeType !== 'supplier');
