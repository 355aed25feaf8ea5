import { settleInForce } from '../app/lead-contract-queries.js';
import { contractActivationKind, rescoreChunk, rescoreChunkKind } from '../app/rescoring.js';
import type { JobDefinition } from './catalog.js';

/**
 * One chunk of background rescoring per timer: the chunk's writes, the run's cursor and the
 * next chunk's timer commit with the timer's completion, so a crash or restart resumes at the
 * last committed chunk and never rescores a chunk twice.
 */
export function rescoreChunkJob(options: { chunkSize?: number } = {}): JobDefinition {
  return {
    kind: rescoreChunkKind,
    async handle({ db, now, timer, log }) {
      const runId = String(timer.payload.runId ?? timer.subject_id);
      const outcome = await rescoreChunk(db, {
        workspaceId: timer.workspace_id,
        runId,
        now,
        ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      });
      if (outcome.rescored > 0 || outcome.newMqls > 0) {
        log.info({ workspaceId: timer.workspace_id, runId, ...outcome }, 'rescored a chunk of leads');
      }
    },
  };
}

/**
 * A signed version's effective time has come: settle the statuses, which activates it and
 * starts its rescoring. Idempotent: once active, settling changes nothing.
 */
export const contractActivationJob: JobDefinition = {
  kind: contractActivationKind,
  async handle({ db, now, timer }) {
    await settleInForce(db, timer.workspace_id, now);
  },
};
