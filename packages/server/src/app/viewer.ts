import type { Role } from '@tandem/contracts';

/**
 * Who is asking. Every read of access-controlled records goes through the store's access rules
 * with a Viewer (see store/access.ts); there is no query path around them.
 */
export interface Viewer {
  workspaceId: string;
  /** null for a secret API key, which acts as a workspace administrator. */
  userId: string | null;
  role: Role;
  teamId: string | null;
  partnerId: string | null;
}
