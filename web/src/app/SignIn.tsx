/** The sign-in form, shown when nobody is signed in; a success starts the page anew. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { signIn } from '../auth';
import { t } from '../i18n';

export function SignIn({ onSignedIn }: { onSignedIn(): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const user = useRef<HTMLInputElement>(null);
  const pass = useRef<HTMLInputElement>(null);
  useEffect(() => user.current?.focus(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await signIn(username, password);
    if ('user' in result) {
      onSignedIn();
      return;
    }
    setError(result.error);
    setBusy(false);
    pass.current?.focus();
  };
  return (
    <main class="auth-page">
      <form class="auth" onSubmit={(e) => void submit(e)}>
        <h1>{t('app.title')}</h1>
        <h2>{t('auth.title')}</h2>
        <p>{t('auth.lead')}</p>
        <label for="auth-username">{t('auth.username')}</label>
        <input
          ref={user}
          id="auth-username"
          name="username"
          autocomplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label for="auth-password">{t('auth.password')}</label>
        <input
          ref={pass}
          id="auth-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <p class="auth-error" role="alert" hidden={error === null}>
          {error}
        </p>
        <button type="submit" data-key="signin" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.submit')}
        </button>
      </form>
    </main>
  );
}
