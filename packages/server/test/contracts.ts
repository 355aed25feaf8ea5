import { exampleContract } from '../src/core/scoring/example-contract.js';
import { newId } from '../src/id.js';
import type { Executor } from '../src/store/executor.js';

const day = 86_400_000;

/**
 * Stores version 1 of a lead contract as signed 30 days and in force 20 days before `atMs`,
 * the way the demo stores its contract, so it governs every event a test sends after that.
 */
export async function insertActiveContract(
  db: Executor,
  workspaceId: string,
  atMs: number,
  document: unknown = exampleContract,
): Promise<void> {
  const signed = new Date(atMs - 30 * day);
  const inForce = new Date(atMs - 20 * day);
  await db
    .insertInto('lead_contract')
    .values({
      workspace_id: workspaceId,
      id: newId(),
      version: 1,
      status: 'active',
      document: JSON.stringify(document),
      source_format: 'json',
      source: null,
      author_id: null,
      created_at: signed,
      updated_at: signed,
      submitted_at: signed,
      effective_at: inForce,
      activated_at: inForce,
    })
    .execute();
}
