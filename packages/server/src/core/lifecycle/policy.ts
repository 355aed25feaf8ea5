/** A reason a lead may be returned, recycled or disqualified with. */
export interface ReasonOption {
  code: string;
  label?: string;
  /** A free-text note must accompany this reason (e.g. "other"). */
  noteRequired?: boolean;
}

/** The contract-derived rules the lifecycle guards apply. */
export interface LifecyclePolicy {
  reasons: {
    reject: readonly ReasonOption[];
    recycle: readonly ReasonOption[];
    disqualify: readonly ReasonOption[];
  };
  /** Days a lead stays in a side stage before it may re-enter nurture. */
  cooldownDays: { recycled: number; disqualified: number };
}

/** The reason lists of a lead contract (see docs/lead-contract.md). */
export interface ContractReasons {
  reject: ReadonlyArray<{ code: string; label?: string }>;
  recycle: ReadonlyArray<{ code: string; label?: string }>;
}

/** Codes that always need a note: a bare "other" tells marketing nothing. */
export const noteRequiredCodes: readonly string[] = ['other'];

/**
 * Lifecycle rules from a contract's reason lists. Contracts carry reject and recycle reasons;
 * disqualification uses the reject list unless one is given.
 * @example lifecyclePolicyFromContract(contract.reasons, { cooldownDays: { recycled: 30, disqualified: 180 } })
 */
export function lifecyclePolicyFromContract(
  reasons: ContractReasons,
  options: {
    cooldownDays?: { recycled: number; disqualified: number };
    disqualify?: ReadonlyArray<{ code: string; label?: string }>;
    noteRequired?: readonly string[];
  } = {},
): LifecyclePolicy {
  const needsNote = new Set(options.noteRequired ?? noteRequiredCodes);
  const list = (items: ReadonlyArray<{ code: string; label?: string }>): ReasonOption[] =>
    items.map((r) => ({ ...r, noteRequired: needsNote.has(r.code) }));
  return {
    reasons: {
      reject: list(reasons.reject),
      recycle: list(reasons.recycle),
      disqualify: list(options.disqualify ?? reasons.reject),
    },
    cooldownDays: options.cooldownDays ?? { recycled: 30, disqualified: 180 },
  };
}
