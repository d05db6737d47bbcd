import { z } from 'zod';
import { listQueryBase } from '../../platform/http.js';
import { optionalText, pageOf, registerOut, requiredText } from '../../platform/schema-helpers.js';

export const policyGoalCreate = z.strictObject({
  code: requiredText(40),
  text: requiredText(2000),
  source: optionalText(300),
});
export type PolicyGoalCreate = z.infer<typeof policyGoalCreate>;
export const policyGoalPatch = policyGoalCreate.partial();
export type PolicyGoalPatch = z.infer<typeof policyGoalPatch>;

export const policyGoalOut = z.object({
  ...registerOut,
  code: z.string(),
  text: z.string(),
  source: z.string().nullable(),
  // how many measures (not archived) address the goal: the annual report's link (D4-01)
  measureCount: z.number().int(),
});
export type PolicyGoalOut = z.infer<typeof policyGoalOut>;

export const policyGoalSorts = ['code', 'updatedAt'] as const;
export const policyGoalListQuery = z.object({
  ...listQueryBase,
  sort: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
});
export type PolicyGoalListQuery = z.infer<typeof policyGoalListQuery>;
export const policyGoalPage = pageOf(policyGoalOut);

export const starterResult = z.object({ added: z.number().int(), skipped: z.number().int() });

// The goals of the IT-security policy (D4-02..D4-11), in Tillit's own short wording.
export const starterGoals: { code: string; text: string; requirement: string }[] = [
  { code: 'M-01', text: 'Lagar och andra regler följs.', requirement: 'D4-02' },
  { code: 'M-02', text: 'Arbetet med att utveckla verksamheten får stöd.', requirement: 'D4-03' },
  { code: 'M-03', text: 'Förmågan att hantera kriser är säkrad.', requirement: 'D4-04' },
  { code: 'M-04', text: 'Oväntade händelser i IT-systemen som kan skada verksamheten förebyggs.', requirement: 'D4-05' },
  {
    code: 'M-05',
    text: 'Informationsförsörjningen är effektiv och ger skydd och stöd åt medarbetare, samarbetspartner och andra.',
    requirement: 'D4-06',
  },
  {
    code: 'M-06',
    text: 'Gjorda och kommande investeringar i information och teknisk utrustning har tillräckligt skydd.',
    requirement: 'D4-07',
  },
  { code: 'M-07', text: 'Information behandlas som en tillgång och skyddas efter sitt värde.', requirement: 'D4-08' },
  { code: 'M-08', text: 'Alla som använder IT i arbetet känner till de regler för IT-säkerhet som gäller.', requirement: 'D4-09' },
  {
    code: 'M-09',
    text: 'Det finns en gemensam, säker och tydligt beskriven infrastruktur för intern och extern datakommunikation.',
    requirement: 'D4-10',
  },
  {
    code: 'M-10',
    text: 'Hotbilden för varje samhällsviktigt IT-system analyseras fortlöpande, minst en gång om året.',
    requirement: 'D4-11',
  },
];
export const starterSource = 'IT-säkerhetspolicy';
