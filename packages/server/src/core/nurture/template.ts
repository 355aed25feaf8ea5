/**
 * Email templates: `{{contact.firstName}}`, `{{account.name}}`, `{{rep.name}}` … with an
 * optional default, `{{contact.firstName | "there"}}`. Values are HTML-escaped in the HTML part;
 * the subject and text part take them as they are (the subject on one line).
 */
export const templateVariables = [
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'contact.title',
  'account.name',
  'rep.name',
  'rep.email',
] as const;
export type TemplateVariable = (typeof templateVariables)[number];
export type TemplateValues = Partial<Record<TemplateVariable, string | null>>;

export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedTemplate extends EmailTemplate {
  /** Known variables that had no value and no default (rendered empty). */
  missing: string[];
  /** Names that are not template variables (rendered empty). */
  unknown: string[];
}

const placeholder = /\{\{\s*([A-Za-z][\w.]*)\s*(?:\|\s*"((?:[^"\\]|\\.)*)"\s*)?\}\}/g;
const known = new Set<string>(templateVariables);

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function fill(
  source: string,
  values: TemplateValues,
  encode: (value: string) => string,
  report: { missing: Set<string>; unknown: Set<string> },
): string {
  return source.replace(placeholder, (_match, name: string, fallback: string | undefined) => {
    if (!known.has(name)) {
      report.unknown.add(name);
      return '';
    }
    const value = values[name as TemplateVariable]?.trim();
    if (value) return encode(value);
    if (fallback !== undefined) return encode(fallback.replace(/\\(.)/g, '$1'));
    report.missing.add(name);
    return '';
  });
}

/** Renders a template for one recipient; never throws on a missing value (see `missing`). */
export function renderTemplate(template: EmailTemplate, values: TemplateValues): RenderedTemplate {
  const report = { missing: new Set<string>(), unknown: new Set<string>() };
  const subject = fill(template.subject, values, (v) => v, report)
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 300);
  const html = fill(template.html, values, escapeHtml, report);
  const text = fill(template.text, values, (v) => v, report);
  return { subject, html, text, missing: [...report.missing].sort(), unknown: [...report.unknown].sort() };
}

/** Names a template refers to that are not variables (checked when a template is saved). */
export function unknownVariables(template: EmailTemplate): string[] {
  const names = new Set<string>();
  for (const part of [template.subject, template.html, template.text])
    for (const m of part.matchAll(placeholder)) if (!known.has(m[1]!)) names.add(m[1]!);
  return [...names].sort();
}
