/** A small key-value store: localStorage, a first-party cookie or memory. */
export interface Store {
  get(key: string): string | null;
  set(key: string, value: string): void;
  del(key: string): void;
}

export function memoryStore(): Store {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    del: (key) => void values.delete(key),
  };
}

/** localStorage when it works (it throws when disabled, in some private modes, or when full). */
export function localStore(): Store | undefined {
  try {
    const storage = window.localStorage;
    storage.setItem('tandem_probe', '1');
    storage.removeItem('tandem_probe');
    return {
      get: (key) => storage.getItem(key),
      set: (key, value) => {
        try {
          storage.setItem(key, value);
        } catch {
          // Full: keeping the value in memory for this page is the best left.
        }
      },
      del: (key) => storage.removeItem(key),
    };
  } catch {
    return undefined;
  }
}

const year = 31_536_000;

/** A first-party cookie on the current host, for ids only (cookies travel with every request). */
export function cookieStore(): Store | undefined {
  const write = (key: string, value: string, maxAge: number) => {
    // The Cookie Store API is asynchronous and missing from Safari and Firefox; ids are read synchronously.
    // biome-ignore lint/suspicious/noDocumentCookie: see above.
    document.cookie = `${key}=${encodeURIComponent(value)};path=/;max-age=${maxAge};samesite=lax${
      location.protocol === 'https:' ? ';secure' : ''
    }`;
  };
  const store: Store = {
    get: (key) => {
      const found = document.cookie.match(new RegExp(`(?:^|; )${key}=([^;]*)`));
      return found?.[1] ? decodeURIComponent(found[1]) : null;
    },
    set: (key, value) => write(key, value, year),
    del: (key) => write(key, '', 0),
  };
  store.set('tandem_probe', '1');
  const works = store.get('tandem_probe') === '1';
  store.del('tandem_probe');
  return works ? store : undefined;
}
