/**
 * Glob matching with `*` (any run, possibly empty) and `?` (exactly one character), whole
 * string, ignoring case. No regular expression is built from a user's pattern: the matcher is
 * the two-pointer wildcard walk that remembers only the last `*`, so it never backtracks
 * further than the segment after that star. Work is at most (text length + 1) × (longest
 * star-free segment + 1) steps; the contract caps pattern length, so a hostile pattern costs
 * time linear in the text.
 */
export interface Glob {
  readonly pattern: string;
  /** True when the whole text matches. */
  test(text: string): boolean;
  /** Loop iterations of the last `test` call: lets tests prove the bound without timing. */
  readonly lastSteps: number;
}

const QUESTION = 63; // ?
const STAR = 42; // *

export function compileGlob(pattern: string): Glob {
  const codes = new Int32Array(pattern.length);
  for (let i = 0; i < pattern.length; i++) codes[i] = fold(pattern.charCodeAt(i));
  const state = { pattern, lastSteps: 0, test };
  function test(text: string): boolean {
    const n = text.length;
    const m = codes.length;
    let t = 0;
    let p = 0;
    let star = -1; // pattern index just after the last `*` seen
    let resume = 0; // text index the last `*` is currently made to end at
    let steps = 0;
    while (t < n) {
      steps++;
      const pc = p < m ? codes[p]! : -1;
      if (pc === STAR) {
        star = ++p;
        resume = t;
      } else if (pc !== -1 && (pc === QUESTION || pc === fold(text.charCodeAt(t)))) {
        p++;
        t++;
      } else if (star !== -1) {
        // Let the last star swallow one more character and retry the segment after it.
        p = star;
        t = ++resume;
      } else {
        state.lastSteps = steps;
        return false;
      }
    }
    while (p < m && codes[p] === STAR) {
      p++;
      steps++;
    }
    state.lastSteps = steps;
    return p === m;
  }
  return state;
}

/** Case folding without allocating: ASCII directly, other characters through the runtime. */
function fold(code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  return String.fromCharCode(code).toLowerCase().charCodeAt(0);
}
