import type { LeadContract } from '@tandem/contracts';
import { compileContract } from '../../core/scoring/index.js';
import type { CompiledContract } from '../../core/scoring/types.js';
import type { LeadContractRow } from '../../store/schema.js';

/** A signed version never changes, so its compiled form is kept per contract row id. */
const cache = new Map<string, CompiledContract>();
const cacheLimit = 256;

/** The contract in force, compiled once per version and process. */
export interface ContractInForce {
  version: number;
  compiled: CompiledContract;
}

export function compiledContract(row: LeadContractRow): ContractInForce {
  let compiled = cache.get(row.id);
  if (!compiled) {
    // Stored only after validateContract accepted it.
    compiled = compileContract(row.document as unknown as LeadContract);
    if (cache.size >= cacheLimit) cache.clear();
    cache.set(row.id, compiled);
  }
  return { version: row.version, compiled };
}
