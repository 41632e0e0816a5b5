import { CHECKPOINT_KINDS, CHECKPOINT_STATUSES, type CheckpointKind, type CheckpointStatus } from '@watchfloor/shared';

/**
 * Checkpoint symbols drawn into a canvas at start-up, so nothing is fetched (a data: URL would be fetched by
 * deck.gl and need `connect-src data:`). Kind is the shape, status is the fill, and the status colour comes
 * on top: a colour-blind officer still tells an offline airport (hollow triangle, struck through) from an
 * online one (solid triangle).
 *
 * | kind        | shape    |   | status   | fill                  |
 * |-------------|----------|---|----------|-----------------------|
 * | airport     | triangle |   | online   | solid                 |
 * | seaport     | square   |   | degraded | half filled, outlined |
 * | land-border | diamond  |   | offline  | outline, struck out   |
 * | market      | hexagon  |   |          |                       |
 * | mobile      | circle   |   |          |                       |
 */
/** Twice the drawn size: enough detail without mipmaps, which a texture we create ourselves would lack. */
export const ICON_CELL = 32;

export interface IconFrame {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly mask: true;
}

export function iconName(kind: CheckpointKind, status: CheckpointStatus): string {
  return `${kind}:${status}`;
}

export function checkpointIconMapping(): Record<string, IconFrame> {
  const mapping: Record<string, IconFrame> = {};
  CHECKPOINT_KINDS.forEach((kind, column) => {
    CHECKPOINT_STATUSES.forEach((status, row) => {
      mapping[iconName(kind, status)] = { x: column * ICON_CELL, y: row * ICON_CELL, width: ICON_CELL, height: ICON_CELL, mask: true };
    });
  });
  return mapping;
}

export function drawCheckpointAtlas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = CHECKPOINT_KINDS.length * ICON_CELL;
  canvas.height = CHECKPOINT_STATUSES.length * ICON_CELL;
  const context = canvas.getContext('2d')!;
  context.strokeStyle = '#fff';
  context.fillStyle = '#fff';
  context.lineWidth = ICON_CELL / 10;
  context.lineJoin = 'round';
  CHECKPOINT_KINDS.forEach((kind, column) => {
    CHECKPOINT_STATUSES.forEach((status, row) => {
      context.save();
      context.translate(column * ICON_CELL + ICON_CELL / 2, row * ICON_CELL + ICON_CELL / 2);
      shape(context, kind);
      if (status === 'online') {
        context.fill();
      } else {
        context.stroke();
        context.save();
        context.clip();
        if (status === 'degraded') context.fillRect(-ICON_CELL / 2, 0, ICON_CELL, ICON_CELL / 2);
        context.restore();
        if (status === 'offline') {
          context.beginPath();
          context.moveTo(-ICON_CELL / 3, ICON_CELL / 3);
          context.lineTo(ICON_CELL / 3, -ICON_CELL / 3);
          context.stroke();
        }
      }
      context.restore();
    });
  });
  return canvas;
}

/** One kind's symbol, solid, in `colour`, for the legend: the shape the map draws. */
export function drawKindSymbol(canvas: HTMLCanvasElement, kind: CheckpointKind, colour: string): void {
  canvas.width = ICON_CELL;
  canvas.height = ICON_CELL;
  const context = canvas.getContext('2d');
  if (context === null) return;
  context.fillStyle = colour;
  context.translate(ICON_CELL / 2, ICON_CELL / 2);
  shape(context, kind);
  context.fill();
}

function shape(context: CanvasRenderingContext2D, kind: CheckpointKind): void {
  const r = ICON_CELL / 2 - ICON_CELL / 10;
  context.beginPath();
  switch (kind) {
    case 'airport':
      polygon(context, 3, r * 1.1, -Math.PI / 2, r * 0.15);
      break;
    case 'seaport':
      context.rect(-r * 0.78, -r * 0.78, r * 1.56, r * 1.56);
      break;
    case 'land-border':
      polygon(context, 4, r, -Math.PI / 2, 0);
      break;
    case 'market':
      polygon(context, 6, r * 0.92, 0, 0);
      break;
    case 'mobile':
      context.arc(0, 0, r * 0.8, 0, Math.PI * 2);
      break;
  }
  context.closePath();
}

function polygon(context: CanvasRenderingContext2D, sides: number, radius: number, start: number, dy: number): void {
  for (let i = 0; i < sides; i++) {
    const angle = start + (i * 2 * Math.PI) / sides;
    const x = Math.cos(angle) * radius;
    const y = Math.sin(angle) * radius + dy;
    if (i === 0) context.moveTo(x, y);
    else context.lineTo(x, y);
  }
}
