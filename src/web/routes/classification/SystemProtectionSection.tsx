import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { keys, systemsApi } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { ErrorState, Loading, SubmitAlert } from '../../components/States.js';
import { useRecord } from '../../components/records.js';
import { classificationApi, classificationKeys, type Protection } from './api.js';
import { ASPECTS, ReviewBadge, useDate, useLevelLabel, type AspectKey } from './parts.js';

/** "Skyddsnivå" on a system's page (D1-23, D1-24): where each level comes from, status and the edit form. */
export function SystemProtectionSection({ systemId, mayUpdate }: { systemId: string; mayUpdate: boolean }) {
  const { t } = useTranslation();
  const date = useDate();
  const scheme = useQuery({ queryKey: classificationKeys.scheme, queryFn: classificationApi.scheme });
  const query = useQuery({ queryKey: classificationKeys.system(systemId), queryFn: () => classificationApi.protection(systemId) });
  // the same cache entry as the system page: its ETag guards the protection-level form
  const system = useRecord(keys.systems, systemsApi.get, systemId);
  const label = useLevelLabel(scheme.data);
  const [editing, setEditing] = useState(false);
  const heading = (
    <Title order={2} mt="xl" mb="sm" id="system-protection">
      {t('classification.system.title')}
    </Title>
  );
  const p = query.data;
  if (!p) {
    return (
      <section aria-labelledby="system-protection">
        {heading}
        {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : <Loading />}
      </section>
    );
  }
  // Nothing classified and nothing raised: the level is not decided, not "0".
  const undecided = (a: AspectKey) => p.classifiedAssetCount === 0 && !p.raised[a];

  const source = (a: AspectKey) => {
    const raised = p.raised[a];
    if (raised) return t('classification.system.raised', { reason: raised.reason ?? t('classification.system.hiddenReason') });
    const assets = p.contributing[a];
    // the server leaves out information this viewer may not see; a level still comes from somewhere
    if (!assets.length) return t(p.effective[a] > 0 ? 'classification.system.hiddenSources' : 'classification.system.noInformation');
    return assets.map((x, i) => (
      <span key={x.id}>
        {i > 0 ? ', ' : ''}
        {x.name ? (
          <Anchor component={Link} to={`/information-assets/${x.id}`}>
            {x.name}
          </Anchor>
        ) : (
          t('secrecy.maskedAsset')
        )}{' '}
        ({t(`classification.short.${a}`)}
        {x.level})
      </span>
    ));
  };

  return (
    <section aria-labelledby="system-protection">
      {heading}
      <Group gap="xs" mb="sm">
        <Text>{t('classification.system.status')}:</Text>
        <Badge variant="light" color={p.status === 'complete' ? 'green' : 'yellow'} c="dark.9" tt="none">
          {t(`classification.system.statuses.${p.status}`)}
        </Badge>
        {p.nextReviewOn ? (
          <Text>
            {t('classification.nextReviewOn')}: {date(p.nextReviewOn)}
          </Text>
        ) : null}
        <ReviewBadge state={p.reviewState} />
      </Group>
      <Table mb="sm" maw={900}>
        <VisuallyHidden component="caption">{t('classification.system.caption')}</VisuallyHidden>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('classification.system.aspect')}</Table.Th>
            <Table.Th scope="col">{t('classification.system.level')}</Table.Th>
            <Table.Th scope="col">{t('classification.system.source')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ASPECTS.map((a) => (
            <Table.Tr key={a}>
              <Table.Th scope="row">{t(`classification.aspect.${a}`)}</Table.Th>
              <Table.Td>
                {undecided(a) ? (
                  t('classification.system.statuses.not_classified')
                ) : (
                  <>
                    {t(`classification.short.${a}`)}
                    {p.effective[a]} – {label(p.effective[a])}
                  </>
                )}
              </Table.Td>
              <Table.Td>{source(a)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={4} mb="sm">
        <Text>
          {t('classification.system.loss')}:{' '}
          {p.lossOfFunction
            ? `${p.lossOfFunction.level} – ${label(p.lossOfFunction.level)}${p.lossOfFunction.consequence ? `: ${p.lossOfFunction.consequence}` : ''}`
            : t('classification.system.lossMissing')}
        </Text>
        {/* whether the system is critical is in its details above; here only Tillit's suggestion */}
        {p.criticalSuggested && !p.critical ? <Text>{t('classification.system.criticalSuggestion')}</Text> : null}
      </Stack>
      {mayUpdate && !editing ? (
        <Button size="xs" onClick={() => setEditing(true)}>
          {t('classification.system.edit')}
        </Button>
      ) : null}
      {editing ? (
        <ProtectionForm
          // a reload after a 412 brings a new ETag and starts the form over from what is saved
          key={system.data?.etag ?? ''}
          protection={p}
          etag={system.data?.etag ?? ''}
          label={label}
          onDone={() => setEditing(false)}
          onReload={() => void Promise.all([query.refetch(), system.refetch()])}
        />
      ) : null}
    </section>
  );
}

interface FormProps {
  protection: Protection;
  etag: string;
  label: (l: number) => string;
  onDone: () => void;
  onReload: () => void;
}

function ProtectionForm({ protection: p, etag, label, onDone, onReload }: FormProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const qc = useQueryClient();
  const [levels, setLevels] = useState(() => Object.fromEntries(ASPECTS.map((a) => [a, p.effective[a]])) as Record<AspectKey, number>);
  const [reasons, setReasons] = useState(
    () => Object.fromEntries(ASPECTS.map((a) => [a, p.raised[a]?.reason ?? ''])) as Record<AspectKey, string>,
  );
  const [consequence, setConsequence] = useState(p.lossOfFunction?.consequence ?? '');
  const [lossLevel, setLossLevel] = useState(String(p.lossOfFunction?.level ?? 0));
  const [critical, setCritical] = useState(p.critical);
  const [busy, setBusy] = useState(false);
  const errors = useSubmitErrors('protection', [...ASPECTS.flatMap((a) => [`${a}.level`, `${a}.reason`]), 'lossOfFunction.consequence']);

  const save = async () => {
    errors.clear();
    setBusy(true);
    try {
      // Omitted aspects keep their stored raise, so one set back to follow the information is sent as null.
      const raised: Partial<Record<AspectKey, { level: number; reason: string } | null>> = {};
      for (const a of ASPECTS) {
        if (levels[a] > p.derived[a]) raised[a] = { level: levels[a], reason: reasons[a] };
        else if (p.raised[a]) raised[a] = null;
      }
      await classificationApi.setProtection(p.systemId, etag, {
        ...raised,
        // an emptied consequence removes the recorded one (null); an empty one is otherwise refused
        lossOfFunction: consequence.trim() ? { consequence, level: Number(lossLevel) } : p.lossOfFunction ? null : undefined,
        critical,
      });
      await Promise.all([
        qc.invalidateQueries({ queryKey: classificationKeys.all }),
        qc.invalidateQueries({ queryKey: keys.systems }),
        // the applicable requirements follow the levels
        qc.invalidateQueries({ queryKey: ['gap-analysis'] }),
      ]);
      notify(t('classification.system.saved'));
      onDone();
    } catch (e) {
      errors.fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={800} gap="md" mt="md">
      <Alert color="gray">{t('classification.system.formHelp')}</Alert>
      {ASPECTS.map((a) => (
        <Stack key={a} gap={4}>
          <NativeSelect
            id={`protection-${a}.level`}
            label={t(`classification.aspect.${a}`)}
            value={String(levels[a])}
            onChange={(e) => setLevels((l) => ({ ...l, [a]: Number(e.currentTarget.value) }))}
            data={[0, 1, 2, 3]
              .filter((l) => l >= p.derived[a])
              .map((l) => ({
                value: String(l),
                label: l === p.derived[a] ? t('classification.system.follows', { level: l, label: label(l) }) : `${l} – ${label(l)}`,
              }))}
            error={errors.errorFor(`${a}.level`) ?? errors.errorFor(a)}
          />
          {levels[a] > p.derived[a] ? (
            <Textarea
              id={`protection-${a}.reason`}
              label={t('classification.system.raiseReason', { aspect: t(`classification.aspect.${a}`) })}
              required
              autosize
              minRows={2}
              value={reasons[a]}
              onChange={(e) => setReasons((r) => ({ ...r, [a]: e.currentTarget.value }))}
              error={errors.errorFor(`${a}.reason`)}
            />
          ) : null}
        </Stack>
      ))}
      <Textarea
        id="protection-lossOfFunction.consequence"
        label={t('classification.system.lossConsequence')}
        description={t('classification.system.lossHelp')}
        autosize
        minRows={2}
        value={consequence}
        onChange={(e) => setConsequence(e.currentTarget.value)}
        error={errors.errorFor('lossOfFunction.consequence')}
      />
      <NativeSelect
        id="protection-lossOfFunction.level"
        label={t('classification.system.lossLevel')}
        value={lossLevel}
        onChange={(e) => setLossLevel(e.currentTarget.value)}
        data={[0, 1, 2, 3].map((l) => ({ value: String(l), label: `${l} – ${label(l)}` }))}
      />
      <Checkbox
        label={t('classification.system.criticalChoice')}
        description={p.criticalSuggested ? t('classification.system.criticalSuggested') : t('classification.system.criticalRule')}
        checked={critical}
        onChange={(e) => setCritical(e.currentTarget.checked)}
      />
      <SubmitAlert error={errors.error} onReload={onReload} />
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          {t('classification.system.save')}
        </Button>
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
