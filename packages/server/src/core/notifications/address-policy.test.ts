import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyAddress, classifyHost, parseIPv6 } from './address-policy.js';

const hostOf = (url: string) => new URL(url).hostname;

describe('webhook address policy', () => {
  it.each([
    'http://127.0.0.1/',
    'http://10.0.0.1/',
    'http://[::1]/',
    'http://localhost/',
    'http://api.localhost/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::a00:1]/',
    'http://[2002:7f00:1::]/',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'http://[ff02::1]/',
    'http://[::]/',
    'http://0.0.0.0/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://172.16.5.4/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
  ])('refuses %s', (url) => {
    expect(classifyHost(hostOf(url)).allowed).toBe(false);
  });

  it.each([
    'https://hooks.example.com/x',
    'http://8.8.8.8/',
    'http://172.32.0.1/',
    'http://100.128.0.1/',
    'http://[2606:4700::1111]/',
  ])('allows %s', (url) => {
    expect(classifyHost(hostOf(url))).toEqual({ allowed: true });
  });

  it('parses IPv6 spellings', () => {
    expect(parseIPv6('::1')).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(parseIPv6('1:2:3:4:5:6:7:8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseIPv6('1::2::3')).toBeNull();
    expect(parseIPv6('1:2:3:4:5:6:7:8:9')).toBeNull();
    expect(parseIPv6('fe80::1%eth0')).toEqual([0xfe80, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('refuses every private IPv4 address also in its IPv4-mapped IPv6 form', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(octet, octet, octet, octet, (a, b, c, d) => {
        const dotted = `${a}.${b}.${c}.${d}`;
        const mapped = `::ffff:${dotted}`;
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        const verdict = classifyAddress(dotted).allowed;
        expect(classifyAddress(mapped).allowed).toBe(verdict);
        expect(classifyAddress(hex).allowed).toBe(verdict);
        expect(classifyHost(hostOf(`http://[${mapped}]/`)).allowed).toBe(verdict);
        if (a === 10 || a === 127 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b < 32)) {
          expect(verdict).toBe(false);
        }
      }),
    );
  });
});
