/** JSON pointer escaping (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneSurrogates = new RegExp(loneSurrogate.source, 'g');
const nul = String.fromCharCode(0);

const badString = (s: string): boolean => s.includes(nul) || loneSurrogate.test(s);
const storable = (s: string): string => s.replace(loneSurrogates, '\uFFFD').replaceAll(nul, '\uFFFD');

/**
 * The pointer of the first string (value or key) that PostgreSQL cannot store: a NUL character
 * or a lone UTF-16 surrogate make a jsonb or text value fail, and would fail the whole shared
 * write. Undefined when every string is storable. Depth is already capped by the caller.
 */
export function findUnstorableString(value: unknown, pointer: string): string | undefined {
  if (typeof value === 'string') return badString(value) ? pointer : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableString(value[i], `${pointer}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = `${pointer}/${pointerSegment(key)}`;
      if (badString(key)) return at;
      const found = findUnstorableString(item, at);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A copy with every string made storable (for keeping rejected payloads). */
export function storableCopy(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableCopy);
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = storable(key);
      // defineProperty: a "__proto__" key stays an ordinary key.
      Object.defineProperty(copy, safeKey, {
        value: storableCopy(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}
