import type { MfaPolicy, SessionStage } from '../../../shared/enums.js';
import type { MfaMethod } from './mfa.schemas.js';

// What a user has set up, as far as sign-in is concerned.
export interface Factors {
  totp: boolean;
  passkeys: number;
  recoveryCodesLeft: number;
}

export interface TenantRequirement {
  policy: MfaPolicy | string;
  mfaRoles: readonly string[];
  // the roles the user holds in that tenant
  roles: readonly string[];
}

// MFA is a property of the account, not of one tenant: a person in a joint IT organisation can switch
// tenant without signing in again, so any tenant that requires MFA of them requires it everywhere.
export function mfaRequired(tenants: readonly TenantRequirement[]): boolean {
  return tenants.some((t) => t.policy === 'all' || (t.policy === 'roles' && t.roles.some((r) => t.mfaRoles.includes(r))));
}

export const hasFactor = (f: Factors) => f.totp || f.passkeys > 0;

// The step after a correct password: a second factor when one exists (whatever the policy says),
// setting one up when the tenant requires it, otherwise signed in.
export function stageAfterPassword(f: Factors, required: boolean): { stage: SessionStage; methods: MfaMethod[] } {
  if (hasFactor(f)) return { stage: 'mfa', methods: methodsOf(f) };
  return { stage: required ? 'enrol' : 'full', methods: [] };
}

export function methodsOf(f: Factors): MfaMethod[] {
  const out: MfaMethod[] = [];
  if (f.totp) out.push('totp');
  if (f.recoveryCodesLeft > 0 && hasFactor(f)) out.push('recovery');
  if (f.passkeys > 0) out.push('webauthn');
  return out;
}

// Removing a factor is refused when MFA is required and nothing else would remain.
export function mayRemove(f: Factors, required: boolean, what: 'totp' | 'webauthn'): boolean {
  if (!required) return true;
  const left = what === 'totp' ? f.passkeys : (f.totp ? 1 : 0) + f.passkeys - 1;
  return left > 0;
}

// Which session stages may use which MFA routes: completing sign-in only half-way through it;
// setting up factors while enrolling or signed in (never while a factor is still owed, which would
// let someone who knows only the password add their own).
export const mayComplete = (stage: SessionStage) => stage === 'mfa';
export const mayEnrol = (stage: SessionStage) => stage === 'enrol' || stage === 'full';

// After five wrong codes the half-finished sign-in is ended: the password has to be given again.
export const MAX_CODE_FAILURES = 5;
