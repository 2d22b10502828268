// Email and domain normalisation, shared by every find and create (and by create_note's parent lookup),
// so "Ada@Example.com " found by a search is the same value the create asserts. Also the one list of
// free-mail domains. Pure: errors come from zapier-platform-core's `errors`, the same classes as z.errors.
import { inputError } from './parse';

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** `"Ada Lovelace" <ada@example.com>` and `mailto:ada@example.com` → the bare address. */
function unwrapAddress(raw: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(raw);
  const inner = (angle?.[1] ?? raw).trim();
  return inner.replace(/^mailto:/i, '').replace(/\?.*$/, '');
}

/**
 * Text read as an email address rather than a URL: it has no scheme, and its address (see unwrapAddress)
 * has an @ with no `/` before it (`medium.com/@acme` is a profile URL on medium.com, not an address at "acme").
 */
function looksLikeAddress(text: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false;
  const address = unwrapAddress(text);
  const at = address.indexOf('@');
  const slash = address.indexOf('/');
  return at >= 0 && (slash < 0 || slash > at);
}

/**
 * A host name as Attio stores it in `domains`: lower case, no scheme, port, path, query or trailing dot,
 * and without a leading `www.`. Only `www.` goes, and only when two labels remain (`www.com` is a
 * domain of its own): Attio keeps other subdomains as distinct values (app.attio.com ≠ attio.com), so
 * stripping them would match or create the wrong company.
 * Returns undefined when the text does not contain a plausible public host name.
 */
function hostOf(raw: string): string | undefined {
  let text = raw.trim();
  if (text === '') return undefined;
  // An email address: the domain is what follows the last @.
  if (looksLikeAddress(text)) {
    const address = unwrapAddress(text);
    text = address.slice(address.lastIndexOf('@') + 1);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname; // lower-cases, drops userinfo and port, encodes IDNs as punycode
  } catch {
    return undefined;
  }
  host = host.replace(/\.$/, '');
  // A loop, so the result is a fixed point (normalising it again changes nothing).
  while (/^www\.[^.]+\.[^.]+/.test(host)) host = host.slice('www.'.length);
  const labels = host.split('.');
  const tld = labels[labels.length - 1] ?? '';
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(tld)) return undefined;
  return host;
}

/**
 * Trims and lower-cases an email address, and drops a trailing dot after the domain (`ada@example.com.`,
 * the fully qualified form, is the same mailbox). Attio compares addresses case-insensitively and stores
 * them lower-cased, so this is what makes `Ada@Example.com ` and `ada@example.com` the same person.
 * @param label the Zapier field label, for the error message
 * @throws z.errors.Error naming the field and value when it is not an address; nothing is sent then
 */
export function normalizeEmail(raw: unknown, label: string): string {
  const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  const email = unwrapAddress(text.trim()).toLowerCase().replace(/\.$/, '');
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!EMAIL.test(email) || domain.endsWith('.') || hostOf(domain) === undefined) {
    throw inputError(`${label} "${text}" is not a valid email address. Map a field that holds one address, like ada@example.com.`);
  }
  return email;
}

/**
 * A company domain from what users map: `https://www.Acme.com/pricing?x=1`, `Acme.com`, or an email
 * address all give `acme.com`. See hostOf for the `www.` rule.
 * @param label the Zapier field label, for the error message
 * @throws z.errors.Error naming the field and value when no domain can be read from it
 */
export function normalizeDomain(raw: unknown, label: string): string {
  const text = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
  const host = hostOf(text);
  if (host === undefined) {
    throw inputError(`${label} "${text}" is not a domain. Map a website address, a domain like acme.com, or an email address at the company's domain.`);
  }
  return host;
}

/**
 * Consumer email providers: a company "created" from one of these would be the provider (a "Gmail"
 * company collecting every customer with a Gmail address). The one list, used by create_company and
 * create_person's company link.
 */
export const FREE_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  '126.com',
  '163.com',
  'aim.com',
  'aol.com',
  'att.net',
  'bigpond.com',
  'bluewin.ch',
  'btinternet.com',
  'comcast.net',
  'cox.net',
  'duck.com',
  'fastmail.com',
  'free.fr',
  'gmail.com',
  'gmx.at',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hey.com',
  'hotmail.co.uk',
  'hotmail.com',
  'hotmail.de',
  'hotmail.es',
  'hotmail.fr',
  'hotmail.it',
  'icloud.com',
  'inbox.com',
  'laposte.net',
  'libero.it',
  'live.co.uk',
  'live.com',
  'live.fr',
  'mac.com',
  'mail.com',
  'mail.ru',
  'me.com',
  'msn.com',
  'naver.com',
  'orange.fr',
  'outlook.com',
  'outlook.de',
  'outlook.fr',
  'pm.me',
  'proton.me',
  'protonmail.com',
  'qq.com',
  'rediffmail.com',
  'rocketmail.com',
  'sbcglobal.net',
  'seznam.cz',
  't-online.de',
  'tutanota.com',
  'verizon.net',
  'wanadoo.fr',
  'web.de',
  'yahoo.ca',
  'yahoo.co.in',
  'yahoo.co.jp',
  'yahoo.co.uk',
  'yahoo.com',
  'yahoo.com.au',
  'yahoo.com.br',
  'yahoo.de',
  'yahoo.es',
  'yahoo.fr',
  'yahoo.it',
  'yandex.com',
  'yandex.ru',
  'ymail.com',
  'zoho.com',
]);

/** True for a consumer email provider's domain (expects a normalised domain). */
export function isFreeEmailDomain(domain: string): boolean {
  return FREE_EMAIL_DOMAINS.has(domain);
}
