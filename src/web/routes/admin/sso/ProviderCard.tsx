import { Badge, Button, CopyButton, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IdentityProvider } from '../../../api/resources.js';
import { formatDate } from '../../../components/format.js';
import { LOA_LEVELS } from './assurance.js';

/** A read-only address with a copy button: what the coordinator sends to whoever runs the IdP. */
function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        id={id}
        label={label}
        value={value}
        readOnly
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        onFocus={(e) => e.currentTarget.select()}
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button variant="default" onClick={copy} aria-label={`${copied ? t('sso.admin.copied') : t('sso.admin.copy')}: ${label}`}>
            {copied ? t('sso.admin.copied') : t('sso.admin.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

interface Props {
  provider: IdentityProvider;
  onEdit: () => void;
  onRemove: () => void;
}

export function ProviderCard({ provider: p, onEdit, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const level = (uri: string) => {
    const known = LOA_LEVELS.find((l) => l.uri === uri);
    return known ? t(`sso.form.loa.${known.key}`) : uri;
  };
  const expires = p.certificateExpiresAt ? formatDate(p.certificateExpiresAt, i18n.language) : null;
  const expired = p.certificateExpiresAt ? new Date(p.certificateExpiresAt).getTime() < Date.now() : false;
  const field = (name: string) => `idp-${p.id}-${name}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={field('title')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <Title order={3} id={field('title')}>
              {p.name}
            </Title>
            <Badge variant="light" color="gray" c="dark.9" tt="none">
              {t(`sso.admin.kind.${p.kind}`)}
            </Badge>
            <Badge variant="light" color={p.enabled ? 'green' : 'gray'} c="dark.9" tt="none">
              {p.enabled ? t('sso.admin.enabled') : t('sso.admin.disabled')}
            </Badge>
          </Group>
          <Group gap="xs">
            {p.allowedActions.includes('update') ? (
              <Button variant="default" size="xs" onClick={onEdit} aria-label={`${t('sso.admin.edit')}: ${p.name}`}>
                {t('sso.admin.edit')}
              </Button>
            ) : null}
            {p.allowedActions.includes('delete') ? (
              <Button variant="default" color="red" size="xs" onClick={onRemove} aria-label={`${t('sso.admin.remove')}: ${p.name}`}>
                {t('sso.admin.remove')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <div>
          <Text fw={600}>{t('sso.admin.assurance')}</Text>
          {p.requiredAssurance.length === 0 ? (
            <Text>{t('sso.admin.assuranceAny')}</Text>
          ) : (
            <List size="sm">
              {p.requiredAssurance.map((a) => (
                <List.Item key={a}>{level(a)}</List.Item>
              ))}
            </List>
          )}
        </div>
        {expires ? (
          <Text c={expired ? 'red.9' : undefined}>{t(expired ? 'sso.admin.certExpired' : 'sso.admin.certExpires', { date: expires })}</Text>
        ) : null}
        <Title order={4}>{t('sso.admin.giveIdp')}</Title>
        {p.redirectUri ? <CopyField id={field('redirectUri')} label={t('sso.admin.redirectUri')} value={p.redirectUri} /> : null}
        {p.metadataUrl ? <CopyField id={field('metadataUrl')} label={t('sso.admin.metadataUrl')} value={p.metadataUrl} /> : null}
        {p.spEntityId ? <CopyField id={field('spEntityId')} label={t('sso.admin.spEntityId')} value={p.spEntityId} /> : null}
        {p.acsUrl ? <CopyField id={field('acsUrl')} label={t('sso.admin.acsUrl')} value={p.acsUrl} /> : null}
      </Stack>
    </Paper>
  );
}
