/** Timer kinds of nurture jobs and their dedupe keys. */
export const nurtureStepKind = 'nurture.step';
export const nurtureSweepKind = 'nurture.sweep';
export const nurtureTrackKind = 'nurture.track';

/** Advance number `seq` of an enrollment: one timer each, so a stale one is recognised. */
export const stepKey = (enrollmentId: string, seq: number) => `${nurtureStepKind}:${enrollmentId}:${seq}`;
export const trackKey = (messageId: string) => `${nurtureTrackKind}:${messageId}`;
