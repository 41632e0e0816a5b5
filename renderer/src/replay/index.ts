/** Replay screens' building blocks: props-only components and their strings, for the screen to wire in. */
export { TimelineBar, type TimelineBarProps } from './TimelineBar';
export { PlaybackControls, type PlaybackControlsProps } from './PlaybackControls';
export { useReplayText, type ReplayTextKey } from './text';
export { shownRange, togglePlayAction, zoomFor, type Zoom } from './timeline-geometry';
export { TimelineShortcuts } from './TimelineShortcuts';
export { ModeBand } from './ModeBand';
export { viewModeOf, type ViewMode } from './view-mode';
