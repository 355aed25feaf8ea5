/**
 * A contact's email consent, read from `contact.consent.email`: `{ status: 'granted' |
 * 'unknown' | 'denied' }` (a bare boolean is accepted too). `revoked`, `withdrawn`, `opt_out`
 * and `false` count as denied. Nurture email goes to granted and unknown contacts unless the
 * program requires opt-in; an explicit denial is always respected.
 */
export type EmailConsent = 'granted' | 'unknown' | 'denied';

const denied = new Set(['denied', 'revoked', 'withdrawn', 'opt_out', 'opted_out', 'declined']);
const granted = new Set(['granted', 'opt_in', 'opted_in', 'given']);

export function emailConsentOf(consent: unknown): EmailConsent {
  if (!consent || typeof consent !== 'object') return 'unknown';
  const email = (consent as Record<string, unknown>).email;
  if (email === false) return 'denied';
  if (email === true) return 'granted';
  if (!email || typeof email !== 'object') return 'unknown';
  const status = String((email as Record<string, unknown>).status ?? '').toLowerCase();
  if (denied.has(status)) return 'denied';
  if (granted.has(status)) return 'granted';
  return 'unknown';
}

/** What a send may go ahead under: a denial never; unknown only when opt-in is not required. */
export const consentAllows = (consent: EmailConsent, requireOptIn: boolean): boolean =>
  consent === 'granted' || (consent === 'unknown' && !requireOptIn);
