import { DAY_MS, Officer, type AppInfo, type SessionEndReason } from '@watchfloor/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DataProtectionScreen } from './audit/DataProtectionScreen';
import { startReviewSession, type ReviewSession } from './audit/review-session';
import { landsOnDataProtection, mayOpenDataProtection } from './audit/view-model';
import { startSession, type Session, type SessionOptions } from './data/session';
import { CrashRecoveredNotice, takeRecoveredFlag } from './desktop';
import { SessionContext } from './live/hooks';
import { LiveScreen } from './live/LiveScreen';
import { landsOnWall } from './live/wall';
import { changeLanguage } from './i18n';
import { languageFor } from './i18n/language-choice';
import { setDisplayZone } from './i18n/display-zone';
import { desktopBridge } from './platform';
import { PanelBoundary } from './shell/PanelBoundary';
import { discoverHub, type HubEndpoint } from './signin/endpoint';
import { SignIn, type SignedIn } from './signin/SignIn';
import { SignInAgain } from './signin/SignInAgain';
import { SignOutQueued } from './signin/SignOutQueued';
import { decodeSession, encodeSession } from './signin/stored-session';

/**
 * Top of the console: find the hub, sign in, run the live screen (or the wall view: with `?view=wall`, and
 * for an observer, whose role watches and never acts). An
 * officer who only reviews the audit trail (an auditor) gets the data-protection view instead, without the
 * live session's socket and cache; an admin can open that view from the live screen.
 * The sign-in is kept (desktop: the shell's safeStorage; browser: this tab's session storage) so a reload
 * or a crash recovery does not ask again. The console speaks the language chosen for whoever is signed in
 * (i18n/choose-language.ts), and the sign-in screen's language once they sign out.
 */
const Stored = z.object({ hubUrl: z.string(), token: z.string(), officer: Officer, username: z.string().optional(), expiresAt: z.number().optional() });
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

/** Whether the officer used keyboard or pointer since the last time this was asked; a wall display always counts. */
function trackActivity(wall: () => boolean): () => boolean {
  let used = true;
  const mark = () => (used = true);
  window.addEventListener('keydown', mark, { capture: true, passive: true });
  window.addEventListener('pointerdown', mark, { capture: true, passive: true });
  return () => {
    const was = used || wall();
    used = false;
    return was;
  };
}

function sessionOptions(endpoint: HubEndpoint, signedIn: SignedIn, active: () => boolean): SessionOptions {
  return {
    ...(endpoint.retentionDays === undefined ? {} : { retentionMs: endpoint.retentionDays * DAY_MS }),
    ...(signedIn.expiresAt === undefined ? {} : { expiresAt: signedIn.expiresAt }),
    active,
    // The renewed token is what a reload or crash recovery starts from.
    onRenewed: (token, expiresAt) => void store({ ...signedIn, token, expiresAt }),
  };
}

export function App(props: { readonly appInfo: AppInfo }) {
  const { t } = useTranslation();
  const wallAsked = new URLSearchParams(window.location.search).get('view') === 'wall';
  const [recovered] = useState(() => takeRecoveredFlag(window.location, window.history));
  const [endpoint, setEndpoint] = useState<HubEndpoint | undefined>(undefined);
  const [session, setSession] = useState<Session | undefined>(undefined);
  const [review, setReview] = useState<ReviewSession | undefined>(undefined);
  /** An admin looking at the data-protection view; the live session goes on underneath. */
  const [dataProtection, setDataProtection] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [signedIn, setSignedIn] = useState<SignedIn | undefined>(undefined);
  /** Why the hub ended the session: the console stays and asks for the password again. */
  const [ended, setEnded] = useState<SessionEndReason | undefined>(undefined);
  const [queuedAtSignOut, setQueuedAtSignOut] = useState<number | undefined>(undefined);
  const wall = wallAsked || (session !== undefined && landsOnWall(session.officer));
  const wallNow = useRef(wall);
  wallNow.current = wall;
  const [active] = useState(() => trackActivity(() => wallNow.current));

  const begin = (found: HubEndpoint, next: SignedIn) => {
    setSignedIn(next);
    setEnded(undefined);
    setDataProtection(false);
    if (landsOnDataProtection(next.officer)) {
      const options = sessionOptions(found, next, active);
      setReview(
        startReviewSession(next.hubUrl, next.token, next.officer, {
          ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
          active,
          onRenewed: (token, expiresAt) => void store({ ...next, token, expiresAt }),
          onEnded: () => endReview(),
        }),
      );
      return;
    }
    setSession(startSession(next.hubUrl, next.token, next.officer, sessionOptions(found, next, active)));
  };

  /** The hub ended the reviewer's session: back to sign-in, saying so. */
  const endReview = () => {
    setReview((current) => {
      current?.close();
      return undefined;
    });
    void store(undefined);
    setNotice(t('signIn.expired'));
  };

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [found, stored] = await Promise.all([discoverHub(), loadStored()]);
      if (cancelled) return;
      setDisplayZone(found.timeZone);
      await changeLanguage(languageFor(found.language, stored?.officer.id));
      setEndpoint(found);
      if (stored) begin(found, stored);
    })();
    return () => {
      cancelled = true;
    };
  }, []);

  const officerId = session?.officer.id ?? review?.officer.id;
  useEffect(() => {
    if (endpoint === undefined) return;
    const speak = () => void changeLanguage(languageFor(endpoint.language, officerId));
    speak();
    // A choice made in another window of this workstation (the wall map, a second tab) applies here too.
    window.addEventListener('storage', speak);
    return () => window.removeEventListener('storage', speak);
  }, [endpoint, officerId]);

  useEffect(() => {
    if (session === undefined) return;
    return session.store.subscribe(() => {
      const connection = session.store.getSnapshot().connection;
      if (connection.kind === 'unauthorized') setEnded(connection.reason);
    });
  }, [session]);

  useEffect(() => () => session?.close(), [session]);
  useEffect(() => () => review?.close(), [review]);

  const finishSignOut = (reason?: string) => {
    setQueuedAtSignOut(undefined);
    setEnded(undefined);
    void session?.signOut();
    void store(undefined);
    setNotice(reason);
    setSession(undefined);
  };

  const signOut = () => {
    if (review !== undefined) {
      void review.signOut();
      setReview(undefined);
      void store(undefined);
      setNotice(undefined);
      return;
    }
    if (session === undefined) return;
    void session.queuedCommands().then((queued) => (queued > 0 ? setQueuedAtSignOut(queued) : finishSignOut()));
  };

  const signedInAgain = (result: { readonly token: string; readonly officer: Officer; readonly expiresAt: number }, username: string) => {
    if (session === undefined || endpoint === undefined) return;
    const next: SignedIn = { hubUrl: session.hubUrl, token: result.token, officer: result.officer, username, expiresAt: result.expiresAt };
    void store(next);
    if (result.officer.id === session.officer.id) {
      setEnded(undefined);
      setSignedIn(next);
      session.resume(result.token, result.expiresAt);
    } else {
      session.close();
      begin(endpoint, next);
    }
  };

  if (endpoint === undefined) return <div className="splash">{t('signIn.finding')}</div>;
  return (
    <>
      <PanelBoundary panel="recovered">
        <CrashRecoveredNotice recovered={recovered} />
      </PanelBoundary>
      {review !== undefined ? (
        <PanelBoundary panel="dataProtection">
          <DataProtectionScreen
            key={review.officer.id}
            hubUrl={review.hubUrl}
            token={review.token}
            officer={review.officer}
            onSignOut={signOut}
            onSessionEnded={endReview}
          />
        </PanelBoundary>
      ) : session === undefined ? (
        <PanelBoundary panel="signIn">
          <SignIn
            endpoint={endpoint}
            notice={notice}
            onSignedIn={(next) => {
              void store(next);
              setNotice(undefined);
              begin(endpoint, next);
            }}
          />
        </PanelBoundary>
      ) : (
        <SessionContext.Provider value={session}>
          {/* What the screen's own panels do not catch (its state, its layout) shows as a failed console to reload, not a blank window. */}
          <PanelBoundary panel={wall ? 'wall' : 'console'}>
            {dataProtection ? (
              <DataProtectionScreen
                hubUrl={session.hubUrl}
                token={session.token}
                officer={session.officer}
                onSignOut={signOut}
                onBack={() => setDataProtection(false)}
                onSessionEnded={setEnded}
              />
            ) : (
              <LiveScreen
                wall={wall}
                onSignOut={signOut}
                onDataProtection={mayOpenDataProtection(session.officer) ? () => setDataProtection(true) : undefined}
                key={`${session.officer.id}-${props.appInfo.platform}`}
              />
            )}
          </PanelBoundary>
          {ended !== undefined && (
            <SignInAgain hubUrl={session.hubUrl} username={signedIn?.username} reason={ended} onSignedIn={signedInAgain} onSignOut={() => finishSignOut(t('signIn.expired'))} />
          )}
          {queuedAtSignOut !== undefined && <SignOutQueued count={queuedAtSignOut} onSignOut={() => finishSignOut()} onWait={() => setQueuedAtSignOut(undefined)} />}
        </SessionContext.Provider>
      )}
    </>
  );
}
