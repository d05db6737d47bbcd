import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Group, NativeSelect, Radio, Stack, Stepper, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { assetsApi, keys } from '../../api/resources.js';
import { useSubmitErrors } from '../../components/formErrors.js';
import { useNotify } from '../../components/notify.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useRecord } from '../../components/records.js';
import { Loaded, SubmitAlert } from '../../components/States.js';
import { TagsField } from '../../components/TagsField.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';
import { classificationApi, classificationKeys, type AssetClassification, type Scheme } from './api.js';
import { ASPECTS, LevelBadges, minimumsFor, useLang, useLevelLabel, type AspectKey, type CategoryKey } from './parts.js';

const NATIONAL = '4';
type AspectDraft = { answers: Partial<Record<CategoryKey, string>>; chosen: number | null; reason: string };
type Draft = Record<AspectKey, AspectDraft>;

const fromCurrent = (c: AssetClassification | undefined): Draft =>
  Object.fromEntries(
    ASPECTS.map((a) => [
      a,
      {
        answers: Object.fromEntries(Object.entries(c?.[a].answers ?? {}).map(([k, v]) => [k, String(v)])),
        chosen: c ? c[a].level : null,
        reason: c?.[a].reason ?? '',
      },
    ]),
  ) as Draft;

/** The classification wizard (D2-23): one step per aspect with the consequence questions, then a summary. */
export function ClassifyWizard() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const asset = useRecord(keys.assets, assetsApi.get, id);
  const scheme = useQuery({ queryKey: classificationKeys.scheme, queryFn: classificationApi.scheme });
  const history = useQuery({ queryKey: classificationKeys.asset(id), queryFn: () => classificationApi.assetHistory(id) });
  useDocumentTitle(t('classification.wizard.title'));
  const ready = scheme.isSuccess && history.isSuccess;
  return (
    <Loaded query={asset} title={t('classification.wizard.title')}>
      {({ data: a }) =>
        ready ? (
          <Wizard
            asset={{ id: a.id, name: a.name ?? t('secrecy.maskedAsset'), personalData: a.personalData, secret: a.secret }}
            scheme={scheme.data}
            current={history.data.items.find((c) => c.current)}
          />
        ) : null
      }
    </Loaded>
  );
}

interface WizardProps {
  asset: { id: string; name: string; personalData: string; secret: boolean };
  scheme: Scheme;
  current: AssetClassification | undefined;
}

function Wizard({ asset, scheme, current }: WizardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const label = useLevelLabel(scheme);
  const navigate = useNavigate();
  const notify = useNotify();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(() => fromCurrent(current));
  const [participants, setParticipants] = useState<string[]>(current?.participants ?? []);
  const [nextReviewOn, setNextReviewOn] = useState(scheme.defaultNextReviewOn);
  const [busy, setBusy] = useState(false);
  const order = useMemo(() => ASPECTS.flatMap((a) => [`${a}.level`, `${a}.reason`]).concat(['participants', 'nextReviewOn']), []);
  const errors = useSubmitErrors('classify', order);
  const minimums = minimumsFor(scheme.minimumRules, asset);

  const computed = (a: AspectKey) => {
    const answers = Object.values(draft[a].answers).map(Number);
    const fromAnswers = answers.length ? Math.max(...answers) : 0;
    return Math.max(fromAnswers, minimums[a]?.minLevel ?? 0);
  };
  const levelOf = (a: AspectKey) => Math.min(3, Math.max(computed(a), draft[a].chosen ?? 0));
  const national = ASPECTS.some((a) => Object.values(draft[a].answers).includes(NATIONAL));
  const set = (a: AspectKey, patch: Partial<AspectDraft>) => setDraft((d) => ({ ...d, [a]: { ...d[a], ...patch } }));

  // A server error on an aspect's field opens that aspect's step.
  useEffect(() => {
    const first = Object.keys(errors.fieldErrors)[0];
    const index = first ? ASPECTS.findIndex((a) => first.startsWith(`${a}.`)) : -1;
    if (index >= 0) setStep(index);
  }, [errors.fieldErrors]);

  const save = async () => {
    errors.clear();
    setBusy(true);
    try {
      const aspect = (a: AspectKey) => ({
        level: levelOf(a),
        reason: draft[a].reason,
        answers: Object.fromEntries(Object.entries(draft[a].answers).map(([k, v]) => [k, Number(v)])),
      });
      await classificationApi.classify(asset.id, {
        confidentiality: aspect('confidentiality'),
        integrity: aspect('integrity'),
        availability: aspect('availability'),
        traceability: aspect('traceability'),
        participants,
        nextReviewOn,
      });
      await Promise.all([
        qc.invalidateQueries({ queryKey: classificationKeys.all }),
        qc.invalidateQueries({ queryKey: keys.assets }),
        qc.invalidateQueries({ queryKey: keys.systems }),
        // the systems' applicable requirements follow their levels
        qc.invalidateQueries({ queryKey: ['gap-analysis'] }),
      ]);
      notify(t('classification.wizard.saved'));
      void navigate(`/information-assets/${asset.id}`);
    } catch (e) {
      errors.fail(e);
    } finally {
      setBusy(false);
    }
  };

  const levels = Object.fromEntries(ASPECTS.map((a) => [a, levelOf(a)])) as Record<AspectKey, number>;
  const guideFor = (a: AspectKey) => scheme.guide.find((g) => g.aspect === a)!;

  return (
    <>
      <PageHeader title={t('classification.wizard.heading', { name: asset.name })} />
      <Text mb="md" maw={800}>
        {t('classification.wizard.intro')}
      </Text>
      <Stepper active={step} onStepClick={setStep} allowNextStepsSelect mb="lg" size="sm">
        {ASPECTS.map((a) => (
          <Stepper.Step key={a} label={t(`classification.aspect.${a}`)} description={`${t(`classification.short.${a}`)}${levels[a]}`}>
            <Stack maw={800} gap="md">
              <Title order={2}>{t(`classification.aspect.${a}`)}</Title>
              <Text>{lang({ sv: guideFor(a).explanationSv, en: guideFor(a).explanationEn })}</Text>
              {guideFor(a).questions.map((q) => (
                <Radio.Group
                  key={q.category}
                  label={lang({ sv: q.questionSv, en: q.questionEn })}
                  value={draft[a].answers[q.category as CategoryKey] ?? null}
                  onChange={(v) => set(a, { answers: { ...draft[a].answers, [q.category]: v } })}
                >
                  <Stack gap={6} mt={6}>
                    {q.answers.map((ans) => (
                      <Radio key={ans.level} value={String(ans.level)} label={`${ans.level} – ${lang(ans)}`} />
                    ))}
                    <Radio value={NATIONAL} label={t('classification.wizard.nationalOption')} />
                  </Stack>
                </Radio.Group>
              ))}
              {national ? (
                <Alert color="red" title={t('classification.wizard.nationalTitle')} role="alert">
                  {lang(scheme.nationalSecurity)}
                </Alert>
              ) : null}
              {minimums[a] ? (
                <Alert color="blue" title={t('classification.wizard.minimumTitle', { level: minimums[a].minLevel })}>
                  {lang({ sv: minimums[a].reasonSv, en: minimums[a].reasonEn })}
                </Alert>
              ) : null}
              <NativeSelect
                id={`classify-${a}.level`}
                label={t('classification.wizard.level')}
                description={t('classification.wizard.levelHelp', { level: computed(a) })}
                value={String(levels[a])}
                onChange={(e) => set(a, { chosen: Number(e.currentTarget.value) })}
                data={[0, 1, 2, 3].filter((l) => l >= computed(a)).map((l) => ({ value: String(l), label: `${l} – ${label(l)}` }))}
                error={errors.errorFor(`${a}.level`)}
              />
              <Textarea
                id={`classify-${a}.reason`}
                label={t('classification.wizard.reason')}
                description={t('classification.wizard.reasonHelp')}
                required
                autosize
                minRows={3}
                value={draft[a].reason}
                onChange={(e) => set(a, { reason: e.currentTarget.value })}
                error={errors.errorFor(`${a}.reason`)}
              />
            </Stack>
          </Stepper.Step>
        ))}
        <Stepper.Step label={t('classification.wizard.summary')}>
          <Stack maw={800} gap="md">
            <Title order={2}>{t('classification.wizard.summary')}</Title>
            <LevelBadges levels={levels} label={label} />
            <TagsField
              id="classify-participants"
              label={t('classification.wizard.participants')}
              description={t('classification.wizard.participantsHelp')}
              value={participants}
              onChange={setParticipants}
              error={errors.errorFor('participants')}
            />
            <TextInput
              id="classify-nextReviewOn"
              type="date"
              label={t('classification.wizard.nextReviewOn')}
              description={t('classification.wizard.nextReviewHelp', { months: scheme.reviewMonths })}
              value={nextReviewOn}
              onChange={(e) => setNextReviewOn(e.currentTarget.value)}
              error={errors.errorFor('nextReviewOn')}
            />
            {national ? (
              <Alert color="red" title={t('classification.wizard.nationalTitle')}>
                {lang(scheme.nationalSecurity)}
              </Alert>
            ) : null}
            <SubmitAlert error={errors.error} />
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Group>
        <Button variant="default" onClick={() => setStep((s) => Math.max(0, s - 1))} disabled={step === 0}>
          {t('classification.wizard.previous')}
        </Button>
        {step < ASPECTS.length ? (
          <Button onClick={() => setStep((s) => s + 1)}>{t('classification.wizard.next')}</Button>
        ) : (
          <Button onClick={() => void save()} loading={busy} disabled={national}>
            {t('classification.wizard.save')}
          </Button>
        )}
        <Button variant="subtle" onClick={() => void navigate(`/information-assets/${asset.id}`)}>
          {t('common.cancel')}
        </Button>
      </Group>
    </>
  );
}
