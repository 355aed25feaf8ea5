export * from './consent.js';
export * from './enrollment-rules.js';
export * from './program.js';
export * from './step-machine.js';
export * from './template.js';
export * from './tracking.js';
