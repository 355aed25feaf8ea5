import { type Static, Type } from 'typebox';

/**
 * Shapes shared by the server and the web app for the lead contract's backtest, signal lift
 * and background rescoring. The server's routes use them as response schemas.
 */

/** What counts as a real conversion when measuring a contract against history. */
export const outcomeStages = ['sql', 'opportunity', 'won'] as const;
export type OutcomeStage = (typeof outcomeStages)[number];
// Literals written out: a union built with `.map` loses its static type (it would be `never`).
const Outcome = Type.Union([Type.Literal('sql'), Type.Literal('opportunity'), Type.Literal('won')]);

const Count = Type.Integer({ minimum: 0 });
const Ratio = Type.Union([Type.Number(), Type.Null()], {
  description: 'null when the denominator is zero',
});
const IsoTime = Type.String({ format: 'date-time' });

export const BacktestRequestSchema = Type.Object(
  {
    /** A stored version (draft included) … */
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    /** … or an unsaved contract as YAML text or a JSON document. */
    yaml: Type.Optional(Type.String({ maxLength: 200_000 })),
    document: Type.Optional(Type.Unknown()),
    from: IsoTime,
    to: IsoTime,
    outcome: Type.Optional(Outcome),
    /** A lead converted if it reached `outcome` within this many days of becoming an MQL. */
    withinDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  },
  { additionalProperties: false },
);
export type BacktestRequest = Static<typeof BacktestRequestSchema>;

export const FlippedLeadSchema = Type.Object({
  leadId: Type.String(),
  contactId: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  fitGrade: Type.Union([Type.String(), Type.Null()]),
  interest: Type.Number(),
  converted: Type.Boolean(),
});
export type FlippedLead = Static<typeof FlippedLeadSchema>;

const Confusion = Type.Object({
  mqls: Count,
  converted: Count,
  truePositives: Count,
  precision: Ratio,
  recall: Ratio,
  /** precision ÷ base conversion rate of all leads in the window. */
  lift: Ratio,
});

export const BacktestResultSchema = Type.Object({
  window: Type.Object({ from: IsoTime, to: IsoTime }),
  outcome: Type.Object({ stage: Outcome, withinDays: Count }),
  /** The version tested (null for an unsaved document) and the active one it is compared with. */
  candidateVersion: Type.Union([Type.Integer(), Type.Null()]),
  activeVersion: Type.Union([Type.Integer(), Type.Null()]),
  leads: Count,
  events: Count,
  baseRate: Ratio,
  candidate: Confusion,
  active: Type.Union([Confusion, Type.Null()]),
  mqlsPerWeek: Type.Array(
    Type.Object({
      week: Type.String({ description: 'Monday, YYYY-MM-DD' }),
      candidate: Count,
      active: Count,
    }),
  ),
  mqlsPerRep: Type.Array(
    Type.Object({ repId: Type.Union([Type.String(), Type.Null()]), repName: Type.String(), count: Count }),
  ),
  fitGrades: Type.Array(Type.Object({ grade: Type.String(), count: Count })),
  interestHistogram: Type.Array(Type.Object({ from: Type.Number(), to: Type.Number(), count: Count })),
  flips: Type.Object({
    gainedCount: Count,
    lostCount: Count,
    /** At most 100 each, highest interest first. */
    gained: Type.Array(FlippedLeadSchema),
    lost: Type.Array(FlippedLeadSchema),
  }),
  elapsedMs: Count,
});
export type BacktestResult = Static<typeof BacktestResultSchema>;

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
const JobStatus = Type.Union([
  Type.Literal('queued'),
  Type.Literal('running'),
  Type.Literal('done'),
  Type.Literal('failed'),
]);
const Progress = Type.Object({ done: Count, total: Count });

export const BacktestRunSchema = Type.Object({
  id: Type.String(),
  status: JobStatus,
  progress: Progress,
  createdAt: IsoTime,
  finishedAt: Type.Union([IsoTime, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([BacktestResultSchema, Type.Null()]),
});
export type BacktestRun = Static<typeof BacktestRunSchema>;

export const RescoringRunSchema = Type.Object({
  version: Type.Integer(),
  status: JobStatus,
  progress: Progress,
  startedAt: Type.Union([IsoTime, Type.Null()]),
  finishedAt: Type.Union([IsoTime, Type.Null()]),
  /** Leads whose stage changed because of the new version. */
  newMqls: Count,
});
export type RescoringRun = Static<typeof RescoringRunSchema>;

export const SignalSchema = Type.Object({
  kind: Type.Union([Type.Literal('interest'), Type.Literal('fit')]),
  /** Stable key: an interest rule id, an event name, or a fit field=value. */
  key: Type.String(),
  label: Type.String(),
  withSignal: Type.Object({ leads: Count, converted: Count, rate: Ratio }),
  withoutSignal: Type.Object({ leads: Count, converted: Count, rate: Ratio }),
  lift: Ratio,
  /** The rule in the active contract this signal maps to, if any, and its points. */
  ruleId: Type.Union([Type.String(), Type.Null()]),
  currentPoints: Type.Union([Type.Number(), Type.Null()]),
  suggestedPoints: Type.Union([Type.Number(), Type.Null()]),
  /** Too few leads with the signal to trust the figure. */
  lowSample: Type.Boolean(),
});
export type Signal = Static<typeof SignalSchema>;

export const SignalLiftSchema = Type.Object({
  window: Type.Object({ from: IsoTime, to: IsoTime }),
  outcome: Type.Object({ stage: Outcome, withinDays: Count }),
  leads: Count,
  baseRate: Ratio,
  signals: Type.Array(SignalSchema),
});
export type SignalLift = Static<typeof SignalLiftSchema>;
