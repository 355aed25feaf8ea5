import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderTemplate, unknownVariables } from './template.js';

describe('renderTemplate', () => {
  const template = {
    subject: 'Hi {{contact.firstName | "there"}}, news for {{ account.name }}',
    html: '<p>Hello {{contact.firstName}}</p><p>{{rep.name}} from us</p>',
    text: 'Hello {{contact.firstName}}\n{{rep.name}}',
  };

  it('fills variables, escapes HTML values only, uses defaults', () => {
    const r = renderTemplate(template, {
      'contact.firstName': 'Ada <b>',
      'account.name': 'Acme & Co',
      'rep.name': 'Rita',
    });
    expect(r.subject).toBe('Hi Ada <b>, news for Acme & Co');
    expect(r.html).toBe('<p>Hello Ada &lt;b&gt;</p><p>Rita from us</p>');
    expect(r.text).toBe('Hello Ada <b>\nRita');
    expect(r.missing).toEqual([]);
  });

  it('reports missing values without a default and unknown names', () => {
    const r = renderTemplate(
      { ...template, text: '{{contact.nickname}} {{rep.name}}' },
      { 'contact.firstName': ' ' },
    );
    expect(r.subject).toBe('Hi there, news for');
    expect(r.missing).toEqual(['account.name', 'contact.firstName', 'rep.name']);
    expect(r.unknown).toEqual(['contact.nickname']);
    expect(unknownVariables({ ...template, html: '{{deal.amount}}' })).toEqual(['deal.amount']);
  });

  it('keeps the subject on one line', () => {
    expect(
      renderTemplate({ subject: 'A {{account.name}}', html: '', text: '' }, { 'account.name': 'x\r\nBcc: y' })
        .subject,
    ).toBe('A x Bcc: y');
  });

  it('a default may hold escaped quotes and is escaped in HTML', () => {
    const r = renderTemplate({ subject: '', html: '{{rep.name | "the \\"team\\" <3"}}', text: '' }, {});
    expect(r.html).toBe('the &quot;team&quot; &lt;3');
  });

  it('no value can inject markup into the HTML part', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const r = renderTemplate(
          { subject: '', html: '<p>{{contact.title}}</p>', text: '' },
          { 'contact.title': value },
        );
        expect(r.html).toBe(`<p>${escapeHtml(value.trim())}</p>`);
        expect(r.html.slice(3, -4)).not.toMatch(/[<>"]/);
      }),
    );
  });
});
