/** The JSON body of a webhook, the same for every endpoint; `id` lets receivers deduplicate. */
export interface WebhookEvent {
  id: string;
  type: string;
  workspaceId: string;
  occurredAt: string;
  subject: { type: string; id: string };
  title: string;
  body: string;
  data: Record<string, unknown>;
}

/** Serialises a webhook event once: the stored text is what is signed and sent, replays included. */
export function webhookBody(event: WebhookEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    workspaceId: event.workspaceId,
    occurredAt: event.occurredAt,
    subject: event.subject,
    title: event.title,
    body: event.body,
    data: event.data,
  });
}
