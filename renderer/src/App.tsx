import { Officer, type AppInfo } from '@watchfloor/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { startSession, type Session, type SessionOptions } from './data/session';
import { CrashRecoveredNotice, takeRecoveredFlag } from './desktop';
import { SessionContext } from './live/hooks';
import { LiveScreen } from './live/LiveScreen';
import { changeLanguage } from './i18n';
import { setDisplayZone } from './i18n/display-zone';
import { desktopBridge } from './platform';
import { PanelBoundary } from './shell/PanelBoundary';
import { discoverHub, type HubEndpoint } from './signin/endpoint';
import { SignIn, type SignedIn } from './signin/SignIn';
import { decodeSession, encodeSession } from './signin/stored-session';

/**
 * Top of the console: find the hub, sign in, run the live screen (or the wall view with `?view=wall`).
 * The sign-in is kept (desktop: the shell's safeStorage; browser: this tab's session storage) so a reload
 * or a crash recovery does not ask again.
 */
const Stored = z.object({ hubUrl: z.string(), token: z.string(), officer: Officer });
const STORAGE_KEY = 'watchfloor.session';

async function loadStored(): Promise<SignedIn | undefined> {
  const bridge = desktopBridge();
  const text = bridge ? await bridge.loadToken().catch(() => undefined) : sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  if (text === undefined) return undefined;
  try {
    const parsed = Stored.safeParse(decodeSession(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function store(signedIn: SignedIn | undefined): Promise<void> {
  const bridge = desktopBridge();
  if (bridge) {
    if (signedIn) await bridge.saveToken(encodeSession(signedIn)).catch(() => undefined);
    else await bridge.clearToken().catch(() => undefined);
    return;
  }
  if (signedIn) sessionStorage.setItem(STORAGE_KEY, encodeSession(signedIn));
  else sessionStorage.removeItem(STORAGE_KEY);
}

const DAY_MS = 86_400_000;

function sessionOptions(endpoint: HubEndpoint): SessionOptions {
  return endpoint.retentionDays === undefined ? {} : { retentionMs: endpoint.retentionDays * DAY_MS };
}

export function App(props: { readonly appInfo: AppInfo }) {
  const { t } = useTranslation();
  const wall = new URLSearchParams(window.location.search).get('view') === 'wall';
  const [recovered] = useState(() => takeRecoveredFlag(window.location, window.history));
  const [endpoint, setEndpoint] = useState<HubEndpoint | undefined>(undefined);
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [found, stored] = await Promise.all([discoverHub(), loadStored()]);
      if (cancelled) return;
      setDisplayZone(found.timeZone);
      if (found.language) await changeLanguage(found.language);
      setEndpoint(found);
      if (stored) setSession(startSession(stored.hubUrl, stored.token, stored.officer, sessionOptions(found)));
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (session === undefined) return;
    return session.store.subscribe(() => {
      if (session.store.getSnapshot().connection.kind !== 'unauthorized') return;
      session.close();
      void store(undefined);
      setNotice(t('signIn.expired'));
      setSession(undefined);
    });
  }, [session, t]);

  useEffect(() => () => session?.close(), [session]);

  const signOut = () => {
    session?.close();
    void store(undefined);
    setSession(undefined);
  };

  if (endpoint === undefined) return <div className="splash">{t('signIn.finding')}</div>;
  return (
    <>
      <PanelBoundary panel="recovered">
        <CrashRecoveredNotice recovered={recovered} />
      </PanelBoundary>
      {session === undefined ? (
        <PanelBoundary panel="signIn">
          <SignIn
            endpoint={endpoint}
            notice={notice}
            onSignedIn={(signedIn) => {
              void store(signedIn);
              setNotice(undefined);
              setSession(startSession(signedIn.hubUrl, signedIn.token, signedIn.officer, sessionOptions(endpoint)));
            }}
          />
        </PanelBoundary>
      ) : (
        <SessionContext.Provider value={session}>
          {/* What the screen's own panels do not catch (its state, its layout) shows as a failed console to reload, not a blank window. */}
          <PanelBoundary panel={wall ? 'wall' : 'console'}>
            <LiveScreen wall={wall} onSignOut={signOut} key={`${session.officer.id}-${props.appInfo.platform}`} />
          </PanelBoundary>
        </SessionContext.Provider>
      )}
    </>
  );
}
