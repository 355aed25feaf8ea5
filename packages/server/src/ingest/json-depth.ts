/**
 * Whether a JSON text nests objects/arrays deeper than `maxDepth`. One linear scan that
 * understands strings and escapes, so a payload nested 10,000 deep is refused in microseconds,
 * before JSON.parse and long before the database (a deeply nested jsonb value stalls PGlite).
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}
