import type { LeadContract } from '@tandem/contracts';
import {
  createFitEncoder,
  type FitColumns,
  fitStructureKey,
  interestStructureKey,
} from '../../core/backtest/fit-columns.js';
import {
  type ColumnEncoder,
  type CompiledContract,
  createColumnEncoder,
  type EventColumns,
  type ScoringEvent,
} from '../../core/scoring/index.js';
import {
  analysisDataStamp,
  analysisEvents,
  analysisLeadsPage,
  countAnalysisLeads,
  firstStageTimes,
} from '../../store/analysis-data.repo.js';
import type { Executor } from '../../store/executor.js';
import { defaultFunnel } from '../live-scoring.js';
import { type AnalysisLead, toSubjectOf } from './analysis-lead.js';
import { routeLeadForBacktest } from './route-lead.js';

const dayMs = 86_400_000;
/** History read before `from` so decay and caps start right: six half-lives leave 1/64. */
export const historyHalfLives = 6;
/** Leads per chunk: one leads query, one events query and one transitions query each. */
export const analysisChunkSize = 1_000;

/**
 * Everything a backtest of one window needs, encoded once: per lead (index l, in id order) its
 * rep, whether it was active in the window, when it reached each outcome stage, and per rule
 * structure the encoded interest events and fit matches. Changing weights, caps, half-life or
 * thresholds reuses it; changing what rules match adds an encoding.
 */
export interface BacktestDataset {
  readonly key: string;
  readonly leadCount: number;
  readonly leadIds: readonly string[];
  readonly rep: Int32Array;
  readonly repIds: readonly string[];
  readonly inWindow: Uint8Array;
  readonly eventsInWindow: number;
  readonly eventsRead: number;
  /** First time each lead reached the stage; NaN when never. */
  readonly stageAt: { sql: Float64Array; opportunity: Float64Array; won: Float64Array };
  readonly interest: Map<string, EventColumns>;
  readonly fit: Map<string, FitColumns>;
}

export interface DatasetRequest {
  workspaceId: string;
  from: Date;
  to: Date;
  contracts: readonly CompiledContract[];
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Visits each lead's window events (signal lift); forces a read. */
  visitLead?: (lead: AnalysisLead, index: number, events: readonly ScoringEvent[]) => void;
}

/** The process's cache of datasets, most recent last; small, since one holds whole columns. */
const cache = new Map<string, BacktestDataset>();
const cacheLimit = 2;

export function clearDatasetCache(): void {
  cache.clear();
}

/**
 * The dataset of a window, from the cache when the data has not changed since and every
 * contract's rule structure is encoded, otherwise read in keyset-paged chunks (progress per chunk).
 */
export async function loadDataset(
  db: Executor,
  request: DatasetRequest,
): Promise<{ dataset: BacktestDataset; cached: boolean }> {
  const halfLife = Math.max(...request.contracts.map((c) => c.contract.interest.halfLifeDays));
  const historyFrom = new Date(request.from.getTime() - historyHalfLives * halfLife * dayMs);
  const stamp = await analysisDataStamp(db, request.workspaceId);
  const key = [
    request.workspaceId,
    historyFrom.toISOString(),
    request.from.toISOString(),
    request.to.toISOString(),
    stamp,
  ].join('|');
  const interestKeys = request.contracts.map((c) => interestStructureKey(c.contract));
  const fitKeys = request.contracts.map((c) => fitStructureKey(c.contract));
  const hit = cache.get(key);
  if (
    hit &&
    !request.visitLead &&
    interestKeys.every((k) => hit.interest.has(k)) &&
    fitKeys.every((k) => hit.fit.has(k))
  ) {
    cache.delete(key);
    cache.set(key, hit);
    return { dataset: hit, cached: true };
  }
  const dataset = await readDataset(db, { ...request, key, historyFrom });
  // A partial hit keeps the encodings it had: a third rule structure adds to them.
  if (hit && hit.leadCount === dataset.leadCount) {
    for (const [k, v] of hit.interest) if (!dataset.interest.has(k)) dataset.interest.set(k, v);
    for (const [k, v] of hit.fit) if (!dataset.fit.has(k)) dataset.fit.set(k, v);
  }
  cache.delete(key);
  cache.set(key, dataset);
  while (cache.size > cacheLimit) cache.delete(cache.keys().next().value!);
  return { dataset, cached: false };
}

/** Top-level event properties the contracts' rules read (page paths included). */
export function propertiesRead(contracts: readonly LeadContract[]): string[] {
  const keys = new Set<string>(['path']);
  for (const c of contracts)
    for (const rule of c.interest.rules)
      for (const condition of rule.properties ?? []) keys.add(condition.property.split('.')[0]!);
  return [...keys];
}

async function readDataset(
  db: Executor,
  request: DatasetRequest & { key: string; historyFrom: Date },
): Promise<BacktestDataset> {
  const { workspaceId } = request;
  const total = await countAnalysisLeads(db, workspaceId, { funnel: defaultFunnel, until: request.to });
  const encoders = new Map<string, { compiled: CompiledContract; encoder: ColumnEncoder }>();
  const fitEncoders = new Map<string, { encoder: ReturnType<typeof createFitEncoder> }>();
  for (const compiled of request.contracts) {
    const ik = interestStructureKey(compiled.contract);
    if (!encoders.has(ik)) encoders.set(ik, { compiled, encoder: createColumnEncoder(compiled, 1 << 16) });
    const fk = fitStructureKey(compiled.contract);
    if (!fitEncoders.has(fk)) fitEncoders.set(fk, { encoder: createFitEncoder(compiled) });
  }
  const properties = propertiesRead(request.contracts.map((c) => c.contract));
  const leadIds: string[] = [];
  const repIndex = new Map<string, number>();
  const repIds: string[] = [];
  let rep = new Int32Array(Math.max(16, total));
  let inWindow = new Uint8Array(Math.max(16, total));
  const stageTimes: Array<[string, string, number]> = [];
  const from = request.from.getTime();
  let eventsInWindow = 0;
  let eventsRead = 0;
  let after: string | null = null;
  const event: ScoringEvent = {
    id: '',
    type: 'track',
    name: null,
    timestamp: 0,
    path: null,
    properties: null,
  };

  for (;;) {
    const leads = await analysisLeadsPage(db, workspaceId, {
      funnel: defaultFunnel,
      until: request.to,
      after,
      limit: analysisChunkSize,
    });
    if (leads.length === 0) break;
    after = leads.at(-1)!.id;
    const first = leadIds.length;
    if (first + leads.length > rep.length) {
      const size = Math.max(rep.length * 2, first + leads.length);
      const r = new Int32Array(size);
      r.set(rep);
      rep = r;
      const w = new Uint8Array(size);
      w.set(inWindow);
      inWindow = w;
    }
    const byContact = new Map<string, number[]>();
    for (const [k, lead] of leads.entries()) {
      const l = first + k;
      leadIds.push(lead.id);
      const repId = routeLeadForBacktest({ ownerId: lead.owner_id, accountOwnerId: lead.account_owner_id });
      if (repId === null) rep[l] = -1;
      else {
        let index = repIndex.get(repId);
        if (index === undefined) {
          index = repIds.push(repId) - 1;
          repIndex.set(repId, index);
        }
        rep[l] = index;
      }
      const subject = toSubjectOf(lead);
      for (const { encoder } of fitEncoders.values()) encoder.push(subject);
      const list = byContact.get(lead.contact_id);
      if (list) list.push(l);
      else byContact.set(lead.contact_id, [l]);
    }
    const rows = await analysisEvents(db, workspaceId, {
      contactIds: [...byContact.keys()],
      from: request.historyFrom,
      to: request.to,
      properties,
    });
    eventsRead += rows.length;
    const visits = request.visitLead ? new Map<number, ScoringEvent[]>() : null;
    for (const row of rows) {
      const at = Math.round(row.at_ms);
      let props: Record<string, unknown> | null = null;
      if (row.props) {
        props = {};
        for (let p = 0; p < properties.length; p++) {
          const value = row.props[p];
          if (value !== null && value !== undefined) props[properties[p]!] = value;
        }
      }
      event.id = row.id;
      event.type = row.type as ScoringEvent['type'];
      event.name = row.name;
      event.timestamp = at;
      event.properties = props;
      const inside = at >= from;
      if (inside) eventsInWindow++;
      for (const l of byContact.get(row.contact_id) ?? []) {
        if (inside) inWindow[l] = 1;
        for (const { encoder } of encoders.values()) encoder.push(l, event);
        if (visits && inside) {
          const list = visits.get(l);
          if (list) list.push({ ...event });
          else visits.set(l, [{ ...event }]);
        }
      }
    }
    if (visits && request.visitLead) {
      for (const [l, events] of visits) request.visitLead(leads[l - first]!, l, events);
    }
    for (const s of await firstStageTimes(
      db,
      workspaceId,
      leads.map((l) => l.id),
    )) {
      stageTimes.push([s.lead_id, s.to_stage, Math.round(s.at_ms)]);
    }
    await request.onProgress?.(leadIds.length, Math.max(total, leadIds.length));
  }

  const leadCount = leadIds.length;
  const index = new Map(leadIds.map((id, l) => [id, l]));
  const stageAt = {
    sql: new Float64Array(leadCount).fill(Number.NaN),
    opportunity: new Float64Array(leadCount).fill(Number.NaN),
    won: new Float64Array(leadCount).fill(Number.NaN),
  };
  for (const [leadId, stage, at] of stageTimes) {
    const l = index.get(leadId);
    if (l !== undefined) stageAt[stage as keyof typeof stageAt][l] = at;
  }
  return {
    key: request.key,
    leadCount,
    leadIds,
    rep: rep.slice(0, leadCount),
    repIds,
    inWindow: inWindow.slice(0, leadCount),
    eventsInWindow,
    eventsRead,
    stageAt,
    interest: new Map([...encoders].map(([k, { encoder }]) => [k, encoder.finish()])),
    fit: new Map([...fitEncoders].map(([k, { encoder }]) => [k, encoder.finish()])),
  };
}
