/** Text helpers shared by the condition operators: every string comparison ignores case. */

export function normalize(value: string): string {
  return value.trim().toLowerCase();
}

const word = /[\p{L}\p{N}]+/gu;

/** Lower-case words (letters and digits); a fixed linear-time pattern, never a user's. */
export function words(value: string): string[] {
  return value.toLowerCase().match(word) ?? [];
}

/** True when `phrase` (already tokenised) occurs as consecutive words of `tokens`. */
export function hasPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (tokens[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** A number from a number or a numeric string ("250", " 1e3 "); otherwise NaN. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}

/** The domain of an e-mail address (or the value itself when it has no `@`), normalised. */
export function emailDomain(value: string): string {
  const at = value.lastIndexOf('@');
  const domain = normalize(at === -1 ? value : value.slice(at + 1));
  return domain.endsWith('.') ? domain.slice(0, -1) : domain;
}
