import { describe, expect, it } from 'vitest';
import { describeProblem, importKindsFor, progressPercent } from './imports-api.js';

describe('imports', () => {
  it('offers each role the imports the server allows it', () => {
    expect(importKindsFor('marketing').map((k) => k.kind)).toEqual(['campaign-costs', 'contacts']);
    expect(importKindsFor('admin')).toHaveLength(3);
    expect(importKindsFor('sales_rep')).toEqual([]);
  });

  it('says a problem with its line and column', () => {
    expect(describeProblem({ line: 3, column: 'reason', reason: 'is required for a lost deal' })).toBe(
      'Line 3, reason: is required for a lost deal',
    );
    expect(describeProblem({ line: 1, column: null, reason: 'missing column email' })).toBe(
      'Line 1: missing column email',
    );
  });

  it('measures the upload, full once the server is working', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ loaded: 25, total: 100, processing: false })).toBe(25);
    expect(progressPercent({ loaded: 0, total: 0, processing: true })).toBe(100);
  });
});
