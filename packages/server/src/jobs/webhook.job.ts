import { scheduleWebhookAttempt, webhookDeliverKind } from '../app/notifications/notify.js';
import type { Config } from '../config.js';
import {
  afterFailedAttempt,
  isDelivered,
  webhookRetryPolicy,
} from '../core/notifications/delivery-policy.js';
import { signatureHeader, signWebhook } from '../core/notifications/signature.js';
import type { WebhookDeliveryRow } from '../store/schema.js';
import {
  findWebhookDelivery,
  findWebhookEndpoint,
  lockWebhookDelivery,
  recordDeliveryAttempt,
} from '../store/webhook.repo.js';
import { postWebhook, type WebhookPostResult } from '../webhooks/post-webhook.js';
import type { JobDefinition, JobEffectContext } from './catalog.js';

type AttemptOutcome = { kind: 'skip' } | { kind: 'done'; result: WebhookPostResult };

export const webhookUserAgent = 'Tandem-Webhooks/1';

/** Whether this attempt of this series is still to be made (not recorded, not superseded). */
const awaits = (
  delivery: WebhookDeliveryRow | undefined,
  replays: number,
  attempt: number,
): delivery is WebhookDeliveryRow =>
  delivery !== undefined &&
  delivery.status === 'pending' &&
  delivery.replays === replays &&
  delivery.attempts < attempt;

const attemptOf = (payload: Record<string, unknown>): number => Number(payload.attempt ?? 1);

export type WebhookJobConfig = Pick<Config, 'webhookAllowPrivate' | 'webhookTimeoutSeconds'>;

/**
 * Delivers one webhook attempt. The POST runs outside the database transaction (the job's
 * effect), signed with the endpoint's secret and the attempt's time; the handler records it:
 * delivered on a 2xx, a retry scheduled with exponential backoff otherwise, dead (the
 * dead-letter list) once webhookRetryPolicy's attempts are spent or when the address policy
 * refuses the target. A replay starts a new series (replays + 1).
 */
export function webhookJob(deps: { config: WebhookJobConfig; random?: () => number }): JobDefinition {
  const random = deps.random ?? Math.random;
  return {
    kind: webhookDeliverKind,
    async effect({ db, now, timer }: JobEffectContext): Promise<AttemptOutcome> {
      const delivery = await findWebhookDelivery(db, timer.workspace_id, timer.subject_id ?? '');
      const attempt = attemptOf(timer.payload);
      const replays = Number(timer.payload.replays ?? 0);
      if (!awaits(delivery, replays, attempt)) return { kind: 'skip' };
      const endpoint = await findWebhookEndpoint(db, delivery.workspace_id, delivery.endpoint_id);
      if (!endpoint) return { kind: 'skip' };
      if (!endpoint.active)
        return { kind: 'done', result: { kind: 'refused', reason: 'the endpoint is disabled' } };
      const result = await postWebhook({
        url: endpoint.url,
        body: delivery.payload,
        headers: {
          'content-type': 'application/json',
          'user-agent': webhookUserAgent,
          [signatureHeader]: signWebhook(endpoint.secret, Math.floor(now.getTime() / 1000), delivery.payload),
          'Tandem-Event': delivery.event_type,
          'Tandem-Delivery': delivery.id,
        },
        timeoutMs: deps.config.webhookTimeoutSeconds * 1000,
        allowPrivate: deps.config.webhookAllowPrivate,
      });
      return { kind: 'done', result };
    },
    async handle({ db, now, timer, log, effect }) {
      const outcome = effect as AttemptOutcome;
      if (outcome.kind === 'skip') return;
      const attempt = attemptOf(timer.payload);
      const replays = Number(timer.payload.replays ?? 0);
      const delivery = await lockWebhookDelivery(db, timer.workspace_id, timer.subject_id ?? '');
      if (!awaits(delivery, replays, attempt)) return;
      const { result } = outcome;
      const statusCode = result.kind === 'response' ? result.status : null;
      const base = { workspaceId: delivery.workspace_id, id: delivery.id, attempts: attempt, statusCode };
      const fields = { deliveryId: delivery.id, endpointId: delivery.endpoint_id, attempt, statusCode };
      if (result.kind === 'response' && isDelivered(result.status)) {
        await recordDeliveryAttempt(db, {
          ...base,
          status: 'delivered',
          nextAttemptAt: null,
          error: null,
          deliveredAt: now,
        });
        log.info(fields, 'webhook delivered');
        return;
      }
      const error =
        result.kind === 'response'
          ? `the receiver answered ${result.status}`
          : result.kind === 'refused'
            ? `refused: ${result.reason}`
            : result.message;
      const next =
        result.kind === 'refused'
          ? { kind: 'give_up' as const }
          : afterFailedAttempt(attempt, now, webhookRetryPolicy, random());
      if (next.kind === 'give_up') {
        await recordDeliveryAttempt(db, {
          ...base,
          status: 'dead',
          nextAttemptAt: null,
          error,
          deliveredAt: null,
        });
        log.warn({ ...fields, error }, 'webhook dead-lettered');
        return;
      }
      await recordDeliveryAttempt(db, {
        ...base,
        status: 'pending',
        nextAttemptAt: next.at,
        error,
        deliveredAt: null,
      });
      await scheduleWebhookAttempt(db, {
        workspaceId: delivery.workspace_id,
        deliveryId: delivery.id,
        replays,
        attempt: attempt + 1,
        dueAt: next.at,
        now,
      });
      log.warn({ ...fields, error }, 'webhook attempt failed; will retry');
    },
  };
}
