import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Group, Modal, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ssoApi, type IdentityProvider, type IdentityProviderInput } from '../../../api/resources.js';
import { requiredLabel } from '../../../components/format.js';
import { useSubmitErrors } from '../../../components/formErrors.js';
import { SubmitAlert } from '../../../components/States.js';
import { TagsField } from '../../../components/TagsField.js';
import { isLoaUri, LOA_LEVELS } from './assurance.js';

type Kind = IdentityProvider['kind'];

interface Draft {
  name: string;
  enabled: boolean;
  issuer: string;
  clientId: string;
  clientSecret: string;
  removeSecret: boolean;
  scopes: string;
  entityId: string;
  ssoUrl: string;
  certificate: string;
  loa: string[];
  otherAssurance: string[];
  groupsClaim: string;
  emailClaim: string;
  nameClaim: string;
}

const FIELD_ORDER = [
  'name',
  'issuer',
  'clientId',
  'clientSecret',
  'scopes',
  'entityId',
  'ssoUrl',
  'certificate',
  'requiredAssurance',
  'groupsClaim',
  'emailClaim',
  'nameClaim',
  'enabled',
];

function draftOf(kind: Kind, p: IdentityProvider | null): Draft {
  const assurance = p?.requiredAssurance ?? [LOA_LEVELS[1].uri];
  return {
    name: p?.name ?? '',
    enabled: p?.enabled ?? true,
    issuer: p?.issuer ?? '',
    clientId: p?.clientId ?? '',
    clientSecret: '',
    removeSecret: false,
    scopes: p?.scopes ?? 'openid profile email',
    entityId: p?.entityId ?? '',
    ssoUrl: p?.ssoUrl ?? '',
    certificate: p?.certificate ?? '',
    loa: assurance.filter(isLoaUri),
    otherAssurance: assurance.filter((v) => !isLoaUri(v)),
    groupsClaim: p?.groupsClaim ?? 'groups',
    emailClaim: p?.emailClaim ?? (kind === 'oidc' ? 'email' : 'urn:oid:0.9.2342.19200300.100.1.3'),
    nameClaim: p?.nameClaim ?? (kind === 'oidc' ? 'name' : 'urn:oid:2.16.840.1.113730.3.1.241'),
  };
}

interface Props {
  kind: Kind;
  /** null: a new provider */
  provider: IdentityProvider | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}

/** Add or change an OpenID Connect or SAML identity provider, in the words a coordinator uses. */
export function ProviderDialog({ kind, provider, opened, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => draftOf(kind, provider));
  const [busy, setBusy] = useState(false);
  const errors = useSubmitErrors('idp', FIELD_ORDER);
  const { clear } = errors;
  const set = (patch: Partial<Draft>) => setD((cur) => ({ ...cur, ...patch }));
  const hint = (field: 'groupsClaim' | 'emailClaim' | 'nameClaim') => t(`sso.form.${field}Hint${kind === 'oidc' ? 'Oidc' : 'Saml'}`);
  const assuranceError = Object.entries(errors.fieldErrors).find(
    ([k]) => k === 'requiredAssurance' || k.startsWith('requiredAssurance.'),
  )?.[1];

  useEffect(() => {
    if (opened) {
      setD(draftOf(kind, provider));
      clear();
    }
  }, [opened, kind, provider, clear]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    setBusy(true);
    const common = {
      name: d.name,
      enabled: d.enabled,
      requiredAssurance: [...d.loa, ...d.otherAssurance],
      groupsClaim: d.groupsClaim,
      emailClaim: d.emailClaim,
      nameClaim: d.nameClaim,
    };
    const secret = d.removeSecret ? { clientSecret: null } : d.clientSecret ? { clientSecret: d.clientSecret } : {};
    const specific =
      kind === 'oidc'
        ? { issuer: d.issuer, clientId: d.clientId, scopes: d.scopes, ...secret }
        : { entityId: d.entityId, ssoUrl: d.ssoUrl, certificate: d.certificate };
    try {
      if (provider) await ssoApi.updateProvider(provider.id, provider.version, { ...common, ...specific });
      else await ssoApi.createProvider({ kind, ...common, ...specific } as IdentityProviderInput);
      onSaved();
    } catch (err) {
      errors.fail(err);
    } finally {
      setBusy(false);
    }
  };

  const kindName = t(`sso.admin.kind.${kind}`);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={provider ? t('sso.form.titleEdit', { name: provider.name }) : t('sso.form.titleNew', { kind: kindName })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      styles={{ title: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}
      size="lg"
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack>
          <SubmitAlert error={errors.error} />
          <TextInput
            id="idp-name"
            label={requiredLabel(t, t('sso.form.name'))}
            description={t('sso.form.nameHint')}
            required
            maxLength={100}
            value={d.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.errorFor('name')}
            data-autofocus
          />
          {kind === 'oidc' ? (
            <>
              <TextInput
                id="idp-issuer"
                type="url"
                label={requiredLabel(t, t('sso.form.issuer'))}
                description={t('sso.form.issuerHint')}
                required
                value={d.issuer}
                onChange={(e) => set({ issuer: e.currentTarget.value })}
                error={errors.errorFor('issuer')}
              />
              <TextInput
                id="idp-clientId"
                label={requiredLabel(t, t('sso.form.clientId'))}
                description={t('sso.form.clientIdHint')}
                required
                value={d.clientId}
                onChange={(e) => set({ clientId: e.currentTarget.value })}
                error={errors.errorFor('clientId')}
              />
              <TextInput
                id="idp-clientSecret"
                type="password"
                autoComplete="new-password"
                label={t('sso.form.clientSecret')}
                description={provider?.clientSecretSet ? t('sso.form.clientSecretKeep') : t('sso.form.clientSecretHint')}
                value={d.clientSecret}
                disabled={d.removeSecret}
                onChange={(e) => set({ clientSecret: e.currentTarget.value })}
                error={errors.errorFor('clientSecret')}
              />
              {provider?.clientSecretSet ? (
                <Checkbox
                  id="idp-removeSecret"
                  label={t('sso.form.clientSecretRemove')}
                  checked={d.removeSecret}
                  onChange={(e) => set({ removeSecret: e.currentTarget.checked, clientSecret: '' })}
                />
              ) : null}
              <TextInput
                id="idp-scopes"
                label={t('sso.form.scopes')}
                description={t('sso.form.scopesHint')}
                value={d.scopes}
                onChange={(e) => set({ scopes: e.currentTarget.value })}
                error={errors.errorFor('scopes')}
              />
            </>
          ) : (
            <>
              <TextInput
                id="idp-entityId"
                label={requiredLabel(t, t('sso.form.entityId'))}
                description={t('sso.form.entityIdHint')}
                required
                value={d.entityId}
                onChange={(e) => set({ entityId: e.currentTarget.value })}
                error={errors.errorFor('entityId')}
              />
              <TextInput
                id="idp-ssoUrl"
                type="url"
                label={requiredLabel(t, t('sso.form.ssoUrl'))}
                description={t('sso.form.ssoUrlHint')}
                required
                value={d.ssoUrl}
                onChange={(e) => set({ ssoUrl: e.currentTarget.value })}
                error={errors.errorFor('ssoUrl')}
              />
              <Textarea
                id="idp-certificate"
                label={requiredLabel(t, t('sso.form.certificate'))}
                description={t('sso.form.certificateHint')}
                required
                autosize
                minRows={4}
                maxRows={10}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                value={d.certificate}
                onChange={(e) => set({ certificate: e.currentTarget.value })}
                error={errors.errorFor('certificate')}
              />
            </>
          )}
          <Checkbox.Group
            id="idp-requiredAssurance"
            label={t('sso.form.assurance')}
            description={t('sso.form.assuranceHint')}
            value={d.loa}
            onChange={(loa) => set({ loa })}
            error={assuranceError}
          >
            <Stack gap="xs" mt="xs">
              {LOA_LEVELS.map((l) => (
                <Checkbox key={l.uri} id={`idp-loa-${l.key}`} value={l.uri} label={t(`sso.form.loa.${l.key}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <TagsField
            id="idp-otherAssurance"
            label={t('sso.form.otherAssurance')}
            description={t('sso.form.otherAssuranceHint')}
            value={d.otherAssurance}
            onChange={(otherAssurance) => set({ otherAssurance })}
          />
          <TextInput
            id="idp-groupsClaim"
            label={t('sso.form.groupsClaim')}
            description={hint('groupsClaim')}
            value={d.groupsClaim}
            onChange={(e) => set({ groupsClaim: e.currentTarget.value })}
            error={errors.errorFor('groupsClaim')}
          />
          <TextInput
            id="idp-emailClaim"
            label={t('sso.form.emailClaim')}
            description={hint('emailClaim')}
            value={d.emailClaim}
            onChange={(e) => set({ emailClaim: e.currentTarget.value })}
            error={errors.errorFor('emailClaim')}
          />
          <TextInput
            id="idp-nameClaim"
            label={t('sso.form.nameClaim')}
            description={hint('nameClaim')}
            value={d.nameClaim}
            onChange={(e) => set({ nameClaim: e.currentTarget.value })}
            error={errors.errorFor('nameClaim')}
          />
          <Switch
            id="idp-enabled"
            label={t('sso.form.enabled')}
            checked={d.enabled}
            onChange={(e) => set({ enabled: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
