import { createHitHistogram, createMarkerTrack, livePlayer, reducePlayer, replayPlayer } from '@watchfloor/shared';
import { T0, hitRaised } from '@watchfloor/shared/testing';
import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ModeBand } from './ModeBand';
import { PlaybackControls } from './PlaybackControls';
import { TimelineBar } from './TimelineBar';

/** The components render on the server too, so their text and structure can be checked without a browser. */
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

const HOUR = 3_600_000;
const WALL = Date.UTC(2026, 11, 1, 12);
const render = (node: React.ReactNode) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>);
const noop = () => undefined;

describe('replay components', () => {
  it('given a replay standing still, when the controls render, then the mode says paused and playback is offered', () => {
    const player = replayPlayer({ start: T0, end: T0 + HOUR, now: WALL, running: false, loaded: [{ from: T0, to: T0 + HOUR }] });
    const html = render(<PlaybackControls player={player} onAction={noop} onStep={noop} view={{ from: T0, to: T0 + HOUR }} />);
    expect(html).toContain('data-mode="paused"');
    expect(html).toContain('Play');
    expect(html).not.toContain('Return to live');
  });

  it('given a timeshift with missed critical hits, when the controls render, then Return to live carries the count', () => {
    const paused = reducePlayer(livePlayer({ start: T0, now: WALL }), { type: 'pause' }, WALL).state;
    const player = reducePlayer(paused, { type: 'recorded', criticalRaised: 3 }, WALL + 1).state;
    const html = render(<PlaybackControls player={player} onAction={noop} onStep={noop} view={{ from: T0, to: WALL }} />);
    expect(html).toContain('Return to live');
    expect(html).toContain('3 critical since pause');
  });

  it('given the bar, when rendered, then it is a labelled slider with UTC and local times and the histogram drawn', () => {
    const player = replayPlayer({ start: T0, end: T0 + HOUR, now: WALL, running: false, loaded: [{ from: T0, to: T0 + HOUR }] });
    const histogram = createHitHistogram(T0);
    histogram.add([hitRaised(1), hitRaised(2, { id: 'hit-2' })]);
    const html = render(
      <TimelineBar
        player={player}
        view={{ from: T0, to: T0 + HOUR }}
        onViewChange={noop}
        histogram={histogram}
        markers={createMarkerTrack().markers}
        timeZone="Africa/Lagos"
        onSeek={noop}
        onStep={noop}
        onTogglePlay={noop}
      />,
    );
    expect(html).toContain('role="slider"');
    expect(html).toContain('aria-valuetext="22 Nov 2026, 08:00:00 UTC, 09:00:00 Africa/Lagos"');
    expect(html).toMatch(/class="timeline__bars" d="M0,/);
    expect(html).toContain('UTC');
    expect(html).toContain('Local');
  });

  it('given a zoomed range the playhead has left, when the bar renders, then it says on which side and offers to show it', () => {
    const player = replayPlayer({ start: T0, end: T0 + HOUR, now: WALL, running: false, loaded: [{ from: T0, to: T0 + HOUR }] });
    const html = render(
      <TimelineBar
        player={player}
        view={{ from: T0 + HOUR / 2, to: T0 + HOUR }}
        onViewChange={noop}
        histogram={createHitHistogram(T0)}
        markers={[]}
        timeZone="UTC"
        onSeek={noop}
        onStep={noop}
        onTogglePlay={noop}
      />,
    );
    expect(html).toContain('Playhead at 08:00:00 UTC is before this range: show it');
  });

  it('given a paused live view, when the band renders, then it names the mode, the moment, and the way back; live, nothing', () => {
    const live = livePlayer({ start: T0, now: WALL });
    const paused = reducePlayer(live, { type: 'pause' }, WALL).state;
    const html = render(<ModeBand player={paused} onReturnToLive={noop} />);
    expect(html).toContain('data-mode="paused"');
    expect(html).toContain('Live view paused at 12:00:00 UTC');
    expect(html).toContain('Return to live');
    expect(render(<ModeBand player={live} onReturnToLive={noop} />)).toBe('');
  });
});
