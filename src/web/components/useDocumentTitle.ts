import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export function useDocumentTitle(page: string | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (page) document.title = t('common.pageTitle', { page });
  }, [page, t]);
}
