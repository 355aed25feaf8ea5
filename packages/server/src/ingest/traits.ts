import type { ContactFields } from '../store/contact.repo.js';

/** Account columns set from Segment `group` traits. */
export interface AccountFields {
  name?: string;
  industry?: string;
  employees?: number;
  country?: string;
  domain?: string;
}

type Bag = Record<string, unknown>;
const maxLength = 500;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const isBag = (value: unknown): value is Bag =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const s = String(value).trim();
  return s === '' ? undefined : s.slice(0, maxLength);
}

/** A normalised email address, or undefined when the value is not one. */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.trim().toLowerCase();
  return email.length <= 320 && emailPattern.test(email) ? email : undefined;
}

/** The lower-case host of a domain, URL or email, without `www.`; undefined when there is none. */
export function normalizeDomain(value: unknown): string | undefined {
  const raw = text(value)?.toLowerCase();
  if (!raw) return undefined;
  let host = raw.includes('@') ? raw.slice(raw.lastIndexOf('@') + 1) : raw;
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/?#:]/, 1)[0] ?? '';
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && host.length <= 253 ? host : undefined;
}

/** The company domain of an email; undefined for free-mail providers (they name no company). */
export function companyDomain(email: string, freemailDomains: ReadonlySet<string>): string | undefined {
  const domain = normalizeDomain(email);
  return domain && !freemailDomains.has(domain) ? domain : undefined;
}

function pick(traits: Bag, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = text(traits[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

const addressCountry = (traits: Bag): string | undefined =>
  isBag(traits.address) ? text(traits.address.country) : undefined;

const contactKeys = new Set([
  'email',
  'firstName',
  'first_name',
  'lastName',
  'last_name',
  'name',
  'title',
  'jobTitle',
  'job_title',
  'phone',
  'country',
]);

/**
 * Splits Segment identify traits into contact columns and the rest.
 * @example contactTraits({ email: 'A@x.io', firstName: 'Ada', plan: 'pro' })
 *   // → { fields: { email: 'a@x.io', first_name: 'Ada' }, rest: { plan: 'pro' } }
 */
export function contactTraits(traits: Bag): { fields: ContactFields; rest: Bag } {
  const fields: ContactFields = {};
  const email = normalizeEmail(traits.email);
  if (email) fields.email = email;
  let first = pick(traits, 'firstName', 'first_name');
  let last = pick(traits, 'lastName', 'last_name');
  const full = pick(traits, 'name');
  if (full && !first && !last) {
    const space = full.indexOf(' ');
    first = space < 0 ? full : full.slice(0, space);
    last = space < 0 ? undefined : full.slice(space + 1).trim() || undefined;
  }
  if (first) fields.first_name = first;
  if (last) fields.last_name = last;
  const title = pick(traits, 'title', 'jobTitle', 'job_title');
  if (title) fields.title = title;
  const phone = pick(traits, 'phone');
  if (phone) fields.phone = phone;
  const country = pick(traits, 'country') ?? addressCountry(traits);
  if (country) fields.country = country;
  const rest: Bag = {};
  for (const [key, value] of Object.entries(traits)) {
    if (contactKeys.has(key) && !(key === 'email' && !email)) continue;
    Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { fields, rest };
}

const accountKeys = new Set(['name', 'industry', 'employees', 'country', 'domain', 'website']);

function employeeCount(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/[,_ ]/g, '')) : NaN;
  return Number.isFinite(n) && n >= 0 && n <= 2_000_000_000 ? Math.round(n) : undefined;
}

/** Splits Segment group traits into account columns and the rest. */
export function accountTraits(traits: Bag): { fields: AccountFields; rest: Bag } {
  const fields: AccountFields = {};
  const name = pick(traits, 'name');
  if (name) fields.name = name;
  const industry = pick(traits, 'industry');
  if (industry) fields.industry = industry;
  const employees = employeeCount(traits.employees);
  if (employees !== undefined) fields.employees = employees;
  const country = pick(traits, 'country') ?? addressCountry(traits);
  if (country) fields.country = country;
  const domain = normalizeDomain(traits.domain) ?? normalizeDomain(traits.website);
  if (domain) fields.domain = domain;
  const rest: Bag = {};
  for (const [key, value] of Object.entries(traits)) {
    if (accountKeys.has(key)) continue;
    Object.defineProperty(rest, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { fields, rest };
}

/** The company name a trait set mentions (`company: "Acme"` or `company: { name: "Acme" }`). */
export function companyName(traits: Bag): string | undefined {
  return text(traits.company) ?? (isBag(traits.company) ? text(traits.company.name) : undefined);
}
