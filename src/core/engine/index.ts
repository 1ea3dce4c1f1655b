// The engine's public surface.
export { createSwitchboard } from './createSwitchboard';
export type { CreateSwitchboardOptions } from './createSwitchboard';
export { DEFAULT_DEADLINES, deadlinesFrom } from './deadlines';
export { PartialAnswerError, resultOf, shouldFailOver } from './requestErrors';
export { PROVIDER_REGISTRY } from './providerRegistry';
export type * from './types';
