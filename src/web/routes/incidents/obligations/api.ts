import { api, download, unwrap, unwrapTagged } from '../../../api/client.js';
import type { paths } from '../../../api/schema.js';

// Reporting obligations of an incident (D1-37) and the tenant's reporting regimes.
type ObligationPath = paths['/api/v1/incidents/{id}/obligations/{code}']['patch'];
export type ObligationPatch = ObligationPath['requestBody']['content']['application/json'];
export type Obligation = ObligationPath['responses'][200]['content']['application/json'];
export type ObligationCode = Obligation['code'];
type DraftPath = paths['/api/v1/incidents/{id}/obligations/{code}/draft'];
export type Draft = DraftPath['get']['responses'][200]['content']['application/json'];
type RegimesPath = paths['/api/v1/reporting-regimes'];
export type RegimeList = RegimesPath['get']['responses'][200]['content']['application/json'];
export type Regime = RegimeList['items'][number];
export type RegimeInput = RegimesPath['post']['requestBody']['content']['application/json'];

const params = (id: string, code: ObligationCode) => ({ params: { path: { id, code } } });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const obligationsApi = {
  update: (id: string, code: ObligationCode, version: number, body: ObligationPatch) =>
    unwrapTagged(
      api.PATCH('/api/v1/incidents/{id}/obligations/{code}', { ...params(id, code), body, headers: { 'If-Match': `"v${version}"` } }),
    ),
  draft: (id: string, code: ObligationCode) => unwrap(api.GET('/api/v1/incidents/{id}/obligations/{code}/draft', params(id, code))),
  saveDraft: (id: string, code: ObligationCode, answers: Record<string, string>) =>
    unwrap(api.PUT('/api/v1/incidents/{id}/obligations/{code}/draft', { ...params(id, code), body: { answers } })),
  downloadDraft: (id: string, code: ObligationCode, format: 'pdf' | 'docx', filename: string) =>
    download(
      `/api/v1/incidents/${encodeURIComponent(id)}/obligations/${encodeURIComponent(code)}/draft.${format}`,
      format === 'pdf' ? 'application/pdf' : DOCX,
      `${filename}.${format}`,
    ),
  regimes: () => unwrap(api.GET('/api/v1/reporting-regimes')),
  createRegime: (body: RegimeInput) => unwrap(api.POST('/api/v1/reporting-regimes', { body })),
};

export const obligationKeys = {
  draft: (id: string, code: string) => ['incidents', id, 'obligations', code, 'draft'] as const,
  regimes: ['reporting-regimes'] as const,
};

export const OBLIGATION_CODES = [
  'gdpr-art33',
  'gdpr-art34',
  'nis2-early-warning',
  'nis2-notification',
  'nis2-final-report',
  'lex-maria',
] as const satisfies readonly ObligationCode[];
export const APPLIES = ['unassessed', 'yes', 'no'] as const;
export const GDPR_CODES: readonly string[] = ['gdpr-art33', 'gdpr-art34'];
