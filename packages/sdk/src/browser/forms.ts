import type { Props } from '../core/types.js';

/** Fields never captured: secrets, payment data, and anything the site marks data-tandem-ignore. */
const secret = /pass|card|cvc|cvv|ssn|iban|token|secret|csrf|captcha/i;
const emailLike = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The named, filled-in fields of a form worth keeping as traits. */
export function formTraits(form: HTMLFormElement): Props {
  const traits: Props = {};
  for (const element of Array.from(form.elements)) {
    const field = element as HTMLInputElement;
    const type = field.type;
    if (
      !field.name ||
      field.disabled ||
      secret.test(field.name) ||
      field.hasAttribute('data-tandem-ignore') ||
      /^(password|hidden|file|submit|button|reset|image)$/.test(type) ||
      ((type === 'checkbox' || type === 'radio') && !field.checked)
    ) {
      continue;
    }
    const value = (field.value || '').trim();
    if (value) traits[field.name] = value;
  }
  return traits;
}

/** The email a form carries: an email input first, else a field named like one. */
export function formEmail(form: HTMLFormElement, traits: Props): string | undefined {
  const input = form.querySelector<HTMLInputElement>('input[type=email]');
  const candidates = [
    input?.value,
    ...Object.keys(traits)
      .filter((k) => /e-?mail/i.test(k))
      .map((k) => traits[k]),
  ];
  for (const value of candidates) {
    if (typeof value === 'string' && emailLike.test(value.trim())) return value.trim().toLowerCase();
  }
  return undefined;
}

/**
 * Captures submissions of forms marked `data-tandem-capture` (its value, else the form's id
 * or name, names the form). Listens on the document in the capture phase, so forms added
 * later are covered and a handler that stops propagation does not hide the submission.
 */
export function captureForms(
  onSubmit: (form: string, traits: Props, email: string | undefined) => void,
): void {
  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-tandem-capture')) return;
      const traits = formTraits(form);
      const name = form.getAttribute('data-tandem-capture') || form.id || form.getAttribute('name') || '';
      onSubmit(name, traits, formEmail(form, traits));
    },
    true,
  );
}
