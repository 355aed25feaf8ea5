import { type Role, roles } from '@tandem/contracts';
import { roleLabel } from '../shell/nav-items.js';
import type { Team } from './settings-api.js';

// Partner users belong to a partner company, which is set up with deal registration, not here.
export const assignableRoles: readonly Role[] = roles.filter((role) => role !== 'partner');

export const roleOptions = assignableRoles.map((role) => ({ value: role, label: roleLabel(role) }));

export function teamOptions(teams: readonly Team[] | undefined): Array<{ value: string; label: string }> {
  return (teams ?? []).map((team) => ({ value: team.id, label: `${team.name} (${team.kind})` }));
}

export function isRole(value: string | null): value is Role {
  return value !== null && (roles as readonly string[]).includes(value);
}
