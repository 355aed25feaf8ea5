import { describe, expect, it } from 'vitest';
import { type JointReportData, money, renderJointReport, svgBars, svgFunnel } from './joint-report.js';

const data: JointReportData = {
  workspaceName: 'Acme <Analytics>',
  from: new Date('2031-05-26T00:00:00Z'),
  to: new Date('2031-06-02T00:00:00Z'),
  currency: 'USD',
  goal: {
    name: 'Q2 "stretch"',
    targetCents: 100_000_00,
    wonCents: 40_000_00,
    projectedCents: 90_000_00,
    elapsedShare: 0.5,
    onTrack: false,
    marketing: [{ label: 'MQLs', actual: 12, required: 30.2 }],
    sales: [{ label: 'Deals won', actual: 2, required: null }],
  },
  pipeline: { totalCents: 200_000_00, sourcedCents: 50_000_00, influencedCents: 150_000_00 },
  funnel: [
    { stage: 'Leads', leads: 100 },
    { stage: 'MQLs', leads: 40 },
    { stage: 'Won', leads: 0 },
  ],
  attainment: [{ side: 'marketing', kind: 'marketing_request', met: 3, breached: 1, rate: 0.75 }],
  rejections: [{ reason: '<script>alert(1)</script>', count: 4 }],
  campaigns: [{ name: 'Spring webinar', pipelineCents: 80_000_00 }],
  link: 'https://tandem.example/api/v1/reports/joint?week=2031-05-26&format=html',
};

describe('the joint report email', () => {
  it('says the headline figures in HTML and text, escaping every value', () => {
    const { subject, html, text } = renderJointReport(data);
    expect(subject).toBe('Acme <Analytics>: the joint revenue report, week of 2031-05-26');
    expect(html).toContain('Acme &lt;Analytics&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('marketing sourced <strong>$50,000</strong> (25%)');
    expect(html).toContain('Q2 &quot;stretch&quot;');
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).not.toMatch(/src="http|href="http:\/\/(?!tandem)/);
    expect(text).toContain('Funnel: Leads 100 → MQLs 40 → Won 0.');
    expect(text).toContain('Marketing: marketing request 75% (3 met, 1 breached)');
    expect(text).toContain(`Open it in Tandem: ${data.link}`);
  });

  it('says plainly when there is no goal and nothing to chart', () => {
    const { html, text } = renderJointReport({
      ...data,
      goal: null,
      rejections: [],
      campaigns: [],
      attainment: [],
    });
    expect(html).toContain('No revenue goal covers this week');
    expect(html).toContain('Nothing this week');
    expect(text).toContain('Why leads came back: none.');
  });

  it('scales bars to the largest value and the funnel by step', () => {
    const bars = svgBars(
      [
        { label: 'a', value: 10, display: '10' },
        { label: 'b', value: 5, display: '5' },
      ],
      { title: 't' },
    );
    expect(bars).toContain('width="210"');
    expect(bars).toContain('width="105"');
    expect(svgFunnel(data.funnel)).toContain('MQLs: 40 (40%)');
    expect(money(123_456_789, 'EUR')).toBe('€1,234,568');
  });
});
