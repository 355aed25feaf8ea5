/**
 * Which network addresses a webhook may reach. Outbound requests to addresses chosen by a user
 * are a classic server-side request forgery: a URL pointing at 127.0.0.1, the cloud metadata
 * service (169.254.169.254) or the office network would let an admin of one workspace probe or
 * call what only the server can reach. Everything that is not a public unicast address is
 * refused, in every spelling (IPv4-mapped IPv6, NAT64, 6to4 …).
 */
export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

const allowed: AddressVerdict = { allowed: true };
const refused = (reason: string): AddressVerdict => ({ allowed: false, reason });

/** Parses strict dotted-quad IPv4 into a 32-bit number; null when it is not one. */
export function parseIPv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Parses IPv6 (with `::` and a trailing dotted quad) into eight 16-bit groups; null when invalid. */
export function parseIPv6(text: string): number[] | null {
  let input = text.toLowerCase();
  const zone = input.indexOf('%');
  if (zone >= 0) input = input.slice(0, zone);
  if (!/^[0-9a-f:.]+$/.test(input)) return null;
  if (input.includes('.')) {
    // A trailing dotted quad stands for the last two groups.
    const lastColon = input.lastIndexOf(':');
    const quad = parseIPv4(input.slice(lastColon + 1));
    if (quad === null || lastColon < 0) return null;
    input = `${input.slice(0, lastColon + 1)}${Math.floor(quad / 65536).toString(16)}:${(quad % 65536).toString(16)}`;
  }
  const halves = input.split('::');
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === '') return [];
    const out: number[] = [];
    for (const g of half.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0] ?? '');
  if (head === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const rest = groups(halves[1] ?? '');
  if (rest === null) return null;
  const missing = 8 - head.length - rest.length;
  if (missing < 1) return null;
  return [...head, ...new Array<number>(missing).fill(0), ...rest];
}

const v4 = (a: number, b: number, c: number, d: number) => ((a * 256 + b) * 256 + c) * 256 + d;
const inV4 = (ip: number, base: number, bits: number) =>
  Math.floor(ip / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));

const v4Blocks: ReadonlyArray<[number, number, string]> = [
  [v4(0, 0, 0, 0), 8, 'this network (0.0.0.0/8)'],
  [v4(10, 0, 0, 0), 8, 'private (10.0.0.0/8)'],
  [v4(100, 64, 0, 0), 10, 'carrier-grade NAT (100.64.0.0/10)'],
  [v4(127, 0, 0, 0), 8, 'loopback (127.0.0.0/8)'],
  [v4(169, 254, 0, 0), 16, 'link-local (169.254.0.0/16)'],
  [v4(172, 16, 0, 0), 12, 'private (172.16.0.0/12)'],
  [v4(192, 0, 0, 0), 24, 'IETF protocol assignments (192.0.0.0/24)'],
  [v4(192, 0, 2, 0), 24, 'documentation (192.0.2.0/24)'],
  [v4(192, 88, 99, 0), 24, '6to4 relay (192.88.99.0/24)'],
  [v4(192, 168, 0, 0), 16, 'private (192.168.0.0/16)'],
  [v4(198, 18, 0, 0), 15, 'benchmarking (198.18.0.0/15)'],
  [v4(198, 51, 100, 0), 24, 'documentation (198.51.100.0/24)'],
  [v4(203, 0, 113, 0), 24, 'documentation (203.0.113.0/24)'],
  [v4(224, 0, 0, 0), 4, 'multicast (224.0.0.0/4)'],
  [v4(240, 0, 0, 0), 4, 'reserved (240.0.0.0/4)'],
];

export function classifyIPv4(ip: number): AddressVerdict {
  for (const [base, bits, reason] of v4Blocks) if (inV4(ip, base, bits)) return refused(reason);
  return allowed;
}

export function classifyIPv6(g: readonly number[]): AddressVerdict {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = g6 * 65536 + g7;
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return refused('unspecified (::)');
  if (zeroUpTo(7) && g7 === 1) return refused('loopback (::1)');
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d): the IPv4 rules apply.
  if (zeroUpTo(5) && g5 === 0xffff) return tagged(classifyIPv4(embedded), 'IPv4-mapped');
  if (zeroUpTo(6)) return tagged(classifyIPv4(embedded), 'IPv4-compatible');
  // ::ffff:0:a.b.c.d (SIIT) and NAT64 64:ff9b::/96 and 64:ff9b:1::/48 also carry an IPv4 address.
  if (zeroUpTo(4) && g4 === 0xffff && g5 === 0) return tagged(classifyIPv4(embedded), 'IPv4-translated');
  if (g0 === 0x64 && g1 === 0xff9b) return tagged(classifyIPv4(embedded), 'NAT64');
  if (g0 === 0x2002) return tagged(classifyIPv4(g1 * 65536 + g2), '6to4');
  if (g0 === 0x2001 && g1 === 0) return refused('Teredo (2001::/32)');
  if (g0 === 0x2001 && g1 === 0xdb8) return refused('documentation (2001:db8::/32)');
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return refused('discard-only (100::/64)');
  if ((g0 & 0xfe00) === 0xfc00) return refused('unique local (fc00::/7)');
  if ((g0 & 0xffc0) === 0xfe80) return refused('link-local (fe80::/10)');
  if ((g0 & 0xffc0) === 0xfec0) return refused('site-local (fec0::/10)');
  if ((g0 & 0xff00) === 0xff00) return refused('multicast (ff00::/8)');
  return allowed;
}

function tagged(verdict: AddressVerdict, form: string): AddressVerdict {
  return verdict.allowed ? verdict : refused(`${verdict.reason} in ${form} form`);
}

/** The verdict for an IP address in text (IPv4 or IPv6); a non-address is refused. */
export function classifyAddress(address: string): AddressVerdict {
  const ip4 = parseIPv4(address);
  if (ip4 !== null) return classifyIPv4(ip4);
  const ip6 = parseIPv6(address.replace(/^\[|\]$/g, ''));
  if (ip6 !== null) return classifyIPv6(ip6);
  return refused('not an IP address');
}

/** Whether a host name (not an address) must be refused before any lookup. */
export function classifyHostName(hostname: string): AddressVerdict {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return refused('localhost');
  return allowed;
}

/**
 * The verdict for a URL's host as written: addresses are classified, names checked for
 * localhost; names that resolve to refused addresses are caught at delivery, after resolution.
 * `hostname` is WHATWG URL's (IPv4 shorthand such as 2130706433 already normalised, IPv6 in
 * brackets).
 */
export function classifyHost(hostname: string): AddressVerdict {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (parseIPv4(bare) !== null || bare.includes(':')) return classifyAddress(bare);
  return classifyHostName(bare);
}

/** Whether `text` is an IP address (IPv4 dotted quad or IPv6, brackets allowed). */
export function isIpAddress(text: string): boolean {
  const bare = text.replace(/^\[|\]$/g, '');
  return parseIPv4(bare) !== null || parseIPv6(bare) !== null;
}
