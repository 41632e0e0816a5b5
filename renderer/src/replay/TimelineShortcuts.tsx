import { useReplayText, type ReplayTextKey } from './text';

/**
 * The timeline's keys for the `?` sheet: the console-wide ones (pause, return to live, focus the bar) and
 * those of the focused bar (`keyIntent`), each with what it does.
 */
const TIMELINE_SHORTCUTS: readonly (readonly [string, ReplayTextKey])[] = [
  ['p', 'shortcuts.pause'],
  ['l', 'shortcuts.returnToLive'],
  ['t', 'shortcuts.focus'],
  ['Space', 'shortcuts.space'],
  ['← / →', 'shortcuts.step'],
  ['Shift + ← / →', 'shortcuts.jump'],
  ['Home / End', 'shortcuts.ends'],
  ['Shift + drag', 'shortcuts.zoom'],
];

export function TimelineShortcuts() {
  const say = useReplayText();
  return (
    <section aria-labelledby="timeline-shortcuts-heading" data-testid="timeline-shortcuts">
      <h3 className="shortcuts__heading" id="timeline-shortcuts-heading">
        {say('shortcuts.heading')}
      </h3>
      <table className="shortcuts">
        <tbody>
          {TIMELINE_SHORTCUTS.map(([keys, label]) => (
            <tr key={label}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{say(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
