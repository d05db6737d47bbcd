import { useEffect, useState, type KeyboardEvent } from 'react';
import { Alert, Anchor, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ssoApi } from '../../api/resources.js';
import { safeNext } from '../../components/safeNext.js';

const STORAGE_KEY = 'tillit.organisation';
const ERROR_CODES = ['assurance-too-low', 'no-access', 'failed', 'expired', 'unavailable'] as const;

function remembered(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    // Storage can be blocked: the person types the organisation each time then.
    return '';
  }
}

function remember(organisation: string | null): void {
  try {
    if (organisation) localStorage.setItem(STORAGE_KEY, organisation);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Not remembered; sign-in still works for this visit.
  }
}

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
/**
 * Sign-in with the organisation's identity providers (OIDC, SAML): why the last SSO attempt was
 * refused, the organisation when it is not known yet (?organisation= or remembered), and one plain
 * link per provider to the server's start address.
 */
export function SsoButtons() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const fromUrl = params.get('organisation')?.trim().toLowerCase() ?? '';
  const [organisation, setOrganisation] = useState(() => fromUrl || remembered());
  const [draft, setDraft] = useState('');
  const next = safeNext(params.get('next'));
  const errorCode = ERROR_CODES.find((c) => c === params.get('sso_error'));

  useEffect(() => {
    if (fromUrl) remember(fromUrl);
  }, [fromUrl]);

  const providers = useQuery({
    queryKey: ['sso-providers', organisation],
    queryFn: () => ssoApi.publicProviders(organisation),
    enabled: organisation !== '',
    staleTime: 60_000,
    retry: false,
  });

  const choose = () => {
    const value = draft.trim().toLowerCase();
    if (!value) return;
    remember(value);
    setOrganisation(value);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Not a form: the password form below keeps the page's only submit button.
    if (e.key === 'Enter') {
      e.preventDefault();
      choose();
    }
  };
  const change = () => {
    remember(null);
    setDraft(organisation);
    setOrganisation('');
  };

  const list = providers.data ?? [];
  return (
    <Stack gap="sm" mb="lg">
      {errorCode ? (
        <Alert color="red" title={t('sso.errors.title')}>
          {t(`sso.errors.${errorCode}`)}
        </Alert>
      ) : null}
      <Title order={2} size="h3">
        {t('sso.signIn.heading')}
      </Title>
      <Text>{t('sso.signIn.intro')}</Text>
      {organisation === '' ? (
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            id="sso-organisation"
            label={t('sso.signIn.organisation')}
            description={t('sso.signIn.organisationHint')}
            autoComplete="organization"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={onKey}
            style={{ flex: 1 }}
          />
          <Button type="button" variant="default" onClick={choose}>
            {t('sso.signIn.show')}
          </Button>
        </Group>
      ) : (
        <>
          <Group gap="sm" justify="space-between">
            <Text size="sm">{t('sso.signIn.for', { organisation })}</Text>
            <Anchor component="button" type="button" size="sm" onClick={change}>
              {t('sso.signIn.change')}
            </Anchor>
          </Group>
          {providers.isPending ? (
            <Text role="status" size="sm">
              {t('sso.signIn.loading')}
            </Text>
          ) : null}
          {providers.isSuccess && list.length === 0 ? <Text>{t('sso.signIn.none', { organisation })}</Text> : null}
          {list.map((p) => (
            <Button key={p.id} component="a" href={ssoApi.startUrl(p.id, next)} size="md" fullWidth>
              {t('sso.signIn.button', { name: p.name })}
            </Button>
          ))}
        </>
      )}
      <Divider label={t('sso.signIn.orPassword')} labelPosition="center" mt="sm" />
    </Stack>
  );
}
