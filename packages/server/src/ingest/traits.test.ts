import { describe, expect, it } from 'vitest';
import { accountTraits, companyDomain, contactTraits, normalizeDomain, normalizeEmail } from './traits.js';

describe('traits', () => {
  it('maps identify traits to contact columns and keeps the rest', () => {
    const { fields, rest } = contactTraits({
      email: ' Ada@Acme.IO ',
      firstName: 'Ada',
      last_name: 'Lovelace',
      title: 'CTO',
      phone: '+44 1',
      address: { country: 'UK' },
      plan: 'pro',
    });
    expect(fields).toEqual({
      email: 'ada@acme.io',
      first_name: 'Ada',
      last_name: 'Lovelace',
      title: 'CTO',
      phone: '+44 1',
      country: 'UK',
    });
    expect(rest).toEqual({ address: { country: 'UK' }, plan: 'pro' });
  });

  it('splits a full name, and keeps an invalid email as a plain trait', () => {
    expect(contactTraits({ name: 'Grace Brewster Hopper' }).fields).toEqual({
      first_name: 'Grace',
      last_name: 'Brewster Hopper',
    });
    expect(contactTraits({ email: 'not-an-email' })).toEqual({ fields: {}, rest: { email: 'not-an-email' } });
  });

  it('keeps a "__proto__" trait as an ordinary key', () => {
    const { rest } = contactTraits(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(rest)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps group traits to account columns', () => {
    const { fields, rest } = accountTraits({
      name: 'Acme',
      industry: 'Software',
      employees: '1,200',
      website: 'https://www.acme.io/about',
      plan: 'enterprise',
    });
    expect(fields).toEqual({ name: 'Acme', industry: 'Software', employees: 1200, domain: 'acme.io' });
    expect(rest).toEqual({ plan: 'enterprise' });
  });

  it('normalises emails and domains', () => {
    expect(normalizeEmail('a b@c.io')).toBeUndefined();
    expect(normalizeDomain('https://WWW.Acme.io:8080/x?y')).toBe('acme.io');
    expect(normalizeDomain('ada@sub.acme.io')).toBe('sub.acme.io');
    expect(normalizeDomain('acme')).toBeUndefined();
  });

  it('finds no company behind a free-mail address', () => {
    const freemail = new Set(['gmail.com']);
    expect(companyDomain('ada@gmail.com', freemail)).toBeUndefined();
    expect(companyDomain('ada@acme.io', freemail)).toBe('acme.io');
  });
});
