/** A stage of the sales pipeline; `outcome` says whether reaching it closes the deal. */
export interface PipelineStage {
  key: string;
  name: string;
  /** Default chance to win, whole percent, set on a deal when it enters the stage. */
  probability: number;
  outcome: 'open' | 'won' | 'lost';
}

/** The stages a workspace has until it configures its own. */
export const defaultPipelineStages: readonly PipelineStage[] = [
  { key: 'discovery', name: 'Discovery', probability: 10, outcome: 'open' },
  { key: 'demo', name: 'Demo', probability: 25, outcome: 'open' },
  { key: 'proposal', name: 'Proposal', probability: 50, outcome: 'open' },
  { key: 'negotiation', name: 'Negotiation', probability: 75, outcome: 'open' },
  { key: 'closed_won', name: 'Closed won', probability: 100, outcome: 'won' },
  { key: 'closed_lost', name: 'Closed lost', probability: 0, outcome: 'lost' },
];

export interface StageProblem {
  /** JSON pointer into the list of stages. */
  field: string;
  detail: string;
}

const stageKey = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Checks a workspace's pipeline: unique keys, whole-percent probabilities, at least one open
 * stage, exactly one won and one lost stage (deals must be able to close both ways).
 */
export function validatePipelineStages(stages: readonly PipelineStage[]): StageProblem[] {
  const problems: StageProblem[] = [];
  const seen = new Set<string>();
  stages.forEach((s, i) => {
    if (!stageKey.test(s.key))
      problems.push({ field: `/${i}/key`, detail: 'must be lower-case letters, digits and _' });
    else if (seen.has(s.key)) problems.push({ field: `/${i}/key`, detail: `${s.key} appears twice` });
    seen.add(s.key);
    if (!Number.isInteger(s.probability) || s.probability < 0 || s.probability > 100) {
      problems.push({ field: `/${i}/probability`, detail: 'must be a whole percent from 0 to 100' });
    }
    if (s.name.trim() === '') problems.push({ field: `/${i}/name`, detail: 'must not be empty' });
  });
  const count = (outcome: PipelineStage['outcome']) => stages.filter((s) => s.outcome === outcome).length;
  if (count('open') === 0) problems.push({ field: '', detail: 'needs at least one open stage' });
  if (count('won') !== 1) problems.push({ field: '', detail: 'needs exactly one won stage' });
  if (count('lost') !== 1) problems.push({ field: '', detail: 'needs exactly one lost stage' });
  return problems;
}

/** The stage a deal's status implies when the caller closes it without naming a stage. */
export function closingStage(
  stages: readonly PipelineStage[],
  outcome: 'won' | 'lost',
): PipelineStage | undefined {
  return stages.find((s) => s.outcome === outcome);
}
