import { Problem } from '../../platform/problems.js';
import type { GapAssessIn } from './gap-analysis.schemas.js';

type FieldError = { field: string; code: string; sv: string; en: string };

export const conflict = (sv: string, en: string) => new Problem('conflict', { sv, en });

export const notApplicableHere = (minLevel: number) =>
  new Problem('validation', undefined, [
    {
      field: 'requirementId',
      code: 'not_applicable',
      sv: `Kravet gäller inte systemet: det gäller från nivå ${minLevel} och systemets skyddsnivå är lägre på kravets aspekt.`,
      en: `The requirement does not apply to the system: it applies from level ${minLevel} and the system's protection level on its aspect is lower.`,
    },
  ]);

// What each status needs (MSB's gap analysis asks "applicable?" with a reason, and for a requirement
// not met, how serious the deficiency is); fields that do not belong to the status are cleared so an
// old "how met" never sits beside "missing".
export function assessmentRules(input: GapAssessIn) {
  const errors: FieldError[] = [];
  const { status } = input;
  const need = (ok: boolean, field: string, sv: string, en: string) => {
    if (!ok) errors.push({ field, code: 'required', sv, en });
  };
  need(
    status !== 'not_applicable' || !!input.notApplicableReason,
    'notApplicableReason',
    'Skriv varför kravet inte är tillämpligt för systemet.',
    'Write why the requirement does not apply to the system.',
  );
  need(
    !(status === 'partly' || status === 'missing') || !!input.deficiency,
    'deficiency',
    'Välj hur allvarlig bristen är.',
    'Choose how serious the deficiency is.',
  );
  need(
    !(status === 'exists' || status === 'partly') || !!input.howMet,
    'howMet',
    'Beskriv hur kravet uppfylls.',
    'Describe how the requirement is met.',
  );
  if (errors.length) throw new Problem('validation', undefined, errors);
  return {
    status,
    notApplicableReason: status === 'not_applicable' ? input.notApplicableReason! : null,
    deficiency: status === 'partly' || status === 'missing' ? input.deficiency! : null,
    howMet: status === 'exists' || status === 'partly' ? input.howMet! : null,
    evidenceUrl: status === 'not_applicable' ? null : (input.evidenceUrl ?? null),
  };
}
