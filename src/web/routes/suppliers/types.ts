import type { TFunction } from 'i18next';
import { SUPPLIER_TYPES, type SupplierType } from '../../api/resources.js';
import type { Option } from '../../components/format.js';

export const typeLabel = (t: TFunction, type: SupplierType): string => t(`suppliers.types.${type}`);

export const typeOptions = (t: TFunction): Option[] => SUPPLIER_TYPES.map((value) => ({ value, label: typeLabel(t, value) }));
