/** The console's own alarm for new critical hits: sound, tab title, browser notification, announcement. */
export { useAlarm } from './use-alarm';
export { AlarmControls } from './AlarmControls';
