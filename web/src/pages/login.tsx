// Login: user name and password to POST /api/v1/auth/login. The server sets the HttpOnly session
// cookie; the page keeps nothing (no token in storage). Wrong credentials and the failed-login
// brake (429) are shown as such.
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { login } from '../api/generated/operations';

export function LoginPage(props: { notice?: string; onLoggedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      await login({ username: username.trim(), password });
      setPassword('');
      props.onLoggedIn();
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && (err.status === 401 || err.status === 400)) setError('Wrong user name or password.');
      else if (err instanceof ApiError && err.status === 429) setError('Too many failed logins. Wait a few minutes and try again.');
      else if (err instanceof ApiError) setError(err.message);
      else setError('The Kashf server cannot be reached.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <form class="card" onSubmit={submit} aria-labelledby="login-title" autocomplete="off">
        <h1 id="login-title">Kashf workbench</h1>
        <p class="muted">Log in with the account your administrator gave you.</p>
        {props.notice && (
          <p class="notice" role="status">
            {props.notice}
          </p>
        )}
        {error && (
          <p class="error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <div class="field">
          <label for="username">User name</label>
          <input id="username" name="username" autocomplete="username" required value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        <p class="muted small">Synthetic demo data only. Every access is recorded in the audit log.</p>
      </form>
    </main>
  );
}
