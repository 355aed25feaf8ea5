const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, whole: boolean): Intl.NumberFormat {
  const key = `${currency}:${whole}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...(whole ? { minimumFractionDigits: 0, maximumFractionDigits: 0 } : {}),
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Integer cents as money, exactly: `123456` → `$1,234.56`. The cents are split with integer
 * arithmetic, so large amounts never pick up floating-point noise. `whole` drops the cents.
 */
export function formatCents(cents: number, currency = 'USD', options: { whole?: boolean } = {}): string {
  const whole = options.whole ?? false;
  const f = formatterFor(currency, whole);
  const negative = cents < 0;
  const abs = Math.abs(Math.trunc(cents));
  const units = Math.floor(abs / 100);
  const rest = abs % 100;
  if (whole) {
    const text = f.format(units + (rest >= 50 ? 1 : 0));
    return negative ? `−${text}` : text;
  }
  // Format the whole units, then put the exact two-digit cents in place of the formatter's.
  const text = f.format(units).replace(/\.\d+$/, '');
  const withCents = /\d$/.test(text) ? `${text}.${String(rest).padStart(2, '0')}` : text;
  return negative ? `−${withCents}` : withCents;
}

/**
 * A money amount typed by a person, in major units, as integer cents: `1250`, `1,250.5`,
 * `$1,250.50`. Null when it is not a non-negative amount with at most two decimals.
 */
export function parseMoney(text: string): number | null {
  const cleaned = text.trim().replace(/^\$/, '').replace(/,/g, '');
  const match = /^(\d+)(?:\.(\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents as a plain decimal for an input field: `125050` → `1250.50`. */
export function centsToInput(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** A share in [0, 1] as a percentage with one decimal, `—` when unknown. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(1)} %`;
}

/** Return on investment, (revenue − cost) / cost, as a percentage; `—` without cost. */
export function formatRoi(roi: number | null | undefined): string {
  if (roi === null || roi === undefined || !Number.isFinite(roi)) return '—';
  const pct = Math.round(roi * 100);
  return `${pct < 0 ? '−' : pct > 0 ? '+' : ''}${Math.abs(pct).toLocaleString('en-US')} %`;
}
