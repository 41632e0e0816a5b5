import type { SessionEndReason } from '@watchfloor/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../dialogs/Dialog';
import { signIn, type SignInResult } from './endpoint';

/**
 * Asked over the console when the hub ended the session (expired, revoked, signed out elsewhere): the
 * password again, for the same officer, so the screen and the queued commands stay as they are.
 */
export function SignInAgain(props: {
  readonly hubUrl: string;
  readonly username: string | undefined;
  readonly reason: SessionEndReason;
  readonly onSignedIn: (result: Extract<SignInResult, { ok: true }>, username: string) => void;
  readonly onSignOut: () => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(props.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  // The dialog focuses its first field as it opens; with the username known, the password is what to type.
  useEffect(() => {
    if (props.username !== undefined) passwordField.current?.focus();
  }, []);

  async function submit(): Promise<void> {
    setBusy(true);
    setError(undefined);
    const result = await signIn(props.hubUrl, username.trim(), password);
    setBusy(false);
    if (result.ok) props.onSignedIn(result, username.trim());
    else setError(t(`signIn.error.${result.reason}`, { url: props.hubUrl, seconds: 'retryAfterMs' in result ? Math.ceil(Number(result.retryAfterMs) / 1000) : 0 }));
  }

  return (
    <Dialog
      title={t('signIn.again.title')}
      submitLabel={t('signIn.again.submit')}
      cancelLabel={t('signIn.again.signOut')}
      canSubmit={!busy && username.trim() !== '' && password !== ''}
      onSubmit={() => void submit()}
      onClose={props.onSignOut}
      testId="sign-in-again"
    >
      <p role="status">{t(`signIn.again.reason.${props.reason}`)}</p>
      <p>{t('signIn.again.kept')}</p>
      <label className="field">
        <span>{t('signIn.username')}</span>
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" readOnly={props.username !== undefined} />
      </label>
      <label className="field">
        <span>{t('signIn.password')}</span>
        <input ref={passwordField} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {error && (
        <p className="signin__error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
