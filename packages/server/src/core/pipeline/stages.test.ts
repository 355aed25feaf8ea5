import { describe, expect, it } from 'vitest';
import { defaultPipelineStages, validatePipelineStages } from './stages.js';

describe('pipeline stages', () => {
  it('accepts the defaults', () => {
    expect(validatePipelineStages(defaultPipelineStages)).toEqual([]);
  });

  it('names each problem', () => {
    const problems = validatePipelineStages([
      { key: 'a', name: 'A', probability: 10, outcome: 'open' },
      { key: 'a', name: '', probability: 101, outcome: 'won' },
    ]);
    expect(problems).toEqual([
      { field: '/1/key', detail: 'a appears twice' },
      { field: '/1/probability', detail: 'must be a whole percent from 0 to 100' },
      { field: '/1/name', detail: 'must not be empty' },
      { field: '', detail: 'needs exactly one lost stage' },
    ]);
  });
});
