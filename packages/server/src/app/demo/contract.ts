import { exampleContract } from '../../core/scoring/example-contract.js';
import type { DemoContext, Row } from './context.js';
import { day } from './random.js';

/** The version every demo MQL records. */
export const demoContractVersion = 1;

/**
 * The demo's lead contract: the example contract as version 1, drafted by marketing, signed by
 * marketing and the sales manager, and in force from before the first generated lead.
 * Generated last, so its ids draw nothing from the sequence the other demo rows use.
 */
export function generateContract(ctx: DemoContext): {
  contract: Row<'lead_contract'>;
  approvals: Row<'lead_contract_approval'>[];
} {
  const draftedMs = ctx.startMs - 20 * day;
  const marketingSignedMs = draftedMs + 2 * day;
  const salesSignedMs = draftedMs + 3 * day;
  const id = ctx.id(draftedMs);
  const approval = (side: 'marketing' | 'sales', userId: string, atMs: number, comment: string) => ({
    workspace_id: ctx.workspaceId,
    id: ctx.id(atMs),
    contract_id: id,
    user_id: userId,
    side,
    decision: 'approve' as const,
    comment,
    at: new Date(atMs),
  });
  return {
    contract: {
      workspace_id: ctx.workspaceId,
      id,
      version: demoContractVersion,
      status: 'active',
      document: JSON.stringify(exampleContract),
      source_format: 'json',
      source: null,
      author_id: ctx.users.marketing,
      created_at: new Date(draftedMs),
      updated_at: new Date(salesSignedMs),
      submitted_at: new Date(draftedMs + day),
      effective_at: new Date(salesSignedMs),
      activated_at: new Date(salesSignedMs),
      rolled_back_from: null,
      note: 'Our first agreement on what a qualified lead is.',
    },
    approvals: [
      approval('marketing', ctx.users.marketing, marketingSignedMs, 'Matches our ideal customer profile.'),
      approval('sales', ctx.users.manager, salesSignedMs, 'Agreed; four hours to accept or return.'),
    ],
  };
}
