export * from './columns.js';
export { exportCell, formulaGuard, startsFormula } from './formula-guard.js';
export * from './validate-rows.js';
