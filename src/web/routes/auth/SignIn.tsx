import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, setCsrfToken } from '../../api/client.js';
import { authApi, keys } from '../../api/resources.js';
import { TextField } from '../../components/Field.js';
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { useErrorText } from '../../components/States.js';
import { useDocumentTitle } from '../../components/useDocumentTitle.js';

/** Only same-site paths, so a crafted ?next= cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/systems';
}

export function SignIn() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await authApi.login(email, password);
      setCsrfToken(res.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
      await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      // 401 and 422 both get one generic text: do not tell which part was wrong.
      const generic = err instanceof ApiError && (err.status === 401 || err.status === 422);
      setError(generic ? t('errors.loginFailed') : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin-page">
      <header className="signin-header">
        <span className="brand">{t('common.appName')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1} className="signin-main">
        <h1>{t('auth.title')}</h1>
        <p>{t('auth.intro')}</p>
        <form onSubmit={submit} noValidate className="card">
          {error ? (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          ) : null}
          <TextField
            id="signin-email"
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <TextField
            id="signin-password"
            label={t('auth.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
