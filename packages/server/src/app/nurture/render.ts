import { randomBytes } from 'node:crypto';
import { renderTemplate, type TemplateValues } from '../../core/nurture/template.js';
import { trackEmail, unsubscribeUrl } from '../../core/nurture/tracking.js';
import type { Executor } from '../../store/executor.js';
import type { EmailTemplateRow } from '../../store/schema.js';

/** An unguessable token naming one send (128 bits, URL-safe). */
export const newSendToken = (): string => randomBytes(16).toString('base64url');

/** The template variables of a lead (or a contact without a lead): contact, account, rep. */
export async function templateValuesOf(
  db: Executor,
  input: { workspaceId: string; contactId: string; leadId?: string | null },
): Promise<{ values: TemplateValues; email: string | null; consent: unknown } | undefined> {
  const contact = await db
    .selectFrom('contact')
    .leftJoin('account', (j) =>
      j
        .onRef('account.workspace_id', '=', 'contact.workspace_id')
        .onRef('account.id', '=', 'contact.account_id'),
    )
    .select([
      'contact.email',
      'contact.first_name',
      'contact.last_name',
      'contact.title',
      'contact.consent',
      'contact.owner_id',
      'account.name as account_name',
    ])
    .where('contact.workspace_id', '=', input.workspaceId)
    .where('contact.id', '=', input.contactId)
    .executeTakeFirst();
  if (!contact) return undefined;
  const lead = input.leadId
    ? await db
        .selectFrom('lead')
        .select('owner_id')
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', input.leadId)
        .executeTakeFirst()
    : undefined;
  const repId = lead?.owner_id ?? contact.owner_id;
  const rep = repId
    ? await db
        .selectFrom('app_user')
        .select(['name', 'email'])
        .where('workspace_id', '=', input.workspaceId)
        .where('id', '=', repId)
        .executeTakeFirst()
    : undefined;
  return {
    email: contact.email,
    consent: contact.consent,
    values: {
      'contact.firstName': contact.first_name,
      'contact.lastName': contact.last_name,
      'contact.email': contact.email,
      'contact.title': contact.title,
      'account.name': contact.account_name,
      'rep.name': rep?.name ?? null,
      'rep.email': rep?.email ?? null,
    },
  };
}

export interface NurtureEmail {
  subject: string;
  html: string;
  text: string;
  links: string[];
  headers: Record<string, string>;
  missing: string[];
}

/**
 * A template rendered for one recipient with tracking: links rewritten, the open pixel, an
 * unsubscribe link in both parts, and the List-Unsubscribe headers of RFC 2369 and RFC 8058
 * (one-click unsubscribe by POST).
 */
export function renderNurtureEmail(input: {
  template: Pick<EmailTemplateRow, 'subject' | 'html' | 'text'>;
  values: TemplateValues;
  publicUrl: string;
  token: string;
  emailId: string;
}): NurtureEmail {
  const rendered = renderTemplate(input.template, input.values);
  const tracked = trackEmail({
    html: rendered.html,
    text: rendered.text,
    base: input.publicUrl,
    token: input.token,
  });
  const host = new URL(input.publicUrl).hostname;
  return {
    subject: rendered.subject,
    html: tracked.html,
    text: tracked.text,
    links: tracked.links,
    missing: rendered.missing,
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl(input.publicUrl, input.token)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Message-ID': `<${input.emailId}@${host}>`,
    },
  };
}
