/** The coordination hub as a library: what the CLI, the embedded desktop process and the tests start. */
export { startHub, type HubHooks, type RunningHub } from './hub';
export { HubConfig, readConfig, readLanguageSetting, USAGE } from './config';
export { DEMO_USERS } from './auth/officers';
export { busyPortMessage, demoUsersLine } from './startup-lines';
export { hashPassword } from './auth/passwords';
export { SHARED_KEY_SOURCE, type IngestSource } from './auth/ingest-keys';
export { DEMO_OPERATION_ID } from './sim/simulator';
