import {
  type CountrySpec,
  countries,
  demoSizes,
  freemailDomains,
  industries,
  type Seniority,
  sizeBands,
  titles,
} from './catalog.js';
import type { DemoContext, Row } from './context.js';
import { chance, day, intBetween, logUniformInt } from './random.js';

export interface DemoAccount {
  row: Row<'account'> & { id: string; name: string; domain: string };
  employees: number;
  targetIndustry: boolean;
  country: CountrySpec;
  isPartnerAccount: boolean;
}

export interface DemoContact {
  row: Row<'contact'> & { id: string; created_at: Date };
  account: DemoAccount | undefined;
  seniority: Seniority;
  anonymousIds: string[];
  userId: string | null;
}

const nameStopWords = new Set(['and', 'llc', 'inc', 'group', 'sons', 'ltd']);

function domainStem(companyName: string): string {
  const words = companyName
    .toLowerCase()
    .normalize('NFKD')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !nameStopWords.has(w));
  return words.slice(0, words.length > 1 && words[0]!.length < 5 ? 2 : 1).join('') || 'company';
}

const stemSuffixes = ['hq', 'labs', 'app', 'data', 'cloud', 'tech'];

/** ~300 companies with unique domains, sizes spread over orders of magnitude, a fifth owned by reps. */
export function generateAccounts(ctx: DemoContext): DemoAccount[] {
  const { f } = ctx;
  const reps = [ctx.users.rep1, ctx.users.rep2, ctx.users.rep3];
  const domains = new Set<string>();
  const accounts: DemoAccount[] = [];
  for (let i = 0; i < demoSizes.accounts; i++) {
    const name = f.company.name();
    const country = f.helpers.weightedArrayElement(countries);
    const industry = f.helpers.weightedArrayElement(industries);
    const [min, max] = f.helpers.weightedArrayElement(sizeBands);
    const employees = logUniformInt(f, min, max);
    const tld = f.helpers.arrayElement(country.tlds);
    let stem = domainStem(name);
    let domain = `${stem}.${tld}`;
    for (let n = 0; domains.has(domain); n++) {
      stem = `${domainStem(name)}${stemSuffixes[n % stemSuffixes.length]}${n >= stemSuffixes.length ? n : ''}`;
      domain = `${stem}.${tld}`;
    }
    domains.add(domain);
    const createdMs = ctx.startMs - intBetween(f, 0, 200) * day;
    // Partner accounts first so that their count does not depend on later draws.
    const isPartnerAccount = i % 15 === 7;
    const owner = !isPartnerAccount && chance(f, 0.2) ? f.helpers.arrayElement(reps) : null;
    accounts.push({
      row: {
        workspace_id: ctx.workspaceId,
        id: ctx.id(createdMs),
        domain,
        name,
        industry: industry.name,
        employees,
        country: country.code,
        region: country.region,
        traits: JSON.stringify({
          website: `https://www.${domain}`,
          founded: intBetween(f, 1975, 2022),
          technologies: f.helpers.arrayElements(['Segment', 'HubSpot', 'Salesforce', 'Snowflake', 'dbt'], {
            min: 0,
            max: 3,
          }),
        }),
        owner_id: owner,
        partner_id: isPartnerAccount ? ctx.partnerId : null,
        created_at: new Date(createdMs),
        updated_at: new Date(createdMs),
      },
      employees,
      targetIndustry: industry.target,
      country,
      isPartnerAccount,
    });
  }
  return accounts;
}

function emailLocal(first: string, last: string, style: number): string {
  const clean = (s: string) =>
    s
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, '');
  const [a, b] = [clean(first) || 'x', clean(last) || 'y'];
  return [`${a}.${b}`, `${a}${b[0]}`, `${a[0]}${b}`, a][style % 4]!;
}

/**
 * ~2,000 people: most at the accounts (bigger companies have more), some on free-mail addresses
 * and some at companies Tandem has no account for yet; each with one or two browser ids.
 */
export function generateContacts(ctx: DemoContext, accounts: readonly DemoAccount[]): DemoContact[] {
  const { f } = ctx;
  const emails = new Set<string>();
  const weightedAccounts = accounts.map((a) => ({ weight: Math.log10(a.employees + 10), value: a }));
  const contacts: DemoContact[] = [];
  for (let i = 0; i < demoSizes.contacts; i++) {
    const kind = f.helpers.weightedArrayElement([
      { weight: 80, value: 'account' as const },
      { weight: 12, value: 'freemail' as const },
      { weight: 8, value: 'unknown_company' as const },
    ]);
    const account = kind === 'account' ? f.helpers.weightedArrayElement(weightedAccounts) : undefined;
    const first = f.person.firstName();
    const last = f.person.lastName();
    const title = f.helpers.weightedArrayElement(titles);
    const domain =
      account?.row.domain ??
      (kind === 'freemail' ? f.helpers.arrayElement(freemailDomains) : `${domainStem(f.company.name())}.com`);
    let local = emailLocal(first, last, intBetween(f, 0, 3));
    for (let n = 2; emails.has(`${local}@${domain}`); n++) local = `${emailLocal(first, last, 0)}${n}`;
    const email = `${local}@${domain}`;
    emails.add(email);
    const createdMs = ctx.startMs + intBetween(f, 0, ctx.nowMs - ctx.startMs);
    const country = account?.country.code ?? f.helpers.weightedArrayElement(countries).code;
    const anonymousIds = [f.string.uuid()];
    if (chance(f, 0.35)) anonymousIds.push(f.string.uuid());
    contacts.push({
      row: {
        workspace_id: ctx.workspaceId,
        id: ctx.id(createdMs),
        email,
        first_name: first,
        last_name: last,
        title: kind === 'freemail' && chance(f, 0.4) ? null : title.title,
        phone: chance(f, 0.45) ? f.phone.number({ style: 'international' }) : null,
        country,
        account_id: account?.row.id ?? null,
        owner_id: null,
        partner_id: account?.isPartnerAccount ? ctx.partnerId : null,
        traits: JSON.stringify({ seniority: title.seniority, department: title.department }),
        consent: JSON.stringify(
          chance(f, 0.7)
            ? { email: { status: 'granted', at: new Date(createdMs).toISOString() } }
            : { email: { status: 'unknown' } },
        ),
        created_at: new Date(createdMs),
        updated_at: new Date(createdMs),
      },
      account,
      seniority: title.seniority,
      anonymousIds,
      userId: chance(f, 0.25) ? `usr_${f.string.alphanumeric(10)}` : null,
    });
  }
  return contacts;
}

export function identityRows(ctx: DemoContext, contacts: readonly DemoContact[]): Row<'identity'>[] {
  const rows: Row<'identity'>[] = [];
  for (const contact of contacts) {
    const at = contact.row.created_at;
    for (const value of contact.anonymousIds) {
      rows.push({
        workspace_id: ctx.workspaceId,
        id: ctx.id(at.getTime()),
        kind: 'anonymous_id',
        value,
        contact_id: contact.row.id,
        created_at: at,
      });
    }
    if (contact.userId) {
      rows.push({
        workspace_id: ctx.workspaceId,
        id: ctx.id(at.getTime()),
        kind: 'user_id',
        value: contact.userId,
        contact_id: contact.row.id,
        created_at: at,
      });
    }
  }
  return rows;
}
