// @vitest-environment happy-dom
import i18next from 'i18next';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en';
import { PanelBoundary, ROOT_ERROR_OPTIONS } from './PanelBoundary';

/** A panel that throws shows its failure in its own space; the rest of the screen stays, and it can be reloaded. */
const i18n = i18next.createInstance();
beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  await i18n.use(initReactI18next).init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});

/** Whether the queue panel's content throws when it next renders, as a hit stamped beyond any date once did. */
let queueBroken = false;
let queueMounts = 0;

function QueueContent() {
  if (queueBroken) throw new RangeError('Invalid time value');
  queueMounts += 1;
  return <p>12 open alerts</p>;
}

function Screen() {
  return (
    <I18nextProvider i18n={i18n}>
      <section data-testid="queue">
        <PanelBoundary panel="queue">
          <QueueContent />
        </PanelBoundary>
      </section>
      <section data-testid="status">
        <PanelBoundary panel="status">
          <p>Operation HARMATTAN, active</p>
        </PanelBoundary>
      </section>
    </I18nextProvider>
  );
}

let host: HTMLElement;
let root: Root;
const errors = vi.fn();

beforeEach(() => {
  queueBroken = false;
  queueMounts = 0;
  errors.mockClear();
  vi.spyOn(console, 'error').mockImplementation(errors);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host, ROOT_ERROR_OPTIONS);
});

afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.restoreAllMocks();
});

const text = (testId: string) => host.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';

describe('PanelBoundary', () => {
  it('given a panel that throws while rendering, then it shows which panel failed and why, and the others stay', () => {
    queueBroken = true;
    act(() => root.render(<Screen />));

    expect(text('queue')).toContain('Alert queue stopped working.');
    expect(text('queue')).toContain('Invalid time value');
    expect(host.querySelector('[data-testid="queue"] [role="alert"]')).not.toBeNull();
    expect(text('status')).toBe('Operation HARMATTAN, active');
  });

  it('given a panel failed, then the failure is logged once, with the panel name', () => {
    queueBroken = true;
    act(() => root.render(<Screen />));

    const logged = errors.mock.calls.map((call) => String(call[0]));
    expect(logged.filter((line) => line.includes('queue panel failed: Invalid time value'))).toHaveLength(1);
    expect(logged).toHaveLength(1);
  });

  it('given the cause has gone, when "Reload panel" is pressed, then the panel mounts afresh', () => {
    queueBroken = true;
    act(() => root.render(<Screen />));
    queueBroken = false;

    const reload = host.querySelector<HTMLButtonElement>('[data-testid="queue"] button');
    expect(reload?.textContent).toBe('Reload panel');
    expect(reload?.type).toBe('button');
    reload!.focus();
    expect(document.activeElement).toBe(reload);
    act(() => reload!.click());

    expect(text('queue')).toBe('12 open alerts');
    expect(queueMounts).toBe(1);
    expect(text('status')).toBe('Operation HARMATTAN, active');
  });
});
