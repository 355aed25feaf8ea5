import { createTandem, type Tandem } from './tandem.js';

/**
 * The built snippet's entry. Pages may call `tandem.*` before this file arrives: the
 * install snippet defines `window.tandem` as an array whose methods push `[method, ...args]`.
 * Those calls are replayed here, in order, and the array gets the real methods too, so a
 * reference to it kept by the page keeps working.
 */
type Call = [keyof Tandem, ...unknown[]];
const scope = window as unknown as { tandem?: Call[] | Tandem };
const stub = scope.tandem;

if (!stub || Array.isArray(stub)) {
  const script = document.currentScript as HTMLScriptElement | null;
  const api = createTandem(script?.src ? new URL(script.src).origin : undefined);
  scope.tandem = api;
  if (stub) {
    Object.assign(stub, api);
    for (const [method, ...args] of stub.splice(0)) {
      (api[method] as (...a: unknown[]) => void)?.(...args);
    }
  }
}
