import { z } from 'zod';
import { RetentionDays } from '../retention/policy';
import { AlertSummary, DoNotDisturbMinutes, DoNotDisturbStatus, FocusAlert } from './desktop-alerts';

/**
 * The preload bridge: the only door between the renderer and the main process. Channels are a fixed list;
 * every payload is validated with these schemas on both sides (renderer input in the preload, again in the
 * main process, which also checks that the sender is the app's own frame).
 */
export const IPC_CHANNELS = {
  appInfo: 'watchfloor:app-info',
  openExternal: 'watchfloor:open-external',
  hubConfig: 'watchfloor:hub-config',
  reportAlerts: 'watchfloor:alert-summary',
  setDoNotDisturb: 'watchfloor:dnd-set',
  doNotDisturb: 'watchfloor:dnd-get',
  openWallMap: 'watchfloor:open-wall-map',
  tokenSave: 'watchfloor:token-save',
  tokenLoad: 'watchfloor:token-load',
  tokenClear: 'watchfloor:token-clear',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** Main -> renderer events; the preload hands the page the payload only, never the IPC event. */
export const IPC_EVENTS = {
  focusAlert: 'watchfloor:focus-alert',
} as const;
export type IpcEventChannel = (typeof IPC_EVENTS)[keyof typeof IPC_EVENTS];

export const AppInfo = z.object({
  version: z.string().min(1),
  platform: z.enum(['win32', 'darwin', 'linux', 'web']),
  /** False in a plain browser (`npm run web`), true in the desktop app. */
  desktop: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Only web pages may be handed to the system browser; no file:, javascript: or custom schemes. */
export const ExternalUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i, 'expected an http(s) URL');

/** The hub the renderer connects to: the bureau's, or the embedded demo hub on the loopback interface. */
export const HubConfig = z.object({
  url: z.string().max(2048).regex(/^https?:\/\/[^\s/?#@]+\/?$/i, 'expected the origin of an http(s) hub'),
  /** True when the desktop app runs the embedded hub with the simulated operation. */
  demo: z.boolean(),
  /** The bureau's settings for the interface: local times are shown in this zone, in this language. */
  timeZone: z.string().min(1).max(64).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).optional(),
  /** Days of events the console keeps in its local cache: the bureau's event retention. */
  retentionDays: RetentionDays.optional(),
});
export type HubConfig = z.infer<typeof HubConfig>;

export const WallMapOpened = z.object({
  /** False when only one display is attached and the wall map shares it with the desk console. */
  onSecondaryDisplay: z.boolean(),
});
export type WallMapOpened = z.infer<typeof WallMapOpened>;

/** The hub session token (a JWT or similar): printable ASCII, no whitespace. */
export const SessionToken = z.string().min(1).max(8192).regex(/^[\x21-\x7e]+$/, 'expected a printable token');

export const TokenSaved = z.object({
  /** False when the OS offers no keyring: the token then lives in memory until the app quits. */
  persisted: z.boolean(),
});
export type TokenSaved = z.infer<typeof TokenSaved>;

/** Request and response schemas per channel; the main process registers exactly these handlers. */
export const IPC_CONTRACT = {
  [IPC_CHANNELS.appInfo]: { request: z.undefined(), response: AppInfo },
  [IPC_CHANNELS.openExternal]: { request: ExternalUrl, response: z.boolean() },
  [IPC_CHANNELS.hubConfig]: { request: z.undefined(), response: HubConfig },
  [IPC_CHANNELS.reportAlerts]: { request: AlertSummary, response: z.undefined() },
  [IPC_CHANNELS.setDoNotDisturb]: { request: DoNotDisturbMinutes, response: DoNotDisturbStatus },
  [IPC_CHANNELS.doNotDisturb]: { request: z.undefined(), response: DoNotDisturbStatus },
  [IPC_CHANNELS.openWallMap]: { request: z.undefined(), response: WallMapOpened },
  [IPC_CHANNELS.tokenSave]: { request: SessionToken, response: TokenSaved },
  [IPC_CHANNELS.tokenLoad]: { request: z.undefined(), response: SessionToken.optional() },
  [IPC_CHANNELS.tokenClear]: { request: z.undefined(), response: z.undefined() },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

export const IPC_EVENT_CONTRACT = {
  [IPC_EVENTS.focusAlert]: FocusAlert,
} as const satisfies Record<IpcEventChannel, z.ZodType>;

/** What the preload exposes as `window.watchfloor`. */
export interface WatchfloorBridge {
  appInfo(): Promise<AppInfo>;
  /** Opens an http(s) page in the system browser; false if the URL was refused. */
  openExternal(url: string): Promise<boolean>;
  /** The hub to connect to. */
  hubConfig(): Promise<HubConfig>;
  /** Tells the desktop what concerns this officer now; it raises notifications for what is new. */
  reportAlerts(summary: AlertSummary): Promise<void>;
  /** Silences notifications and attention requests for `minutes` (0 ends it); the tray count stays. */
  setDoNotDisturb(minutes: number): Promise<DoNotDisturbStatus>;
  doNotDisturb(): Promise<DoNotDisturbStatus>;
  /** Opens (or focuses) the read-only wall map, on another display when one is attached. */
  openWallMap(): Promise<WallMapOpened>;
  /** Keeps the session token for the next start when the OS has a keyring, else in memory only. */
  saveToken(token: string): Promise<TokenSaved>;
  loadToken(): Promise<string | undefined>;
  clearToken(): Promise<void>;
  /** Calls back with the alert id when the officer clicks a notification; returns an unsubscribe. */
  onFocusAlert(callback: (alertId: string) => void): () => void;
}

export const BRIDGE_GLOBAL = 'watchfloor';

/** Query parameters the desktop shell puts on the app URL. */
export const VIEW_QUERY = 'view';
export const WALL_VIEW = 'wall';
/** Present after the shell reloaded a renderer that crashed, so the page can tell the officer. */
export const RECOVERED_QUERY = 'recovered';
