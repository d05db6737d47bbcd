import { describe, expect, it } from 'vitest';
import { redactUrl } from './app.js';

describe('request log lines', () => {
  it('never carry an OIDC code or state, a reset token or a SAML response', () => {
    expect(redactUrl('/api/v1/auth/sso/oidc/callback?code=abc123&state=xyz&iss=https%3A%2F%2Fidp')).toBe(
      '/api/v1/auth/sso/oidc/callback?code=***&state=***&iss=https%3A%2F%2Fidp',
    );
    expect(redactUrl('/reset-password?token=secret')).toBe('/reset-password?token=***');
    expect(redactUrl('/api/v1/systems?q=code=1')).toBe('/api/v1/systems?q=code=1');
  });
});
