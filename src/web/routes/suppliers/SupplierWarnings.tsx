import { useState } from 'react';
import { Alert, Button, Group, List, Modal, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { supplierKeys, type Supplier } from '../../api/resources.js';
import { useNotify } from '../../components/notify.js';
import { SubmitAlert } from '../../components/States.js';
import { confirmOrderers } from './api.js';

/** The supplier's flags (D3-29, D0-29, D0-11, D0-44) and the "orderers list is still correct" confirmation. */
export function SupplierWarnings({ supplier: s, etag }: { supplier: Supplier; etag: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mayConfirm = s.allowedActions.includes('update');
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await confirmOrderers(s.id, etag);
      await client.invalidateQueries({ queryKey: supplierKeys.all });
      setOpen(false);
      notify(t('supplierRegister.orderers.confirmed'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  if (s.warnings.length === 0 && !mayConfirm) return null;
  return (
    <>
      {s.warnings.length ? (
        <Alert color="yellow" c="dark.9" title={t('supplierRegister.warnings.heading')} mb="md">
          <List size="sm">
            {s.warnings.map((w) => (
              <List.Item key={w}>{t(`supplierRegister.warnings.${w}`)}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {mayConfirm && !s.archived ? (
        <Group mb="md">
          <Button variant="default" onClick={() => setOpen(true)}>
            {t('supplierRegister.orderers.confirm')}
          </Button>
        </Group>
      ) : null}
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('supplierRegister.orderers.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <SubmitAlert error={error} />
        <Text>{t('supplierRegister.orderers.confirmBody')}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void confirm()}>
            {t('supplierRegister.orderers.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
