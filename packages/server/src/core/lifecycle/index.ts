export * from './policy.js';
export * from './transition.js';
export * from './transitions.js';
