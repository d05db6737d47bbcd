import { z } from 'zod';

// Unicode e-mail addresses too ("åsa@kommun.se"): any address an account can have.
export const resetRequestBody = z.strictObject({
  email: z.email({ pattern: z.regexes.unicodeEmail }).max(320),
});

export const resetRequestOut = z.object({ message: z.string() });

export const resetConfirmBody = z.strictObject({
  token: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

// The session is rotated on a password change: the browser gets a new cookie and CSRF token.
export const changePasswordOut = z.object({ csrfToken: z.string() });
