import { createHash } from 'node:crypto';

/**
 * Where the desk and wall windows were on a given set of displays. A command centre docks laptops to
 * different walls: the layout for "laptop + two wall screens" must not be applied to "laptop alone". The key
 * is a digest of the display ids and geometry; layouts are kept as JSON in the user-data folder.
 */
export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}
export interface DisplayLike {
  readonly id: number;
  readonly bounds: Rectangle;
  readonly workArea: Rectangle;
}
export type WindowRole = 'desk' | 'wall';
export type WindowLayouts = Readonly<Record<string, Partial<Record<WindowRole, Rectangle>>>>;

export const WINDOW_LAYOUTS_FILE = 'window-layouts.json';
/** Old display sets are dropped beyond this many, so the file cannot grow without bound. */
export const MAX_REMEMBERED_DISPLAY_SETS = 20;

export function displaySetKey(displays: readonly DisplayLike[]): string {
  const described = displays
    .map(({ id, bounds: b }) => `${id}:${b.x},${b.y},${b.width}x${b.height}`)
    .sort()
    .join('|');
  return createHash('sha256').update(described).digest('hex').slice(0, 16);
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => Number.isInteger(r[k])) && (r.width as number) > 0 && (r.height as number) > 0;
}

/** Reads the layouts file's text; anything malformed is dropped rather than trusted. */
export function parseWindowLayouts(text: string | undefined): WindowLayouts {
  if (text === undefined) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const layouts: Record<string, Partial<Record<WindowRole, Rectangle>>> = {};
  for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) continue;
    const roles: Partial<Record<WindowRole, Rectangle>> = {};
    for (const role of ['desk', 'wall'] as const) {
      const bounds = (entry as Record<string, unknown>)[role];
      if (isRectangle(bounds)) roles[role] = { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height };
    }
    layouts[key] = roles;
  }
  return layouts;
}

export function rememberBounds(
  layouts: WindowLayouts,
  key: string,
  role: WindowRole,
  bounds: Rectangle,
): WindowLayouts {
  const { [key]: current, ...others } = layouts;
  const kept = Object.entries(others).slice(-(MAX_REMEMBERED_DISPLAY_SETS - 1));
  // Re-inserting the key last keeps the most recently used display sets at the end.
  return { ...Object.fromEntries(kept), [key]: { ...current, [role]: bounds } };
}

/**
 * The remembered bounds, if the window would still be reachable: at least a title-bar-sized piece of it
 * must lie on one of today's displays.
 */
export function recallBounds(
  layouts: WindowLayouts,
  displays: readonly DisplayLike[],
  role: WindowRole,
): Rectangle | undefined {
  const bounds = layouts[displaySetKey(displays)]?.[role];
  if (bounds === undefined) return undefined;
  const visible = displays.some((display) => overlap(bounds, display.workArea) >= 48 * 48);
  return visible ? bounds : undefined;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The layouts file behind a small interface, so windows remember and recall without knowing the file. */
export interface LayoutMemory {
  recall(role: WindowRole, displays: readonly DisplayLike[]): Rectangle | undefined;
  remember(role: WindowRole, displays: readonly DisplayLike[], bounds: Rectangle): void;
}

export function createLayoutMemory(
  readText: () => string | undefined,
  writeText: (text: string) => void,
  log: { warn(message: string): void },
): LayoutMemory {
  let layouts = parseWindowLayouts(readText());
  return {
    recall: (role, displays) => recallBounds(layouts, displays, role),
    remember(role, displays, bounds) {
      layouts = rememberBounds(layouts, displaySetKey(displays), role, bounds);
      try {
        writeText(JSON.stringify(layouts, undefined, 2));
      } catch (error) {
        // Losing a window position is not worth interrupting the officer for.
        log.warn(`window layout not saved: ${String(error)}`);
      }
    },
  };
}
