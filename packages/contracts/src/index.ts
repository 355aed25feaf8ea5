export * from './backtest.js';
export * from './errors.js';
export * from './lead-contract.js';
export * from './roles.js';
