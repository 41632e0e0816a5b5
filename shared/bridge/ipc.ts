import { z } from 'zod';

/**
 * The preload bridge: the only door between the renderer and the main process. Channels are a fixed list;
 * every payload is validated with these schemas on both sides (renderer input in the preload, again in the
 * main process, which also checks that the sender is the app's own frame).
 */
export const IPC_CHANNELS = {
  appInfo: 'watchfloor:app-info',
  openExternal: 'watchfloor:open-external',
} as const;
export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

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

/** Request and response schemas per channel; the main process registers exactly these handlers. */
export const IPC_CONTRACT = {
  [IPC_CHANNELS.appInfo]: { request: z.undefined(), response: AppInfo },
  [IPC_CHANNELS.openExternal]: { request: ExternalUrl, response: z.boolean() },
} as const satisfies Record<IpcChannel, { request: z.ZodType; response: z.ZodType }>;

/** What the preload exposes as `window.watchfloor`. */
export interface WatchfloorBridge {
  appInfo(): Promise<AppInfo>;
  /** Opens an http(s) page in the system browser; false if the URL was refused. */
  openExternal(url: string): Promise<boolean>;
}

export const BRIDGE_GLOBAL = 'watchfloor';
