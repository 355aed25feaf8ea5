import { describe, expect, it } from 'vitest';
import type { WorkspaceUser } from './settings-api.js';
import { changedFields } from './user-changes.js';

const user: WorkspaceUser = {
  id: 'u1',
  email: 'ada@example.test',
  name: 'Ada',
  role: 'sales_rep',
  teamId: 't1',
  partnerId: null,
  status: 'active',
  outOfOffice: false,
};
const same = { name: 'Ada', role: user.role, teamId: user.teamId, status: user.status, outOfOffice: false };

describe('changedFields', () => {
  it('sends nothing when nothing changed (whitespace around the name does not count)', () => {
    expect(changedFields(user, same)).toEqual({});
    expect(changedFields(user, { ...same, name: ' Ada ' })).toEqual({});
  });

  it('sends each changed field, including clearing the team', () => {
    expect(changedFields(user, { ...same, teamId: null })).toEqual({ teamId: null });
    expect(
      changedFields(user, {
        name: 'Ada L.',
        role: 'sales_manager',
        teamId: 't2',
        status: 'disabled',
        outOfOffice: true,
      }),
    ).toEqual({ name: 'Ada L.', role: 'sales_manager', teamId: 't2', status: 'disabled', outOfOffice: true });
  });
});
