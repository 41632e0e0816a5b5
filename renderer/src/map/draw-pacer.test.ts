import { describe, expect, it } from 'vitest';
import { createDrawPacer } from './draw-pacer';

describe('createDrawPacer', () => {
  it('given an idle GPU, when the picture changes, then it is handed over two frames later, never in the frame that carries the change', () => {
    const pacer = createDrawPacer();
    pacer.changed(10);
    expect(pacer.take(0, 10)).toBe(false);
    expect(pacer.take(16, 11)).toBe(false);
    expect(pacer.take(32, 12)).toBe(true);
    expect(pacer.waiting).toBe(false);
  });

  it('given a draw on the GPU, when more changes come, then they wait until the GPU reports it done and are drawn as one', () => {
    const pacer = createDrawPacer({ cooldownRatio: 0 });
    pacer.changed(1);
    expect(pacer.take(0, 3)).toBe(true);
    pacer.drawStarted(0);
    pacer.changed(3);
    pacer.changed(4);
    expect(pacer.take(900, 5)).toBe(false);
    expect(pacer.drawing).toBe(true);
    pacer.drawFinished(1_000);
    expect(pacer.take(1_000, 6)).toBe(true);
    expect(pacer.take(1_000, 8)).toBe(false);
  });

  it('given a draw that cost 300 ms, when the next change comes, then the GPU is left to the console for twice that before it is drawn', () => {
    const pacer = createDrawPacer({ cooldownRatio: 2 });
    pacer.drawStarted(0);
    pacer.drawFinished(300);
    pacer.changed(1);
    expect(pacer.take(899, 50)).toBe(false);
    expect(pacer.take(900, 51)).toBe(true);
  });

  it('given a very costly draw, when the next change comes, then it waits no longer than the longest cooldown', () => {
    const pacer = createDrawPacer({ cooldownRatio: 2, maxCooldownMs: 4_000 });
    pacer.drawStarted(0);
    pacer.drawFinished(10_000);
    pacer.changed(1);
    expect(pacer.take(13_999, 3)).toBe(false);
    expect(pacer.take(14_000, 4)).toBe(true);
  });

  it('given cheap draws, when changes come frame after frame, then each is handed over two frames after it', () => {
    const pacer = createDrawPacer();
    for (let frame = 1; frame <= 10; frame += 2) {
      const now = frame * 16;
      pacer.changed(frame);
      expect(pacer.take(now + 32, frame + 2)).toBe(true);
      pacer.drawStarted(now + 32);
      pacer.drawFinished(now + 34);
    }
  });

  it('given several draws submitted back to back, when the GPU reports the last done, then their cost is counted from the first', () => {
    const pacer = createDrawPacer({ cooldownRatio: 1 });
    pacer.drawStarted(0);
    pacer.drawStarted(100);
    pacer.drawFinished(500);
    pacer.changed(1);
    expect(pacer.take(999, 3)).toBe(false);
    expect(pacer.take(1_000, 4)).toBe(true);
  });

  it('given a draw the GPU never reports done, when the lost-draw time passes, then it counts as done and changes are drawn again', () => {
    const pacer = createDrawPacer({ lostDrawMs: 10_000, maxCooldownMs: 1_000 });
    pacer.drawStarted(0);
    pacer.changed(1);
    expect(pacer.expireLostDraw(9_999)).toBe(false);
    expect(pacer.take(9_999, 3)).toBe(false);
    expect(pacer.expireLostDraw(10_000)).toBe(true);
    expect(pacer.drawing).toBe(false);
    expect(pacer.take(11_000, 4)).toBe(true);
  });

  it('given nothing changed, when frames pass, then nothing is drawn', () => {
    const pacer = createDrawPacer();
    expect(pacer.take(1_000, 100)).toBe(false);
    expect(pacer.waiting).toBe(false);
  });
});
