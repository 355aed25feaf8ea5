import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrackableUrl, parseClickToken, trackEmail } from './tracking.js';

const base = 'https://t.example.com';
const token = 'AbCdEfGhIjKlMnOpQrStUv';

describe('trackEmail', () => {
  it('rewrites http(s) links, one index per distinct URL, in HTML and text', () => {
    const tracked = trackEmail({
      html: '<html><body><a href="https://acme.io/a?x=1&amp;y=2">A</a> <a href=\'https://acme.io/b\'>B</a> <a href="mailto:x@y.z">m</a> <a href="https://acme.io/a?x=1&amp;y=2">again</a></body></html>',
      text: 'See https://acme.io/b and https://acme.io/c.',
      base,
      token,
    });
    expect(tracked.links).toEqual(['https://acme.io/a?x=1&y=2', 'https://acme.io/b', 'https://acme.io/c.']);
    expect(tracked.html).toContain(`<a href="${base}/t/c/${token}.0">A</a>`);
    expect(tracked.html).toContain(`<a href="${base}/t/c/${token}.1">B</a>`);
    expect(tracked.html).toContain('href="mailto:x@y.z"');
    expect(tracked.html).toContain(`<a href="${base}/t/c/${token}.0">again</a>`);
    expect(tracked.html).toContain(`<a href="${base}/u/${token}">Unsubscribe</a>`);
    expect(tracked.html).toMatch(new RegExp(`<img src="${base}/t/o/${token}.gif"[^>]*>\\n</body>`));
    expect(tracked.text).toContain(`See ${base}/t/c/${token}.1 and ${base}/t/c/${token}.2`);
    expect(tracked.text).toContain(`Unsubscribe: ${base}/u/${token}`);
  });

  it('only http(s) URLs are trackable', () => {
    expect(isTrackableUrl('https://a.io')).toBe(true);
    for (const url of ['javascript:alert(1)', '//evil.io', '/relative', 'data:text/html,x', 'ftp://a.io'])
      expect(isTrackableUrl(url), url).toBe(false);
  });

  it('parses click tokens strictly', () => {
    expect(parseClickToken(`${token}.3`)).toEqual({ token, index: 3 });
    for (const bad of [token, `${token}.`, `${token}.x`, `short.1`, `${token}.1.2`, `${token}.12345`])
      expect(parseClickToken(bad), bad).toBeNull();
  });

  it('every link in the result points at the tracking base, except mailto and the like', () => {
    fc.assert(
      fc.property(fc.array(fc.webUrl(), { maxLength: 5 }), (urls) => {
        const html = urls
          .map((u, i) => `<a href="${u.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">${i}</a>`)
          .join('');
        const tracked = trackEmail({ html, text: '', base, token });
        for (const m of tracked.html.matchAll(/href="([^"]*)"/g))
          expect(m[1]!.startsWith(`${base}/`)).toBe(true);
        expect(new Set(tracked.links)).toEqual(new Set(urls.filter(isTrackableUrl)));
      }),
    );
  });
});
