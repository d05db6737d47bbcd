import { z } from 'zod';

export const mfaMethods = ['totp', 'recovery', 'webauthn'] as const;
export type MfaMethod = (typeof mfaMethods)[number];

const stage = z.enum(['full', 'mfa', 'enrol']);

// Codes are typed by people: spaces and dashes are tolerated and removed before checking.
const code = z.string().trim().min(1).max(40);

export const verifyBody = z.strictObject({ method: z.enum(['totp', 'recovery']), code });
export const codeBody = z.strictObject({ code });

// The browser's WebAuthn JSON is checked by @simplewebauthn/server; here only its outline and size.
const credentialJson = z.looseObject({
  id: z.string().min(1).max(1400),
  rawId: z.string().min(1).max(1400),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: z.string().min(1).max(20_000) }),
  clientExtensionResults: z.looseObject({}).optional(),
  authenticatorAttachment: z.string().max(40).optional(),
});

export const webauthnVerifyBody = z.strictObject({ response: credentialJson });
export const webauthnRegistrationBody = z.strictObject({
  response: credentialJson,
  name: z.string().trim().min(1).max(100),
});

export const passkeyParams = z.strictObject({ id: z.string().min(1).max(1400) });

// After a step that changes the session: the new CSRF token goes with the new cookie.
export const stepOut = z.object({ stage, csrfToken: z.string() });

export const pendingOut = z.object({
  stage,
  methods: z.array(z.enum(mfaMethods)),
  user: z.object({ email: z.string(), displayName: z.string() }),
  csrfToken: z.string(),
});

export const totpSetupOut = z.object({
  secret: z.string().meta({ description: 'Base32, för manuell inmatning i appen. Visas bara nu.' }),
  otpauthUrl: z.string(),
  qrSvg: z.string().meta({ description: 'QR-koden för otpauthUrl som SVG' }),
});

export const recoveryCodesOut = z.object({
  recoveryCodes: z.array(z.string()).meta({ description: 'Visas bara en gång; endast hashvärden sparas.' }),
  stage,
  csrfToken: z.string(),
});

export const passkeyOut = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const statusOut = z.object({
  totp: z.object({ enabled: z.boolean(), confirmedAt: z.string().nullable() }),
  recoveryCodesLeft: z.number().int(),
  passkeys: z.array(passkeyOut),
  required: z.boolean(),
  // whether removing a passkey asks for the password (accounts that sign in through an IdP have none)
  hasPassword: z.boolean(),
});

// Removing a passkey re-checks the password: a session left open must not strip the owner's keys.
export const passkeyRemoveBody = z.strictObject({ password: z.string().max(1024).optional() });

export const passkeyCreatedOut = z.object({ passkey: passkeyOut, stage, csrfToken: z.string() });

// Options for navigator.credentials.*: passed to @simplewebauthn/browser as they are.
export const webauthnOptionsOut = z.looseObject({ challenge: z.string() });

export type StatusOut = z.infer<typeof statusOut>;
export type PasskeyOut = z.infer<typeof passkeyOut>;
