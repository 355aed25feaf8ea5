export * from './pick-rep.js';
export * from './route.js';
export * from './types.js';
export * from './validate-rules.js';
