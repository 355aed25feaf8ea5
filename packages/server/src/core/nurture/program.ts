/**
 * A nurture program: an ordered list of steps a lead walks through. Steps run in order; a
 * condition jumps forward to another step. Jumps only go forward, so every enrollment ends and
 * no step runs twice for one enrollment.
 *
 * @example
 * [
 *   { id: 'welcome', type: 'email', templateId: '…' },
 *   { id: 'pause', type: 'wait', minutes: 2880 },
 *   { id: 'engaged?', type: 'condition', if: 'engaged', goTo: 'done', otherwise: 'reminder' },
 *   { id: 'reminder', type: 'email', templateId: '…' },
 *   { id: 'done', type: 'exit' },
 * ]
 */
export type NurtureStep =
  | { id: string; type: 'email'; templateId: string }
  | { id: string; type: 'wait'; minutes: number }
  | {
      id: string;
      type: 'condition';
      /**
       * engaged: an open or click of any email of this enrollment since enrolment;
       * opened / clicked: the most recent email sent by this enrollment.
       */
      if: NurtureCondition;
      /** Step ids to go to (goTo) when the condition holds or not; must come later in the program. */
      goTo: string;
      otherwise: string;
    }
  | { id: string; type: 'exit' };

export const nurtureConditions = ['engaged', 'opened', 'clicked'] as const;
export type NurtureCondition = (typeof nurtureConditions)[number];
export const nurtureStepTypes = ['email', 'wait', 'condition', 'exit'] as const;

export interface StepProblem {
  /** JSON pointer into the steps array, e.g. `/steps/2/goTo`. */
  field: string;
  detail: string;
}

/** Longest wait a step may hold: a year. */
export const maxWaitMinutes = 366 * 24 * 60;

/** Checks a program's steps; returns the first problem or null. */
export function checkSteps(steps: readonly NurtureStep[]): StepProblem | null {
  const index = new Map<string, number>();
  for (const [i, step] of steps.entries()) {
    if (index.has(step.id)) return { field: `/steps/${i}/id`, detail: `step id ${step.id} is used twice` };
    index.set(step.id, i);
  }
  for (const [i, step] of steps.entries()) {
    if (
      step.type === 'wait' &&
      !(Number.isInteger(step.minutes) && step.minutes >= 0 && step.minutes <= maxWaitMinutes)
    )
      return {
        field: `/steps/${i}/minutes`,
        detail: `must be a whole number of minutes from 0 to ${maxWaitMinutes}`,
      };
    if (step.type !== 'condition') continue;
    for (const key of ['goTo', 'otherwise'] as const) {
      const target = index.get(step[key]);
      if (target === undefined)
        return { field: `/steps/${i}/${key}`, detail: `no step has the id ${step[key]}` };
      if (target <= i) return { field: `/steps/${i}/${key}`, detail: 'a condition may only jump forward' };
    }
  }
  return null;
}

/** Template ids the program's email steps use. */
export const templatesOf = (steps: readonly NurtureStep[]): string[] => [
  ...new Set(steps.flatMap((s) => (s.type === 'email' ? [s.templateId] : []))),
];
