import { buildBatches } from './batch.js';
import { backoffDelay, outcomeOf } from './retry.js';
import type { Message } from './types.js';

/** A message waiting to be delivered and the number of failed attempts so far. */
export interface Item {
  m: Message;
  n: number;
}

/** How a request was answered: the HTTP status (0 when none came) and Retry-After in seconds. */
export interface Reply {
  status: number;
  retryAfter?: number | undefined;
}

/** The network, as the queue needs it. */
export interface Transport {
  /** Sends one request body and reports the answer; never rejects. */
  send(body: string): Promise<Reply>;
  /** Hands a body to the browser to deliver after the page is gone; false when refused. */
  beacon(body: string): boolean;
}

export interface QueueOptions {
  writeKey: string;
  transport: Transport;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** A number in [0, 1), for the backoff jitter. */
  random: () => number;
  /** Called after every change with the undelivered items, to keep them where storage allows. */
  save?: (items: readonly Item[]) => void;
  /** Items left undelivered by an earlier page. */
  restored?: readonly Item[];
  /** Calls made within this delay share one request. */
  delayMs?: number;
  /** A message that failed this many times is given up. */
  maxAttempts?: number;
  maxBytes?: number;
}

export interface Queue {
  push(message: Message): void;
  /** Sends the next batch now (unless one is in flight or the queue is paused). */
  flush(): void;
  /** The page is going away: hands every message not already in flight to `beacon`. */
  unload(): void;
  /** Paused, the queue neither sends nor saves (no consent yet); resuming saves and sends. */
  setActive(active: boolean): void;
  /** Forgets every undelivered message. */
  clear(): void;
  size(): number;
}

/**
 * The delivery queue: coalesces calls into batches under the keepalive limit, sends one
 * batch at a time, retries failures with backoff and keeps each message until it is
 * acknowledged, so every message is delivered once the network allows (the server
 * deduplicates by messageId the rare resend of a batch whose answer was lost).
 */
export function createQueue(options: QueueOptions): Queue {
  const delayMs = options.delayMs ?? 200;
  const maxAttempts = options.maxAttempts ?? 10;
  let items: Item[] = [...(options.restored ?? [])];
  let active = false;
  let inFlight: Set<Message> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const save = () => {
    if (active) options.save?.(items);
  };
  const schedule = (ms: number) => {
    if (active && items.length && timer === undefined) {
      timer = setTimeout(() => {
        timer = undefined;
        flush();
      }, ms);
    }
  };
  const batchesOf = (pending: Item[]) => {
    const { batches, oversized } = buildBatches(
      pending.map((item) => item.m),
      {
        writeKey: options.writeKey,
        sentAt: new Date(options.now()).toISOString(),
        ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      },
    );
    if (oversized.length) remove(new Set(oversized));
    return batches;
  };
  const remove = (done: Set<Message>) => {
    items = items.filter((item) => !done.has(item.m));
  };

  const settle = (sent: Set<Message>, reply: Reply) => {
    inFlight = undefined;
    const outcome = outcomeOf(reply.status);
    let wait = 0;
    if (outcome === 'retry') {
      failures++;
      wait = Math.max(backoffDelay(failures, options.random), (reply.retryAfter ?? 0) * 1000);
      for (const item of items) if (sent.has(item.m)) item.n++;
      items = items.filter((item) => item.n < maxAttempts);
    } else {
      failures = 0;
      remove(sent);
    }
    save();
    // A retry waits out its backoff even if a newer call had asked for an earlier send.
    clearTimeout(timer);
    timer = undefined;
    schedule(wait);
  };

  function flush(): void {
    if (!active || inFlight) return;
    clearTimeout(timer);
    timer = undefined;
    const batch = batchesOf(items)[0];
    if (!batch) {
      save();
      return;
    }
    const sent = new Set(batch.messages);
    inFlight = sent;
    options.transport.send(batch.body).then(
      (reply) => settle(sent, reply),
      () => settle(sent, { status: 0 }),
    );
  }

  return {
    push(message) {
      items.push({ m: message, n: 0 });
      save();
      schedule(delayMs);
    },
    flush,
    unload() {
      if (!active) return;
      const pending = items.filter((item) => !inFlight?.has(item.m));
      for (const batch of batchesOf(pending)) {
        // A refused beacon leaves its messages saved for the next page.
        if (options.transport.beacon(batch.body)) remove(new Set(batch.messages));
      }
      save();
    },
    setActive(on) {
      active = on;
      if (on) {
        save();
        schedule(0);
      } else {
        clearTimeout(timer);
        timer = undefined;
      }
    },
    clear() {
      items = [];
      options.save?.(items);
    },
    size: () => items.length,
  };
}
