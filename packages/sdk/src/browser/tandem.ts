import { createEngagement } from '../core/engagement.js';
import { buildMessage, type MessageInput, type Surroundings, uuidFrom } from '../core/message.js';
import { createQueue, type Item, type Queue } from '../core/queue.js';
import type { Props } from '../core/types.js';
import { captureForms } from './forms.js';
import { cookieStore, localStore, memoryStore, type Store } from './storage.js';
import { httpTransport } from './transport.js';

/** Replaced at build time with the package version. */
declare const TANDEM_VERSION: string;

export interface LoadOptions {
  /** Origin of the Tandem server; defaults to the origin the snippet was loaded from. */
  host?: string;
  /** Send and store nothing until `tandem.consent(true)`. */
  consentRequired?: boolean;
  /** Capture submissions of `<form data-tandem-capture>` (default true). */
  trackForms?: boolean;
  /** Send a `Page Engaged` event with the seconds of visible, active time on leaving (default true). */
  engagedTime?: boolean;
}

/**
 * The `window.tandem` API.
 * @example
 * tandem.load('tdw_…', { host: 'https://tandem.example.com' });
 * tandem.track('Pricing Viewed', { plan: 'team' });
 * tandem.identify('user-42', { email: 'ada@example.com' });
 */
export interface Tandem {
  load(writeKey: string, options?: LoadOptions): void;
  page(name?: string, properties?: Props): void;
  track(event: string, properties?: Props): void;
  /** `identify(userId, traits)` or, for a visitor known only by traits, `identify(traits)`. */
  identify(userIdOrTraits?: string | Props, traits?: Props): void;
  /** The visitor's answer; `false` also forgets the ids and unsent events stored so far. */
  consent(granted: boolean): void;
}

const anonymousKey = 'tandem_aid';
const userKey = 'tandem_uid';
/** Calls held before load or consent; a page that never consents must not grow memory. */
const maxHeld = 100;

const randomId = () => uuidFrom(crypto.getRandomValues(new Uint8Array(16)));

function surroundings(): Surroundings {
  return {
    at: Date.now(),
    page: {
      path: location.pathname,
      referrer: document.referrer,
      search: location.search,
      title: document.title,
      // The fragment can carry tokens (OAuth implicit flow): never send it.
      url: location.href.split('#')[0]!,
    },
    userAgent: navigator.userAgent,
    locale: navigator.language,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/** Reads the queue an earlier page left in storage, trusting nothing about its shape. */
function restore(local: Store | undefined, key: string): Item[] {
  try {
    const saved: unknown = JSON.parse(local?.get(key) ?? '[]');
    return Array.isArray(saved) ? saved.filter((item: Item) => item?.m?.messageId).slice(-500) : [];
  } catch {
    return [];
  }
}

export function createTandem(defaultHost: string | undefined): Tandem {
  let writeKey = '';
  let endpoint = '';
  let loaded = false;
  let required = false;
  /** undefined: not asked (or not needed); false: refused. */
  let granted: boolean | undefined;
  let queue: Queue | undefined;
  let ids: Store = memoryStore();
  let anonymousId = '';
  let userId: string | undefined;
  const held: Array<() => void> = [];

  const ready = () => loaded && (granted === true || (granted === undefined && !required));

  // Storage is touched only from here on: after load, and after consent when it is required.
  const begin = () => {
    const local = localStore();
    ids = local ?? cookieStore() ?? memoryStore();
    anonymousId = ids.get(anonymousKey) || randomId();
    ids.set(anonymousKey, anonymousId);
    userId = ids.get(userKey) ?? undefined;
    const queueKey = `tandem_q_${writeKey}`;
    queue = createQueue({
      writeKey,
      transport: httpTransport(endpoint),
      now: Date.now,
      random: Math.random,
      restored: restore(local, queueKey),
      save: (items) => (items.length ? local?.set(queueKey, JSON.stringify(items)) : local?.del(queueKey)),
    });
    queue.setActive(true);
    for (const call of held.splice(0)) call();
  };

  /** Records where and when a call was made, and runs it now or once the snippet may send. */
  const run = (call: (where: Surroundings) => void) => {
    if (granted === false) return;
    const where = surroundings();
    if (queue) call(where);
    else if (held.length < maxHeld) held.push(() => call(where));
  };
  const send = (where: Surroundings, input: Omit<MessageInput, 'messageId' | 'anonymousId' | 'userId'>) =>
    queue?.push(
      buildMessage({ ...input, messageId: randomId(), anonymousId, userId }, where, TANDEM_VERSION),
    );

  const api: Tandem = {
    load(key, options = {}) {
      if (loaded) return;
      loaded = true;
      writeKey = key;
      required = options.consentRequired === true;
      endpoint = `${(options.host ?? defaultHost ?? '').replace(/\/+$/, '')}/v1/batch`;
      const engagement = createEngagement(Date.now(), document.visibilityState === 'visible');
      const active = () => engagement.activity(Date.now());
      for (const type of ['pointerdown', 'pointermove', 'keydown', 'scroll', 'touchstart']) {
        addEventListener(type, active, { capture: true, passive: true });
      }
      document.addEventListener('visibilitychange', () => {
        const visible = document.visibilityState === 'visible';
        engagement.visibility(visible, Date.now());
        // Leaving the tab is often the last chance on mobile: send what is pending now.
        if (!visible) queue?.flush();
      });
      addEventListener('pagehide', () => {
        const seconds = Math.round(engagement.take(Date.now()) / 1000);
        if (options.engagedTime !== false && seconds > 0) api.track('Page Engaged', { seconds });
        queue?.unload();
      });
      if (options.trackForms !== false) {
        captureForms((form, traits, email) => {
          if (email) api.identify({ ...traits, email });
          api.track('Form Submitted', { form });
          // The submission usually navigates away: start the (keepalive) request at once.
          queue?.flush();
        });
      }
      api.page();
      if (ready()) begin();
    },
    page(name, properties) {
      run((where) => send(where, { type: 'page', ...(name ? { name } : {}), properties: properties ?? {} }));
    },
    track(event, properties) {
      run((where) => send(where, { type: 'track', event, properties: properties ?? {} }));
    },
    identify(userIdOrTraits, traits) {
      run((where) => {
        if (typeof userIdOrTraits === 'string') {
          userId = userIdOrTraits;
          ids.set(userKey, userId);
        }
        send(where, {
          type: 'identify',
          traits: { ...(typeof userIdOrTraits === 'string' ? traits : userIdOrTraits) },
        });
      });
    },
    consent(yes) {
      granted = yes;
      if (yes) {
        if (loaded && !queue) begin();
        return;
      }
      held.length = 0;
      queue?.setActive(false);
      queue?.clear();
      queue = undefined;
      // Whatever an earlier, consenting page stored goes too.
      for (const store of [ids, localStore(), cookieStore()]) {
        for (const key of [anonymousKey, userKey, `tandem_q_${writeKey}`]) store?.del(key);
      }
    },
  };
  return api;
}
