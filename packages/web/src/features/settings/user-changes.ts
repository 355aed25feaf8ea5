import type { UpdateUserInput, WorkspaceUser } from './settings-api.js';

/** Only what changed is sent, so a concurrent edit of another field is not overwritten. */
export function changedFields(before: WorkspaceUser, after: Required<UpdateUserInput>): UpdateUserInput {
  const changes: UpdateUserInput = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if (after.role !== before.role) changes.role = after.role;
  if (after.teamId !== before.teamId) changes.teamId = after.teamId;
  if (after.status !== before.status) changes.status = after.status;
  if (after.outOfOffice !== before.outOfOffice) changes.outOfOffice = after.outOfOffice;
  return changes;
}
