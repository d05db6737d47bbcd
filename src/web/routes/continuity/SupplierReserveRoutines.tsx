import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../auth/session.js';
import { DocumentsPanel } from './DocumentsPanel.js';

const SUPPLIER_KINDS = ['supplier_reserve_routine'] as const;

/** D0-26 on a supplier's page: its own reserve routines, each answering the scenario checklist. */
export function SupplierReserveRoutines({ supplierId }: { supplierId: string }) {
  const { t } = useTranslation();
  if (!usePermission('continuity')) return null;
  return (
    <div style={{ marginTop: 'var(--mantine-spacing-xl)' }}>
      <DocumentsPanel
        owner={{ supplierId }}
        kinds={SUPPLIER_KINDS}
        level={2}
        headingId="supplier-reserve-routines"
        heading={t('continuity.supplier.heading')}
        emptyText={t('continuity.supplier.empty')}
      />
      <Text size="sm" mt="xs">
        {t('continuity.supplier.help')}
      </Text>
    </div>
  );
}
