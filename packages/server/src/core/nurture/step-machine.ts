import { consentAllows, type EmailConsent } from './consent.js';
import type { NurtureStep } from './program.js';

export const exitReasons = [
  'mql',
  'replied',
  'unsubscribed',
  'bounced',
  'suppressed',
  'no_consent',
  'no_email',
  'program_exit',
  'manual',
] as const;
export type ExitReason = (typeof exitReasons)[number];

/** What is known about an enrollment when it is advanced. */
export interface EnrollmentFacts {
  now: Date;
  /** The lead reached MQL (or a later funnel stage) again. */
  mql: boolean;
  replied: boolean;
  unsubscribed: boolean;
  bounced: boolean;
  /** The address is on the suppression list (any reason). */
  suppressed: boolean;
  /** The contact's email consent: an explicit `denied` always stops sending. */
  consent: EmailConsent;
  /** The program sends only to contacts who granted consent. */
  requireOptIn: boolean;
  /** The contact has an email address to send to. */
  hasEmail: boolean;
  /** Any email of this enrollment was opened or clicked. */
  engaged: boolean;
  /** The most recent email this enrollment sent (null before the first). */
  lastEmail: { opened: boolean; clicked: boolean } | null;
  /** Steps that already sent an email for this enrollment. */
  sentSteps: ReadonlySet<string>;
}

export interface EnrollmentPosition {
  status: 'active' | 'completed' | 'exited';
  /** The step to run next; null when the program has no step left. */
  stepId: string | null;
}

/**
 * The outcome of advancing an enrollment at `facts.now`:
 * - `send`: send the email of `stepId` now, then continue at `next` (null: the program ends),
 *   due at `nextAt`;
 * - `wait`: nothing to send; continue at `next` at `nextAt`;
 * - `complete`: the program ran to its end;
 * - `exit`: leave the program for `reason`;
 * - `none`: the enrollment is already over.
 */
export type Advance =
  | { kind: 'send'; stepId: string; templateId: string; next: string | null; nextAt: Date }
  | { kind: 'wait'; next: string | null; nextAt: Date }
  | { kind: 'complete' }
  | { kind: 'exit'; reason: ExitReason }
  | { kind: 'none' };

/** Why an enrollment must leave now, if it must (checked before every step). */
export function exitReasonOf(facts: EnrollmentFacts): ExitReason | null {
  if (facts.unsubscribed) return 'unsubscribed';
  if (facts.bounced) return 'bounced';
  if (facts.replied) return 'replied';
  if (facts.mql) return 'mql';
  if (facts.suppressed) return 'suppressed';
  if (!consentAllows(facts.consent, facts.requireOptIn)) return 'no_consent';
  if (!facts.hasEmail) return 'no_email';
  return null;
}

const conditionHolds = (step: Extract<NurtureStep, { type: 'condition' }>, facts: EnrollmentFacts) => {
  switch (step.if) {
    case 'engaged':
      return facts.engaged;
    case 'opened':
      return facts.lastEmail?.opened === true;
    case 'clicked':
      return facts.lastEmail?.clicked === true;
  }
};

/**
 * Runs the program from the enrollment's position until it has something to do: conditions
 * are decided at once, an email step sends, a wait step schedules the step after it. An email
 * step that already sent (a repeated run) is passed over, never sent twice. Steps are validated
 * to jump only forward, but the walk is bounded anyway.
 */
export function advanceEnrollment(
  steps: readonly NurtureStep[],
  position: EnrollmentPosition,
  facts: EnrollmentFacts,
): Advance {
  if (position.status !== 'active') return { kind: 'none' };
  const reason = exitReasonOf(facts);
  if (reason) return { kind: 'exit', reason };
  const indexOf = new Map(steps.map((s, i) => [s.id, i]));
  let i = position.stepId === null ? steps.length : (indexOf.get(position.stepId) ?? steps.length);
  const following = (at: number): string | null => steps[at + 1]?.id ?? null;
  for (let guard = 0; guard <= steps.length; guard++) {
    const step = steps[i];
    if (!step) return { kind: 'complete' };
    switch (step.type) {
      case 'exit':
        return { kind: 'exit', reason: 'program_exit' };
      case 'wait':
        return {
          kind: 'wait',
          next: following(i),
          nextAt: new Date(facts.now.getTime() + step.minutes * 60_000),
        };
      case 'email':
        if (facts.sentSteps.has(step.id)) {
          i++;
          continue;
        }
        return {
          kind: 'send',
          stepId: step.id,
          templateId: step.templateId,
          next: following(i),
          nextAt: facts.now,
        };
      case 'condition': {
        const target = indexOf.get(conditionHolds(step, facts) ? step.goTo : step.otherwise);
        // A backward or unknown jump would be refused at validation; end rather than loop.
        if (target === undefined || target <= i) return { kind: 'complete' };
        i = target;
      }
    }
  }
  return { kind: 'complete' };
}
