import { useState } from 'react';
import { NativeSelect, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../api/client.js';
import { accountApi, identityKeys } from '../api/resources.js';
import type { Ref } from '../api/types.js';
import { useNotify } from './notify.js';
import { useErrorDetail } from './States.js';

/**
 * The organisation the user works in. Staff of a joint IT organisation with roles in several
 * municipalities pick another here without signing in again; with one organisation it is just its name.
 */
export function TenantSwitch({ current }: { current: Ref }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const notify = useNotify();
  const errorDetail = useErrorDetail();
  const [busy, setBusy] = useState(false);
  const tenants = useQuery({ queryKey: identityKeys.tenants, queryFn: () => accountApi.tenants(), staleTime: 5 * 60_000 });
  const items = tenants.data?.items ?? [];

  if (items.length < 2) {
    return (
      <Text visibleFrom="xs" c="dimmed" title={t('shell.organisation')}>
        {current.name}
      </Text>
    );
  }

  const switchTo = async (tenantId: string) => {
    if (tenantId === current.id) return;
    setBusy(true);
    try {
      const r = await accountApi.switchTenant(tenantId);
      // The session has a new id and CSRF token; everything cached belongs to the other organisation.
      setCsrfToken(r.csrfToken);
      await navigate('/');
      await client.resetQueries();
      notify(t('sessions.tenants.switched', { name: r.tenant.name }));
    } catch (e) {
      // A 403 says why (the organisation requires two-step verification): show the server's words.
      const { title, detail } = errorDetail(e);
      notify(detail ?? title, 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <NativeSelect
      id="tenant-switch"
      size="xs"
      label={t('sessions.tenants.label')}
      value={current.id}
      disabled={busy}
      onChange={(e) => void switchTo(e.currentTarget.value)}
      data={items.map((m) => ({ value: m.id, label: m.name }))}
      styles={{ root: { display: 'flex', alignItems: 'center', gap: '0.5rem' }, label: { marginBottom: 0 } }}
    />
  );
}
