/** The parts of a notification an email shows. */
export interface EmailContent {
  title: string;
  body: string;
  /** Absolute link to the subject in the web app. */
  link: string;
  recipientName: string;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** Plain text and simple HTML versions of a notification email; user text is escaped in HTML. */
export function renderNotificationEmail(content: EmailContent): {
  subject: string;
  text: string;
  html: string;
} {
  const subject = content.title.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const text = `Hello ${content.recipientName},\n\n${content.title}\n\n${content.body}\n\nOpen in Tandem: ${content.link}\n`;
  const paragraphs = content.body
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const html = `<!doctype html>
<html><body style="font-family: sans-serif; line-height: 1.4">
<p>Hello ${escapeHtml(content.recipientName)},</p>
<h2 style="font-size: 1.1em">${escapeHtml(content.title)}</h2>
${paragraphs}
<p><a href="${escapeHtml(content.link)}">Open in Tandem</a></p>
</body></html>
`;
  return { subject, text, html };
}

/** The web app's path for a notification's subject. */
export function subjectPath(subject: { type: string; id: string }): string {
  const id = encodeURIComponent(subject.id);
  switch (subject.type) {
    case 'lead':
      return `/leads/${id}`;
    case 'request':
      return `/requests/${id}`;
    case 'asset':
      return `/assets/${id}`;
    case 'opportunity':
      return `/opportunities/${id}`;
    default:
      return '/notifications';
  }
}
