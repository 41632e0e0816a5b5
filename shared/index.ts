/** The pure core shared by hub, renderer and desktop shell: domain model, wire protocol, alert rules, time. */
export * from './domain/model';
export * from './domain/severity';
export * from './protocol/events';
export * from './protocol/commands';
export * from './protocol/messages';
export * from './alerts/lifecycle';
export * from './alerts/authorize';
export * from './alerts/escalation';
export * from './alerts/optimistic';
export * from './ops/state';
export * from './replay/index';
export * from './time/format';
export * from './bridge/ipc';
export * from './bridge/desktop-alerts';
export * from './bridge/bureau-config';
export * from './bridge/embedded-hub';
export * from './validation';
