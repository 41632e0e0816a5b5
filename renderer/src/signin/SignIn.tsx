import type { LanguageCode, Officer } from '@watchfloor/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { countryName } from '../i18n/format';
import { rememberLanguage } from '../i18n/language-choice';
import { LanguageControl } from '../shell/LanguageControl';
import { signIn, type HubEndpoint } from './endpoint';

export interface SignedIn {
  readonly hubUrl: string;
  readonly token: string;
  readonly officer: Officer;
  /** For asking the password again over the console. */
  readonly username?: string;
  /** When the token lapses unless renewed. */
  readonly expiresAt?: number;
}

/**
 * Hub URL, username, password. Errors say what went wrong and what to do. A language chosen here becomes
 * the officer's own once they sign in, so the console goes on in it.
 */
export function SignIn(props: { readonly endpoint: HubEndpoint; readonly notice?: string; readonly onSignedIn: (session: SignedIn) => void }) {
  const { t } = useTranslation();
  const [hubUrl, setHubUrl] = useState(props.endpoint.url);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [chosenLanguage, setChosenLanguage] = useState<LanguageCode | undefined>(undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const result = await signIn(hubUrl.trim(), username.trim(), password);
    setBusy(false);
    if (result.ok) {
      if (chosenLanguage !== undefined) rememberLanguage(chosenLanguage, result.officer.id);
      props.onSignedIn({ hubUrl: new URL(hubUrl.trim()).origin, token: result.token, officer: result.officer, username: username.trim(), expiresAt: result.expiresAt });
    }
    else if (result.reason === 'rate-limited') setError(t('signIn.error.rate-limited', { seconds: Math.ceil(result.retryAfterMs / 1000) }));
    else setError(t(`signIn.error.${result.reason}`, { url: hubUrl }));
  }

  return (
    <div className="signin">
      <form className="signin__card" onSubmit={(event) => void submit(event)} aria-labelledby="signin-title">
        <div className="signin__brand">
          <span className="topbar__mark" aria-hidden="true" />
          <h1 id="signin-title">{t('signIn.title')}</h1>
          <LanguageControl onChosen={setChosenLanguage} />
        </div>
        {props.notice && <p className="signin__notice" role="status">{props.notice}</p>}
        <label className="field">
          <span>{t('signIn.hubUrl')}</span>
          <input value={hubUrl} onChange={(e) => setHubUrl(e.target.value)} autoComplete="url" spellCheck={false} dir="ltr" required />
        </label>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" autoFocus required />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        {error && (
          <p className="signin__error" role="alert">
            {error}
          </p>
        )}
        <button className="button button--primary" type="submit" disabled={busy}>
          {busy ? t('signIn.signingIn') : t('signIn.submit')}
        </button>
        {props.endpoint.demo && props.endpoint.demoUsers.length > 0 && (
          <section className="signin__demo" aria-labelledby="demo-users">
            <h2 id="demo-users">{t('signIn.demoTitle')}</h2>
            <p>{t('signIn.demoHint')}</p>
            <ul>
              {props.endpoint.demoUsers.map((user) => (
                <li key={user.username}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setUsername(user.username);
                      setPassword(user.password);
                    }}
                  >
                    <code>{user.username}</code> / <code>{user.password}</code>
                  </button>
                  <span>
                    {t(`roles.${user.role}`)}
                    {user.scope ? ` · ${t('signIn.scope', { country: countryName(user.scope) })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </div>
  );
}
