import { useCallback } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

type Kind = 'success' | 'error';
export type Notify = (text: string, kind?: Kind) => void;

/** Shows a Mantine notification; its close button gets a translated name. */
export function useNotify(): Notify {
  const { t } = useTranslation();
  return useCallback<Notify>(
    (text, kind = 'success') => {
      notifications.show({
        message: text,
        color: kind === 'error' ? 'red' : 'green',
        withBorder: true,
        closeButtonProps: { 'aria-label': t('common.close') },
      });
    },
    [t],
  );
}
