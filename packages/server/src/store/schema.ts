import type { ApiKeyKind, LeadStage, Role } from '@tandem/contracts';
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { ContractStatus } from '../core/contract/sign-off.js';

/** Columns with a database default. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
/** A nullable column added by a later migration: optional on insert. */
type Nullable<T> = ColumnType<T | null, T | null | undefined, T | null>;

export interface WorkspaceTable {
  id: string;
  name: string;
  slug: string;
  timezone: Defaulted<string>;
  created_at: Timestamp;
}

export interface PartnerTable {
  workspace_id: string;
  id: string;
  name: string;
  tier: Defaulted<string>;
  created_at: Timestamp;
}

export interface TeamTable {
  workspace_id: string;
  id: string;
  name: string;
  kind: Defaulted<'sales' | 'marketing' | 'partner'>;
  created_at: Timestamp;
}

export interface UserTable {
  workspace_id: string;
  id: string;
  email: string;
  name: string;
  role: Role;
  team_id: string | null;
  partner_id: string | null;
  password_hash: string | null;
  status: Defaulted<'active' | 'disabled'>;
  out_of_office: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionTable {
  workspace_id: string;
  /** sha256 of the session token; the token itself is never stored. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  workspace_id: string;
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AccountTable {
  workspace_id: string;
  id: string;
  domain: string | null;
  name: string;
  industry: string | null;
  employees: number | null;
  country: string | null;
  region: string | null;
  traits: Json;
  owner_id: string | null;
  partner_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The Segment `groupId` that names this account (0002). */
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ContactTable {
  workspace_id: string;
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  title: string | null;
  phone: string | null;
  country: string | null;
  account_id: string | null;
  owner_id: string | null;
  partner_id: string | null;
  traits: Json;
  consent: Json;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IdentityTable {
  workspace_id: string;
  id: string;
  kind: 'anonymous_id' | 'user_id';
  value: string;
  contact_id: string;
  created_at: Timestamp;
}

export interface CampaignTable {
  workspace_id: string;
  id: string;
  name: string;
  channel: string;
  utm_campaign: string | null;
  cost_cents: Defaulted<number>;
  starts_on: ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
  ends_on: ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
  owner_team_id: string | null;
  requested_by_sales: Defaulted<boolean>;
  created_at: Timestamp;
}

export type EventType = 'track' | 'page' | 'screen' | 'identify' | 'group' | 'alias';

export interface EventTable {
  workspace_id: string;
  id: string;
  message_id: string;
  type: EventType;
  name: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  contact_id: string | null;
  account_id: string | null;
  campaign_id: string | null;
  occurred_at: Timestamp;
  received_at: Timestamp;
  properties: Json;
  context: Json;
  /** 0002: Segment fields and the UTM parameters and referrer, kept per event. */
  traits: Json;
  group_id: Nullable<string>;
  previous_id: Nullable<string>;
  utm_source: Nullable<string>;
  utm_medium: Nullable<string>;
  utm_campaign: Nullable<string>;
  utm_term: Nullable<string>;
  utm_content: Nullable<string>;
  referrer: Nullable<string>;
  page_url: Nullable<string>;
}

/** An event refused at ingestion, with its reason and a bounded copy of what was sent (0002). */
export interface EventRejectionTable {
  workspace_id: string;
  id: string;
  received_at: Timestamp;
  message_id: string | null;
  code: string;
  field: string | null;
  detail: string;
  payload: Json<unknown>;
}

export interface LeadTable {
  workspace_id: string;
  id: string;
  contact_id: string;
  funnel: Defaulted<string>;
  stage: LeadStage;
  owner_id: string | null;
  team_id: string | null;
  partner_id: string | null;
  source: string | null;
  fit_points: Defaulted<number>;
  fit_grade: string | null;
  interest_sum: Defaulted<number>;
  interest_ref_at: Timestamp | null;
  contract_version: number | null;
  mql_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 0004: serialised interest state (see core/scoring/interest-state-json.ts). */
  score_state: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  /** 0004: the contract version `score_state` was computed under. */
  score_version: Nullable<number>;
  /** 0004: time of the latest event applied to `score_state`; older events mean a replay. */
  scored_through: Nullable<Date>;
}

export interface StageTransitionTable {
  workspace_id: string;
  id: string;
  lead_id: string;
  from_stage: LeadStage | null;
  to_stage: LeadStage;
  at: Timestamp;
  cause: 'rule' | 'user' | 'system' | 'import';
  actor_id: string | null;
  reason_code: string | null;
  note: string | null;
  contract_version: number | null;
}

export interface OpportunityTable {
  workspace_id: string;
  id: string;
  account_id: string | null;
  name: string;
  amount_cents: Defaulted<number>;
  currency: Defaulted<string>;
  stage: Defaulted<string>;
  probability: Defaulted<number>;
  close_date: ColumnType<Date | null, string | Date | null | undefined, string | Date | null>;
  owner_id: string | null;
  partner_id: string | null;
  source_lead_id: string | null;
  status: Defaulted<'open' | 'won' | 'lost'>;
  closed_at: Timestamp | null;
  lost_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActivityTable {
  workspace_id: string;
  id: string;
  kind: 'call' | 'email' | 'meeting' | 'note';
  lead_id: string | null;
  contact_id: string | null;
  user_id: string | null;
  occurred_at: Timestamp;
  subject: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface AuditLogTable {
  workspace_id: string;
  id: string;
  actor_kind: 'user' | 'api_key' | 'system';
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: Json;
  ip: string | null;
  at: Timestamp;
}

/** One version of the lead contract (0003); `document` is the validated contract. */
export interface LeadContractTable {
  workspace_id: string;
  id: string;
  version: number;
  status: ContractStatus;
  document: Json<unknown>;
  source_format: 'yaml' | 'json';
  /** The YAML text as written (comments included); null for JSON. */
  source: string | null;
  author_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  /** When the version takes effect once signed; set to the approval time if earlier. */
  effective_at: Timestamp | null;
  /** When it actually came into force; null if it never did. */
  activated_at: Timestamp | null;
  rolled_back_from: number | null;
  note: string | null;
}

export interface LeadContractApprovalTable {
  workspace_id: string;
  id: string;
  contract_id: string;
  user_id: string;
  side: 'marketing' | 'sales';
  decision: 'approve' | 'reject';
  comment: string | null;
  at: Timestamp;
}

export type TimerStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/** A durable deadline (see store/timer.repo.ts and jobs/runner.ts). */
export interface TimerTable {
  workspace_id: string;
  id: string;
  kind: string;
  subject_type: string | null;
  subject_id: string | null;
  due_at: Timestamp;
  payload: Json;
  status: Defaulted<TimerStatus>;
  /** Runs started, a crashed one included. */
  attempts: Defaulted<number>;
  last_error: Nullable<string>;
  /** The worker holding the lease while status is 'running'. */
  locked_by: Nullable<string>;
  locked_until: Nullable<Date>;
  created_at: Timestamp;
  fired_at: Nullable<Date>;
  dedupe_key: string | null;
}

export type AnalysisStatus = 'queued' | 'running' | 'done' | 'failed';

/** Rescoring of every open lead after a version came into force (0006). */
export interface RescoringRunTable {
  workspace_id: string;
  id: string;
  version: number;
  status: Defaulted<AnalysisStatus>;
  total: Defaulted<number>;
  done: Defaulted<number>;
  new_mqls: Defaulted<number>;
  /** Last lead id rescored (leads are taken in id order). */
  cursor: string | null;
  error: string | null;
  created_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

/** A backtest's request, progress and result (0006). */
export interface BacktestRunTable {
  workspace_id: string;
  id: string;
  status: Defaulted<AnalysisStatus>;
  request: Json<unknown>;
  total: Defaulted<number>;
  done: Defaulted<number>;
  result: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface Database {
  workspace: WorkspaceTable;
  partner: PartnerTable;
  team: TeamTable;
  app_user: UserTable;
  session: SessionTable;
  api_key: ApiKeyTable;
  account: AccountTable;
  contact: ContactTable;
  identity: IdentityTable;
  campaign: CampaignTable;
  event: EventTable;
  event_rejection: EventRejectionTable;
  lead: LeadTable;
  stage_transition: StageTransitionTable;
  opportunity: OpportunityTable;
  activity: ActivityTable;
  audit_log: AuditLogTable;
  lead_contract: LeadContractTable;
  lead_contract_approval: LeadContractApprovalTable;
  timer: TimerTable;
  rescoring_run: RescoringRunTable;
  backtest_run: BacktestRunTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type LeadRow = Selectable<LeadTable>;
export type ContactRow = Selectable<ContactTable>;
export type AccountRow = Selectable<AccountTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type SessionRow = Selectable<SessionTable>;
export type TeamRow = Selectable<TeamTable>;
export type WorkspaceRow = Selectable<WorkspaceTable>;
export type EventRow = Selectable<EventTable>;
export type LeadContractRow = Selectable<LeadContractTable>;
export type LeadContractApprovalRow = Selectable<LeadContractApprovalTable>;
export type TimerRow = Selectable<TimerTable>;
export type RescoringRunRow = Selectable<RescoringRunTable>;
export type BacktestRunRow = Selectable<BacktestRunTable>;
