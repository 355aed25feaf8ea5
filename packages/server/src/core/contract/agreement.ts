import type { LeadContract } from '@tandem/contracts';
import {
  exclusionInWords,
  fitRuleInWords,
  interestRuleInWords,
  listInWords,
  minutesInWords,
} from './describe-rule.js';
import { type Block, toHtml, toMarkdown } from './render-blocks.js';
import { type ContractStatus, type SignOffDecision, type SignOffSide, signOffSides } from './sign-off.js';

/**
 * The human-readable agreement generated from one contract version: what marketing commits to,
 * what sales commits to, the MQL definition in words, the reasons, the service levels and the
 * signatures. Pure: the same version always reads the same.
 */

export interface AgreementInput {
  version: number;
  status: ContractStatus;
  contract: LeadContract;
  author: string | null;
  createdAt: Date;
  effectiveAt: Date | null;
  activatedAt: Date | null;
  rolledBackFrom: number | null;
  signatures: ReadonlyArray<{
    name: string;
    side: SignOffSide;
    decision: SignOffDecision;
    at: Date;
    comment: string | null;
  }>;
}

/** "2026-03-02 15:30 UTC" */
export const dateInWords = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const statusWords: Record<ContractStatus, string> = {
  draft: 'Draft, not yet submitted for signature',
  submitted: 'Submitted, awaiting signatures',
  approved: 'Signed by both teams, waiting for its effective time',
  active: 'In force',
  superseded: 'Superseded by a later version',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

const sideWords: Record<SignOffSide, string> = { marketing: 'Marketing', sales: 'Sales' };

function mqlDefinition(c: LeadContract): string {
  const ruleLabel = new Map(c.interest.rules.map((r) => [r.id, r.label ?? r.id]));
  const raisers = (c.mql.handRaisers ?? []).map((id) => ruleLabel.get(id) ?? id);
  const byScore = `its fit grade is ${c.mql.minGrade} or better and its interest is at least ${c.mql.minInterest} points`;
  const excluded = c.mql.exclusions?.length ? ', unless one of the exclusions below applies' : '';
  return raisers.length
    ? `A lead becomes a marketing-qualified lead (MQL) when it raises its hand (${listInWords(raisers)}), or when ${byScore}${excluded}.`
    : `A lead becomes a marketing-qualified lead (MQL) when ${byScore}${excluded}.`;
}

export function agreementBlocks(input: AgreementInput): Block[] {
  const c = input.contract;
  const { sla } = c;
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: `Lead contract, version ${input.version}: ${c.name}` },
    {
      kind: 'paragraph',
      text: [
        `Status: ${statusWords[input.status]}.`,
        input.activatedAt ? `In force since ${dateInWords(input.activatedAt)}.` : '',
        !input.activatedAt && input.effectiveAt ? `Takes effect ${dateInWords(input.effectiveAt)}.` : '',
        input.rolledBackFrom !== null ? `This version restores version ${input.rolledBackFrom}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    },
  ];
  if (c.description) blocks.push({ kind: 'paragraph', text: c.description });

  blocks.push(
    { kind: 'heading', level: 2, text: 'What a qualified lead is' },
    { kind: 'paragraph', text: mqlDefinition(c) },
  );
  if (c.mql.exclusions?.length) {
    blocks.push(
      { kind: 'paragraph', text: 'A lead never becomes an MQL when:' },
      { kind: 'list', items: c.mql.exclusions.map(exclusionInWords) },
    );
  }
  const g = c.fit.grades;
  blocks.push(
    { kind: 'heading', level: 3, text: 'Fit: who the lead is' },
    {
      kind: 'paragraph',
      text: `Fit points add up from these rules. Grade A from ${g.A} points, B from ${g.B}, C from ${g.C}, D from ${g.D}.`,
    },
    { kind: 'list', items: c.fit.rules.map(fitRuleInWords) },
    { kind: 'heading', level: 3, text: 'Interest: what the lead does' },
    {
      kind: 'paragraph',
      text: `Interest points fade by half every ${c.interest.halfLifeDays} days and count up to ${c.interest.totalCap} points in all.`,
    },
    { kind: 'list', items: c.interest.rules.map(interestRuleInWords) },
  );

  blocks.push(
    { kind: 'heading', level: 2, text: 'Marketing commits to' },
    {
      kind: 'list',
      items: [
        'Pass sales only leads that meet the definition above, each scored by this version and explainable rule by rule.',
        `Deliver what sales requests (a campaign, an asset, support for a deal) within ${minutesInWords(sla.marketingRequestHours * 60)}.`,
        'Take back every lead sales returns with a reason, and nurture it until it qualifies again.',
      ],
    },
    { kind: 'heading', level: 2, text: 'Sales commits to' },
    {
      kind: 'list',
      items: [
        `Make the first touch on every MQL within ${minutesInWords(sla.firstTouchMinutes)}.`,
        `Accept or return every MQL within ${minutesInWords(sla.acceptMinutes)}, giving one of the reasons below when returning it.`,
        `Accept it when all of these hold: ${c.acceptance.criteria.length ? c.acceptance.criteria.join('; ') : 'it meets the definition above'}.`,
      ],
    },
    {
      kind: 'paragraph',
      text: `The owner is warned when ${Math.round(sla.warnAtShare * 100)}% of a clock’s time has passed; a lead still untouched after ${minutesInWords(sla.reassignAfterMinutes)} is reassigned.`,
    },
    { kind: 'heading', level: 2, text: 'Reasons' },
    {
      kind: 'table',
      header: ['Kind', 'Code', 'Meaning'],
      rows: [
        ...c.reasons.reject.map((r) => ['Reject', r.code, r.label]),
        ...c.reasons.recycle.map((r) => ['Recycle', r.code, r.label]),
      ],
    },
    { kind: 'heading', level: 2, text: 'Service levels' },
    {
      kind: 'table',
      header: ['Clock', 'Time'],
      rows: [
        ['First touch on an MQL (sales)', minutesInWords(sla.firstTouchMinutes)],
        ['Accept or return an MQL (sales)', minutesInWords(sla.acceptMinutes)],
        ['Deliver a sales request (marketing)', minutesInWords(sla.marketingRequestHours * 60)],
        ['Warning', `at ${Math.round(sla.warnAtShare * 100)}% of the time`],
        ['Reassignment of an untouched lead', minutesInWords(sla.reassignAfterMinutes)],
      ],
    },
    { kind: 'heading', level: 2, text: 'Signatures' },
    {
      kind: 'paragraph',
      text: `Drafted${input.author ? ` by ${input.author}` : ''} on ${dateInWords(input.createdAt)}.`,
    },
    {
      kind: 'table',
      header: ['Side', 'Name', 'Decision', 'Date', 'Comment'],
      rows: signOffSides.map((side) => {
        const s = input.signatures.find((x) => x.side === side);
        return s
          ? [
              sideWords[side],
              s.name,
              s.decision === 'approve' ? 'Approved' : 'Rejected',
              dateInWords(s.at),
              s.comment ?? '',
            ]
          : [sideWords[side], '', 'Awaiting signature', '', ''];
      }),
    },
  );
  return blocks;
}

/** The agreement as Markdown. */
export function agreementMarkdown(input: AgreementInput): string {
  return toMarkdown(agreementBlocks(input));
}

/** The agreement as a standalone HTML page; every text is escaped. */
export function agreementHtml(input: AgreementInput): string {
  return toHtml(agreementBlocks(input), `Lead contract, version ${input.version}`);
}
