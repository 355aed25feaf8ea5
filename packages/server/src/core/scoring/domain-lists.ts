import type { EmailDomainList } from '@tandem/contracts';

/**
 * Named domain lists for `email_domain_in`. A listed domain also matches its subdomains, so
 * suffixes such as `edu` or `ac.uk` work as values too.
 */
export const domainLists: Record<EmailDomainList, readonly string[]> = {
  free_mail: [
    '126.com',
    '163.com',
    'aol.com',
    'att.net',
    'bellsouth.net',
    'bigpond.com',
    'bol.com.br',
    'btinternet.com',
    'comcast.net',
    'cox.net',
    'fastmail.com',
    'free.fr',
    'gmail.com',
    'gmx.at',
    'gmx.com',
    'gmx.de',
    'gmx.net',
    'googlemail.com',
    'hanmail.net',
    'hey.com',
    'hotmail.co.uk',
    'hotmail.com',
    'hotmail.de',
    'hotmail.fr',
    'hotmail.it',
    'icloud.com',
    'interia.pl',
    'laposte.net',
    'libero.it',
    'live.com',
    'live.fr',
    'mac.com',
    'mail.com',
    'mail.ru',
    'me.com',
    'msn.com',
    'naver.com',
    'o2.pl',
    'optusnet.com.au',
    'orange.fr',
    'outlook.com',
    'outlook.de',
    'outlook.fr',
    'proton.me',
    'protonmail.com',
    'qq.com',
    'rediffmail.com',
    'rocketmail.com',
    'rogers.com',
    'sbcglobal.net',
    'seznam.cz',
    'shaw.ca',
    'sky.com',
    't-online.de',
    'terra.com.br',
    'tutanota.com',
    'uol.com.br',
    'verizon.net',
    'virginmedia.com',
    'wanadoo.fr',
    'web.de',
    'wp.pl',
    'yahoo.co.in',
    'yahoo.co.jp',
    'yahoo.co.uk',
    'yahoo.com',
    'yahoo.de',
    'yahoo.es',
    'yahoo.fr',
    'yahoo.it',
    'yandex.com',
    'yandex.ru',
    'ymail.com',
    'zoho.com',
  ],
  disposable: [
    '10minutemail.com',
    'dispostable.com',
    'fakeinbox.com',
    'getnada.com',
    'guerrillamail.com',
    'guerrillamail.net',
    'mailinator.com',
    'maildrop.cc',
    'mintemail.com',
    'mohmal.com',
    'sharklasers.com',
    'temp-mail.org',
    'tempmail.com',
    'throwawaymail.com',
    'trashmail.com',
    'yopmail.com',
  ],
};

/** True when `domain` or one of its parent domains is in `set`. */
export function domainIn(domain: string, set: ReadonlySet<string>): boolean {
  let rest = domain;
  while (rest !== '') {
    if (set.has(rest)) return true;
    const dot = rest.indexOf('.');
    if (dot === -1) return false;
    rest = rest.slice(dot + 1);
  }
  return false;
}
