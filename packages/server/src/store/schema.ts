import type { ApiKeyKind, LeadStage, Role } from '@tandem/contracts';
import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';
import type { AssetFormat, AssetStage, AssetStatus } from '../core/content/asset.js';
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
  /** 0010: glob patterns (`*`, `?`) on utm_source / utm_medium that must also match. */
  utm_source_pattern: Nullable<string>;
  utm_medium_pattern: Nullable<string>;
  updated_at: Defaulted<Date>;
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
  /** 0007: when the current owner got the lead (routing or reassignment). */
  assigned_at: Nullable<Date>;
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
  /** 0010 */
  won_reason: Nullable<string>;
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

/** A funnel of a workspace (0007); `lead.funnel` holds its key. */
export interface FunnelTable {
  workspace_id: string;
  id: string;
  key: string;
  name: string;
  created_at: Timestamp;
}

/** Routing rules and routing's memory for one funnel (0007). */
export interface RoutingConfigTable {
  workspace_id: string;
  id: string;
  funnel: string;
  rules: Json<unknown[]>;
  state: Json;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** Business hours of a team, or the workspace's when team_id is null (0007). */
export interface BusinessHoursTable {
  workspace_id: string;
  id: string;
  team_id: string | null;
  hours: Json;
  updated_at: Timestamp;
}

/** Routing settings per rep (0007). */
export interface RepCapacityTable {
  workspace_id: string;
  user_id: string;
  capacity: number | null;
  weight: Defaulted<number>;
  updated_at: Timestamp;
}

export type MarketingRequestKind = 'campaign' | 'asset' | 'event_support' | 'deal_help';
export type MarketingRequestStatus = 'open' | 'accepted' | 'delivered' | 'declined';

/** A request from sales to marketing, under marketing's clock (0007). */
export interface MarketingRequestTable {
  workspace_id: string;
  id: string;
  kind: MarketingRequestKind;
  title: string;
  detail: string | null;
  status: Defaulted<MarketingRequestStatus>;
  requested_by: string | null;
  team_id: string | null;
  assignee_id: string | null;
  lead_id: string | null;
  account_id: string | null;
  opportunity_id: string | null;
  decline_reason: string | null;
  resolution_note: string | null;
  created_at: Timestamp;
  accepted_at: Timestamp | null;
  delivered_at: Timestamp | null;
  declined_at: Timestamp | null;
  updated_at: Timestamp;
}

export type SlaClockSubject = 'lead' | 'request';
export type SlaClockKind = 'first_touch' | 'accept_reject' | 'marketing_request';

/** One service-level clock (0007). */
export interface SlaClockTable {
  workspace_id: string;
  id: string;
  subject_type: SlaClockSubject;
  subject_id: string;
  kind: SlaClockKind;
  assignee_id: string | null;
  team_id: string | null;
  started_at: Timestamp;
  warn_at: Timestamp;
  due_at: Timestamp;
  reassign_at: Timestamp | null;
  stopped_at: Timestamp | null;
  stop_cause: 'activity' | 'decision' | 'cancelled' | 'reassigned' | null;
  outcome: 'met' | 'breached' | null;
  /** 0 none, 1 warned, 2 breached (escalated), 3 reassigned. */
  escalation_level: Defaulted<number>;
  warned_at: Timestamp | null;
  breached_at: Timestamp | null;
  contract_version: number | null;
}

/** 0010: a campaign's spend in one month (the first day of the month). */
export interface CampaignCostTable {
  workspace_id: string;
  id: string;
  campaign_id: string;
  month: ColumnType<string, string, string>;
  amount_cents: number;
  currency: Defaulted<string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 0010: a workspace's pipeline stages; none means the built-in defaults. */
export interface PipelineStageTable {
  workspace_id: string;
  id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  outcome: 'open' | 'won' | 'lost';
}

/** 0010: a contact's part in a deal (decision maker, champion…). */
export interface OpportunityContactRoleTable {
  workspace_id: string;
  id: string;
  opportunity_id: string;
  contact_id: string;
  role: string;
  is_primary: Defaulted<boolean>;
  created_at: Timestamp;
}

export type TouchpointSource = 'event' | 'activity';

/** 0010: one marketing or sales interaction, derived from an event or an activity. */
export interface TouchpointTable {
  workspace_id: string;
  id: string;
  source: TouchpointSource;
  source_id: string;
  occurred_at: Timestamp;
  contact_id: string | null;
  account_id: string | null;
  campaign_id: string | null;
  channel: string;
  kind: string;
  created_at: Timestamp;
}

/** 0010: how far the touchpoint job has read each source (ids are time-ordered UUIDv7). */
export interface TouchpointCursorTable {
  workspace_id: string;
  source: TouchpointSource;
  last_id: string;
  updated_at: Timestamp;
}

export type EmailStatus = 'pending' | 'sent' | 'failed';
export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'dead';

/** Something that happened, told to users (inbox, email) and to webhooks (see app/notifications). */
export interface NotificationTable {
  workspace_id: string;
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  title: string;
  body: string;
  data: Json;
  occurred_at: Timestamp;
  created_at: Timestamp;
}

export interface NotificationRecipientTable {
  workspace_id: string;
  notification_id: string;
  user_id: string;
  read_at: Nullable<Date>;
}

/** An outgoing email (notifications today, nurture later), sent by the email.send job. */
export interface EmailMessageTable {
  workspace_id: string;
  id: string;
  notification_id: string | null;
  user_id: string | null;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Defaulted<EmailStatus>;
  attempts: Defaulted<number>;
  last_error: Nullable<string>;
  created_at: Timestamp;
  sent_at: Nullable<Date>;
  /** 0013: extra headers (List-Unsubscribe, Message-ID …). */
  headers: ColumnType<Record<string, string>, string | undefined, string>;
  /** 0013: marketing email is checked against the suppression list when it is sent. */
  stream: Defaulted<'transactional' | 'marketing'>;
}

export interface WebhookEndpointTable {
  workspace_id: string;
  id: string;
  url: string;
  description: Defaulted<string>;
  /** Event types or prefix wildcards (`request.*`, `*`). */
  events: string[];
  /** The signing secret; kept in clear because it must sign, never logged nor shown again. */
  secret: string;
  active: Defaulted<boolean>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WebhookDeliveryTable {
  workspace_id: string;
  id: string;
  endpoint_id: string;
  notification_id: string | null;
  event_type: string;
  status: Defaulted<WebhookDeliveryStatus>;
  attempts: Defaulted<number>;
  replays: Defaulted<number>;
  next_attempt_at: Nullable<Date>;
  last_status_code: Nullable<number>;
  last_error: Nullable<string>;
  /** The exact body sent (and signed), so a replay sends the same bytes. */
  payload: string;
  created_at: Timestamp;
  delivered_at: Nullable<Date>;
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
  notification: NotificationTable;
  notification_recipient: NotificationRecipientTable;
  email_message: EmailMessageTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  campaign_cost: CampaignCostTable;
  pipeline_stage: PipelineStageTable;
  opportunity_contact_role: OpportunityContactRoleTable;
  touchpoint: TouchpointTable;
  touchpoint_cursor: TouchpointCursorTable;
  funnel: FunnelTable;
  routing_config: RoutingConfigTable;
  business_hours: BusinessHoursTable;
  rep_capacity: RepCapacityTable;
  marketing_request: MarketingRequestTable;
  sla_clock: SlaClockTable;
  email_template: EmailTemplateTable;
  nurture_program: NurtureProgramTable;
  nurture_enrollment: NurtureEnrollmentTable;
  nurture_send: NurtureSendTable;
  email_suppression: EmailSuppressionTable;
  goal: GoalTable;
  asset: AssetTable;
  asset_version: AssetVersionTable;
  share_link: ShareLinkTable;
  share_view: ShareViewTable;
}

export type RescoringRunRow = Selectable<RescoringRunTable>;
export type BacktestRunRow = Selectable<BacktestRunTable>;

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type NotificationRow = Selectable<NotificationTable>;
export type EmailMessageRow = Selectable<EmailMessageTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type UserUpdate = Updateable<UserTable>;
export type LeadRow = Selectable<LeadTable>;
export type ContactRow = Selectable<ContactTable>;
export type AccountRow = Selectable<AccountTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type OpportunityRow = Selectable<OpportunityTable>;
export type TouchpointRow = Selectable<TouchpointTable>;
export type SessionRow = Selectable<SessionTable>;
export type TeamRow = Selectable<TeamTable>;
export type WorkspaceRow = Selectable<WorkspaceTable>;
export type EventRow = Selectable<EventTable>;

/** 0013: a nurture email template. */
export interface EmailTemplateTable {
  workspace_id: string;
  id: string;
  name: string;
  subject: string;
  html: string;
  text: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** 0013: a nurture program; rules and steps are core/nurture's EnrollmentRule[] and NurtureStep[]. */
export interface NurtureProgramTable {
  workspace_id: string;
  id: string;
  name: string;
  description: Defaulted<string>;
  status: Defaulted<'draft' | 'active' | 'paused'>;
  rules: Json<unknown[]>;
  steps: Json<unknown[]>;
  send_rate_per_minute: Defaulted<number>;
  require_opt_in: Defaulted<boolean>;
  next_send_at: Nullable<Date>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NurtureEnrollmentTable {
  workspace_id: string;
  id: string;
  program_id: string;
  lead_id: string;
  contact_id: string;
  status: Defaulted<'active' | 'completed' | 'exited'>;
  exit_reason: Nullable<string>;
  current_step: Nullable<string>;
  step_seq: Defaulted<number>;
  next_at: Nullable<Date>;
  enrolled_at: Timestamp;
  enrolled_by: 'rule' | 'user';
  enrolled_by_user: Nullable<string>;
  ended_at: Nullable<Date>;
}

export interface NurtureSendTable {
  workspace_id: string;
  id: string;
  enrollment_id: string;
  program_id: string;
  step_id: string;
  email_message_id: string;
  to_address: string;
  token: string;
  links: Json<string[]>;
  created_at: Timestamp;
  opened_at: Nullable<Date>;
  clicked_at: Nullable<Date>;
  clicks: Defaulted<number>;
}

export interface EmailSuppressionTable {
  workspace_id: string;
  email: string;
  reason: 'unsubscribe' | 'bounce' | 'manual';
  note: Nullable<string>;
  at: Timestamp;
}

export type EmailTemplateRow = Selectable<EmailTemplateTable>;
export type NurtureProgramRow = Selectable<NurtureProgramTable>;
export type NurtureEnrollmentRow = Selectable<NurtureEnrollmentTable>;
export type NurtureSendRow = Selectable<NurtureSendTable>;
export type EmailSuppressionRow = Selectable<EmailSuppressionTable>;
export type LeadContractRow = Selectable<LeadContractTable>;
export type LeadContractApprovalRow = Selectable<LeadContractApprovalTable>;
export type TimerRow = Selectable<TimerTable>;
export type SlaClockRow = Selectable<SlaClockTable>;
export type MarketingRequestRow = Selectable<MarketingRequestTable>;

/** 0011: a revenue target for a period (inclusive dates), optionally for one funnel. */
export interface GoalTable {
  workspace_id: string;
  id: string;
  name: string;
  period_start: ColumnType<Date, string, string>;
  period_end: ColumnType<Date, string, string>;
  target_cents: number;
  currency: Defaulted<string>;
  funnel: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
/** A piece of content in the library (0012); its content lives in asset_version rows. */
export interface AssetTable {
  workspace_id: string;
  id: string;
  title: string;
  description: Defaulted<string>;
  stage: AssetStage;
  personas: Defaulted<string[]>;
  products: Defaulted<string[]>;
  industries: Defaulted<string[]>;
  tags: Defaulted<string[]>;
  status: Defaulted<AssetStatus>;
  /** Format of the current version; null before the first one. */
  format: AssetFormat | null;
  current_version: Defaulted<number>;
  /** Who made it: marketing, or sales (a rep's suggestion). */
  origin: 'marketing' | 'sales';
  created_by: string | null;
  /** The marketing request a rep's suggestion opened. */
  request_id: string | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
  retired_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One immutable version of an asset's content: a stored file or an external URL (0012). */
export interface AssetVersionTable {
  workspace_id: string;
  id: string;
  asset_id: string;
  version: number;
  kind: 'file' | 'url';
  url: string | null;
  file_name: string | null;
  mime: string | null;
  size_bytes: number | null;
  sha256: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** A link a rep sends to a contact or an account; only the sha256 of its token is kept (0012). */
export interface ShareLinkTable {
  workspace_id: string;
  id: string;
  token_hash: string;
  asset_id: string;
  contact_id: string | null;
  account_id: string | null;
  rep_id: string | null;
  email_gate: Defaulted<boolean>;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

/** One visit of a share link's viewer page, kept alive by its pings (0012). */
export interface ShareViewTable {
  workspace_id: string;
  id: string;
  share_id: string;
  asset_id: string;
  viewer_email: string | null;
  started_at: Timestamp;
  last_ping_at: Timestamp;
  seconds: Defaulted<number>;
  downloads: Defaulted<number>;
}

export type AssetRow = Selectable<AssetTable>;
export type AssetVersionRow = Selectable<AssetVersionTable>;
export type ShareLinkRow = Selectable<ShareLinkTable>;
export type ShareViewRow = Selectable<ShareViewTable>;
