import type { LeadContract } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { exampleContract } from '../scoring/example-contract.js';
import { type AgreementInput, agreementHtml, agreementMarkdown } from './agreement.js';
import { minutesInWords } from './describe-rule.js';
import { escapeMarkdown } from './render-blocks.js';

const input = (overrides: Partial<AgreementInput> = {}): AgreementInput => ({
  version: 3,
  status: 'active',
  contract: exampleContract,
  author: 'Morgan Lee',
  createdAt: new Date('2031-01-02T08:00:00Z'),
  effectiveAt: new Date('2031-01-05T09:30:00Z'),
  activatedAt: new Date('2031-01-05T09:30:00Z'),
  rolledBackFrom: null,
  signatures: [
    {
      name: 'Morgan Lee',
      side: 'marketing',
      decision: 'approve',
      at: new Date('2031-01-03T10:00:00Z'),
      comment: null,
    },
    {
      name: 'Sam Rivera',
      side: 'sales',
      decision: 'approve',
      at: new Date('2031-01-05T09:30:00Z'),
      comment: 'OK',
    },
  ],
  ...overrides,
});

describe('the agreement page', () => {
  const md = agreementMarkdown(input());

  it('states the version, its status and the MQL definition in words', () => {
    expect(md.startsWith('# Lead contract, version 3: Inbound B2B — 2025 H2\n')).toBe(true);
    expect(md).toContain('Status: In force. In force since 2031-01-05 09:30 UTC.');
    expect(md).toContain(
      'A lead becomes a marketing\\-qualified lead (MQL) when it raises its hand (“Demo requested” or “Pricing inquiry”), or when its fit grade is B or better and its interest is at least 40 points, unless one of the exclusions below applies.'.replace(
        '\\-',
        '-',
      ),
    );
    expect(md).toContain('- Competitor: the company’s domain is at “rivalytics.com” or “funnelforge.io”');
    expect(md).toContain('Grade A from 60 points, B from 40, C from 20, D from 0.');
    expect(md).toContain(
      '- Executive title: the contact’s job title contains one of the words “chief”, “ceo”, “cto”, “cmo”, “cro”, “founder”, “vp” or “vice president” (+20 points)',
    );
    expect(md).toContain('- Trial started: a “Trial Started” event (+25 points, once only)');
    expect(md).toContain(
      '- Pricing inquiry: a “Contact Sales” event where property “topic” is “pricing” (+40 points)',
    );
    expect(md).toContain(
      '- Careers page: a page view at /careers\\* (\\-10 points, once only)'.replace('\\-', '-'),
    );
    expect(md).toContain('Interest points fade by half every 30 days and count up to 150 points in all.');
  });

  it('says what each team commits to, with the reasons and service levels', () => {
    expect(md).toContain('## Marketing commits to');
    expect(md).toContain(
      'Deliver what sales requests (a campaign, an asset, support for a deal) within 3 days.',
    );
    expect(md).toContain('## Sales commits to');
    expect(md).toContain('- Make the first touch on every MQL within 1 hour.');
    expect(md).toContain('- Accept or return every MQL within 4 hours, giving one of the reasons below');
    expect(md).toContain('A named person at a company in our target countries;');
    expect(md).toContain(
      'The owner is warned when 75% of a clock’s time has passed; a lead still untouched after 8 hours is reassigned.',
    );
    expect(md).toContain('| Reject | not-icp | Outside our ideal customer profile |');
    expect(md).toContain('| Recycle | timing | Interested, but not this quarter |');
    expect(md).toContain('| Accept or return an MQL (sales) | 4 hours |');
  });

  it('lists the signatures with names and dates, and what is still missing', () => {
    expect(md).toContain('Drafted by Morgan Lee on 2031-01-02 08:00 UTC.');
    expect(md).toContain('| Marketing | Morgan Lee | Approved | 2031-01-03 10:00 UTC |  |');
    expect(md).toContain('| Sales | Sam Rivera | Approved | 2031-01-05 09:30 UTC | OK |');
    const pending = agreementMarkdown(
      input({ status: 'submitted', activatedAt: null, signatures: input().signatures.slice(0, 1) }),
    );
    expect(pending).toContain('Status: Submitted, awaiting signatures. Takes effect 2031-01-05 09:30 UTC.');
    expect(pending).toContain('| Sales |  | Awaiting signature |  |  |');
    expect(agreementMarkdown(input({ rolledBackFrom: 1 }))).toContain('This version restores version 1.');
  });

  it('escapes what people wrote, in Markdown and in HTML', () => {
    const hostile: LeadContract = structuredClone(exampleContract);
    hostile.name = '<script>alert(1)</script> *bold* [link](javascript:x)';
    hostile.fit.rules[0]!.label = '# heading | pipe';
    const page = agreementHtml(input({ contract: hostile, author: '<img src=x onerror=alert(1)>' }));
    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; *bold*');
    expect(page).toContain('<title>Lead contract, version 3</title>');
    const text = agreementMarkdown(input({ contract: hostile }));
    expect(text).toContain('\\<script\\>alert(1)\\</script\\> \\*bold\\* \\[link\\](javascript:x)');
    expect(text).toContain('- \\# heading \\| pipe:');
  });
});

describe('words', () => {
  it('says durations as people do', () => {
    expect(minutesInWords(1)).toBe('1 minute');
    expect(minutesInWords(60)).toBe('1 hour');
    expect(minutesInWords(90)).toBe('1 hour 30 minutes');
    expect(minutesInWords(2880)).toBe('2 days');
    expect(minutesInWords(1500)).toBe('1 day 1 hour');
  });

  it('escapes Markdown block markers only where a line starts', () => {
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('1. one')).toBe('1\\. one');
    expect(escapeMarkdown('a - b 1. c')).toBe('a - b 1. c');
    expect(escapeMarkdown('two\nlines')).toBe('two lines');
  });
});
