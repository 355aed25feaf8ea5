import { escapeHtml } from './template.js';

/**
 * Open and click tracking and the unsubscribe link. Every link of a rendered email is replaced
 * by `<base>/t/c/<token>.<index>`; the URL of each index is stored with the send, and the click
 * route redirects only to that stored URL, so a tracking link can never point anywhere else.
 */
export interface TrackedEmail {
  html: string;
  text: string;
  /** The original URLs, by link index. */
  links: string[];
}

const anchorHref = /(<a\b[^>]*?\bhref\s*=\s*)("([^"]*)"|'([^']*)')/gi;
const bareUrl = /https?:\/\/[^\s<>"')\]]+/g;

const decodeAttribute = (value: string): string =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Only absolute http(s) URLs are tracked (and ever redirected to). */
export function isTrackableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && url.length <= 2000;
  } catch {
    return false;
  }
}

export const clickUrl = (base: string, token: string, index: number) => `${base}/t/c/${token}.${index}`;
export const openPixelUrl = (base: string, token: string) => `${base}/t/o/${token}.gif`;
export const unsubscribeUrl = (base: string, token: string) => `${base}/u/${token}`;

/** Splits a click token `<send token>.<index>`; null when malformed. */
export function parseClickToken(value: string): { token: string; index: number } | null {
  const m = /^([A-Za-z0-9_-]{16,64})\.(\d{1,4})$/.exec(value);
  return m ? { token: m[1]!, index: Number(m[2]) } : null;
}

export const isSendToken = (value: string): boolean => /^[A-Za-z0-9_-]{16,64}$/.test(value);

/**
 * Rewrites the links of both parts to click-tracking URLs (one index per distinct URL), adds
 * the unsubscribe footer and, to the HTML part, the open pixel.
 */
export function trackEmail(input: { html: string; text: string; base: string; token: string }): TrackedEmail {
  const links: string[] = [];
  const indexOf = (url: string): number => {
    const at = links.indexOf(url);
    if (at >= 0) return at;
    links.push(url);
    return links.length - 1;
  };
  const html = input.html.replace(anchorHref, (match, prefix: string, _q, dq?: string, sq?: string) => {
    const url = decodeAttribute(dq ?? sq ?? '');
    if (!isTrackableUrl(url)) return match;
    return `${prefix}"${escapeHtml(clickUrl(input.base, input.token, indexOf(url)))}"`;
  });
  const text = input.text.replace(bareUrl, (url) =>
    isTrackableUrl(url) ? clickUrl(input.base, input.token, indexOf(url)) : url,
  );
  const unsubscribe = unsubscribeUrl(input.base, input.token);
  const footer =
    `<p style="font-size: 0.8em; color: #666"><a href="${escapeHtml(unsubscribe)}">Unsubscribe</a></p>` +
    `<img src="${escapeHtml(openPixelUrl(input.base, input.token))}" width="1" height="1" alt="" style="display: none">`;
  const closing = html.search(/<\/body>/i);
  return {
    html:
      closing >= 0 ? `${html.slice(0, closing)}${footer}\n${html.slice(closing)}` : `${html}\n${footer}\n`,
    text: `${text.replace(/\s+$/, '')}\n\n--\nUnsubscribe: ${unsubscribe}\n`,
    links,
  };
}
