// The DOM-free core, for tests and for tools that build messages the way the snippet does.

export type { LoadOptions, Tandem } from './browser/tandem.js';
export * from './core/batch.js';
export * from './core/engagement.js';
export * from './core/message.js';
export * from './core/queue.js';
export * from './core/retry.js';
export type * from './core/types.js';
