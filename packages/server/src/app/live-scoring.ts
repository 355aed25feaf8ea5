import {
  type InterestState,
  type InterestStateJson,
  interestStateFromJson,
  newInterestState,
} from '../core/scoring/index.js';
import { applyEventInPlace, compareEvents } from '../core/scoring/interest-state.js';
import type { ScoringEvent } from '../core/scoring/types.js';
import { newId } from '../id.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import { findContractInForce } from '../store/lead-contract.repo.js';
import {
  contactEvents,
  insertOpenLeads,
  insertRuleTransitions,
  type LeadScoreUpdate,
  lockScoringLeads,
  type RuleTransition,
  type ScoringEventRow,
  type ScoringLeadRow,
  updateLeadScores,
} from '../store/lead-score.repo.js';
import { handOffNewMqls } from './hand-off.js';
import { type ContractInForce, compiledContract } from './scoring/compiled-contracts.js';
import { decideScore, type ScoreDecision } from './scoring/decide-score.js';
import { affectsInterest, leadSource, toScoringEvents, toSubject } from './scoring/scoring-rows.js';

/** The funnel every ingested lead starts in. */
export const defaultFunnel = 'default';

/** What one ingest flush hands to live scoring, per workspace. */
export interface LiveScoringInput {
  /** Events stored by this flush, with contact and account as they stand after identity. */
  events: readonly ScoringEventRow[];
  /** Contacts to whom this flush attached earlier events: their leads are replayed. */
  stitchedContacts: readonly string[];
}

export interface LiveScoringResult {
  leadsCreated: number;
  leadsScored: number;
  replayed: number;
  qualified: string[];
}

const none: LiveScoringResult = { leadsCreated: 0, leadsScored: 0, replayed: 0, qualified: [] };

/**
 * Scores a flush's events inside the ingest transaction: opens a lead (stage 'lead', funnel
 * 'default') for each contact without one, applies each lead's new events in time order to its
 * stored interest state (O(1) per event), recomputes fit from the contact and account (group
 * calls reach every open lead at that account), and moves leads that meet the MQL condition to
 * 'mql'. A lead whose state cannot be continued (no state yet, another contract version, earlier
 * events attached, or an event older than its last one) is replayed from the database. Set-based:
 * one read of the leads, one of the events to replay, one update, one insert of transitions.
 * Without a contract in force, leads are still opened but not scored.
 */
export async function scoreEventsLive(
  trx: Executor,
  workspaceId: string,
  input: LiveScoringInput,
  now: Date,
): Promise<LiveScoringResult> {
  const byContact = new Map<string, ScoringEventRow[]>();
  for (const event of input.events) {
    if (event.contact_id === null) continue;
    const list = byContact.get(event.contact_id);
    if (list) list.push(event);
    else byContact.set(event.contact_id, [event]);
  }
  for (const contactId of input.stitchedContacts) if (!byContact.has(contactId)) byContact.set(contactId, []);
  const accountIds = unique(input.events.filter((e) => e.type === 'group').map((e) => e.account_id));
  if (byContact.size === 0 && accountIds.length === 0) return none;

  const contactIds = [...byContact.keys()];
  const leads = await lockScoringLeads(trx, workspaceId, { funnel: defaultFunnel, contactIds, accountIds });
  const withLead = new Set(leads.map((l) => l.contact_id));
  const missing = contactIds.filter((c) => !withLead.has(c));
  const created = await insertOpenLeads(trx, {
    workspaceId,
    funnel: defaultFunnel,
    leads: missing.map((contactId) => ({
      id: newId(now.getTime()),
      contactId,
      source: leadSource(earliest(byContact.get(contactId) ?? [])),
    })),
    at: now,
    newId: () => newId(now.getTime()),
  });
  // Leads opened here, or meanwhile by another flush, are read (and locked) like the others.
  if (missing.length > 0) {
    leads.push(...(await lockScoringLeads(trx, workspaceId, { funnel: defaultFunnel, contactIds: missing })));
  }

  const row = await findContractInForce(trx, workspaceId, now);
  if (!row) return { ...none, leadsCreated: created.length };
  const stitched = new Set(input.stitchedContacts);
  const result = await scoreLeads(trx, workspaceId, {
    contract: compiledContract(row),
    leads,
    newEvents: byContact,
    replayContacts: new Set([...stitched, ...missing]),
    now,
  });
  return { ...result, leadsCreated: created.length };
}

/**
 * Replays one lead's events from the database under the contract in force and stores the result
 * (and an MQL transition when it now qualifies). Returns the decision, or null when the lead is
 * not open or no contract is in force.
 */
export async function rescoreLead(
  db: Db,
  workspaceId: string,
  leadId: string,
  now: Date,
): Promise<RescoredLead | null> {
  return db.transaction().execute(async (trx) => {
    const row = await findContractInForce(trx, workspaceId, now);
    if (!row) return null;
    const leads = await lockScoringLeads(trx, workspaceId, { funnel: defaultFunnel, leadIds: [leadId] });
    const lead = leads[0];
    if (!lead) return null;
    const decisions: ScoredLead[] = [];
    await scoreLeads(trx, workspaceId, {
      contract: compiledContract(row),
      leads,
      newEvents: new Map(),
      replayContacts: new Set([lead.contact_id]),
      now,
      onDecision: (scored) => decisions.push(scored),
    });
    const scored = decisions[0]!;
    return { leadId, version: row.version, ...scored.decision, state: scored.stateJson };
  });
}

export type RescoredLead = ScoreDecision & { leadId: string; version: number; state: InterestStateJson };

interface ScoredLead {
  lead: ScoringLeadRow;
  decision: ScoreDecision;
  stateJson: InterestStateJson;
}

export interface ScoreLeadsInput {
  contract: ContractInForce;
  leads: readonly ScoringLeadRow[];
  newEvents: ReadonlyMap<string, readonly ScoringEventRow[]>;
  /** Contacts whose leads are replayed from the database whatever their stored state. */
  replayContacts: ReadonlySet<string>;
  now: Date;
  onDecision?: (scored: ScoredLead) => void;
  /** False to store scores without moving any lead to MQL. */
  qualify?: boolean;
}

/**
 * Continues or replays each lead's interest, decides, and persists in two statements (also the
 * step of background rescoring, app/rescoring.ts).
 */
export async function scoreLeads(
  trx: Executor,
  workspaceId: string,
  input: ScoreLeadsInput,
): Promise<Omit<LiveScoringResult, 'leadsCreated'>> {
  const { compiled, version } = input.contract;
  const states = new Map<string, { state: InterestState; through: number | null }>();
  const toReplay: ScoringLeadRow[] = [];
  for (const lead of input.leads) {
    const events = toScoringEvents(input.newEvents.get(lead.contact_id) ?? []).sort(compareEvents);
    const continued = input.replayContacts.has(lead.contact_id)
      ? null
      : continueState(lead, events, input.contract);
    if (continued) states.set(lead.id, continued);
    else toReplay.push(lead);
  }
  if (toReplay.length > 0) {
    const stored = await contactEvents(trx, workspaceId, unique(toReplay.map((l) => l.contact_id)));
    const byContact = new Map<string, ScoringEventRow[]>();
    for (const e of stored) {
      const list = byContact.get(e.contact_id!);
      if (list) list.push(e);
      else byContact.set(e.contact_id!, [e]);
    }
    for (const lead of toReplay) {
      states.set(
        lead.id,
        replayEvents(toScoringEvents(byContact.get(lead.contact_id) ?? []), input.contract),
      );
    }
  }

  const updates: LeadScoreUpdate[] = [];
  const transitions: RuleTransition[] = [];
  const qualified: string[] = [];
  for (const lead of input.leads) {
    const { state, through } = states.get(lead.id)!;
    const decision = decideScore({
      compiled,
      version,
      stage: lead.stage,
      subject: toSubject(lead),
      state,
      scoredThrough: through,
      now: input.now,
      ...(input.qualify === false ? { mayQualify: false } : {}),
    });
    input.onDecision?.({ lead, decision, stateJson: JSON.parse(decision.stored.state) as InterestStateJson });
    updates.push({
      id: lead.id,
      ...decision.stored,
      stage: decision.stage,
      mqlAt: decision.qualified ? input.now : null,
      contractVersion: decision.qualified ? version : null,
    });
    if (decision.qualified) {
      qualified.push(lead.id);
      transitions.push({
        id: newId(input.now.getTime()),
        leadId: lead.id,
        from: lead.stage,
        to: 'mql',
        reasonCode: decision.qualified.reasonCode,
        note: decision.qualified.note,
        contractVersion: version,
      });
    }
  }
  await updateLeadScores(trx, workspaceId, updates, input.now);
  await insertRuleTransitions(trx, workspaceId, transitions, input.now);
  if (qualified.length > 0) await handOffNewMqls(trx, workspaceId, qualified, input.now);
  return { leadsScored: updates.length, replayed: toReplay.length, qualified };
}

/**
 * The lead's stored state advanced by its new events, or null when it must be replayed: no
 * state, another contract version or other frequency caps, or a new event that matches a rule
 * and is not later than the last one applied (ties are ordered by id, which only a replay sees).
 */
function continueState(
  lead: ScoringLeadRow,
  events: readonly ScoringEvent[],
  contract: ContractInForce,
): { state: InterestState; through: number | null } | null {
  if (lead.score_state === null || lead.score_version !== contract.version) return null;
  const state = interestStateFromJson(contract.compiled, lead.score_state as unknown as InterestStateJson);
  if (!state) return null;
  let through = lead.scored_through?.getTime() ?? null;
  for (const event of events) {
    if (through !== null && event.timestamp <= through && affectsInterest(contract.compiled, event))
      return null;
  }
  for (const event of events) {
    applyEventInPlace(contract.compiled, state, event);
    through = through === null ? event.timestamp : Math.max(through, event.timestamp);
  }
  return { state, through };
}

/** Every event from an empty state, exactly as the explanation replays them. */
function replayEvents(
  events: ScoringEvent[],
  contract: ContractInForce,
): { state: InterestState; through: number | null } {
  const state = newInterestState(contract.compiled);
  let through: number | null = null;
  for (const event of events.sort(compareEvents)) {
    applyEventInPlace(contract.compiled, state, event);
    through = through === null ? event.timestamp : Math.max(through, event.timestamp);
  }
  return { state, through };
}

function earliest(events: readonly ScoringEventRow[]): ScoringEventRow | undefined {
  let first: ScoringEventRow | undefined;
  for (const e of events) {
    if (
      !first ||
      e.occurred_at < first.occurred_at ||
      (+e.occurred_at === +first.occurred_at && e.id < first.id)
    ) {
      first = e;
    }
  }
  return first;
}

function unique(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== null))];
}
