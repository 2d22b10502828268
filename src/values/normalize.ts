// Email and domain normalisation, shared by every find and create (and by create_note's parent lookup),
// so "Ada@Example.com " found by a search is the same value the create asserts. Also the free-mail check.
// Pure: errors come from zapier-platform-core's `errors`, the same classes as z.errors.
//
// Canonical forms (one per value, so a look-alike never becomes a second person or company):
// - an email address: the local part lower case, in Unicode NFKC when that makes it plain ASCII, else in
//   NFC. Full-width "ａｄａ" (typed with a Japanese IME) is the ASCII mailbox "ada" it looks like, not a
//   second person; a local part that stays non-ASCII keeps NFC (what internationalised mail compares), so
//   NFKC never merges two Unicode mailboxes a mail system keeps apart ("ｚoë" stays as typed). The domain
//   in ASCII (IDNA, which maps full-width letters too: bücher.de is xn--bcher-kva.de), lower case, without
//   a trailing dot. ASCII because it is what every mail system and Attio accept, and what a company
//   domain read from the same address becomes.
// - a company domain: ASCII too, reduced to the registrable domain by the Public Suffix List (mail.acme.co.uk
//   → acme.co.uk; acme.github.io stays, github.io being a public suffix), unless subdomains are kept.
// The Public Suffix List (tldts) and the free-mail list (email-providers) load on first use, not at
// cold start.
import { domainToASCII } from 'node:url';
import { inputError, singleInput } from './parse';

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
/** Characters no address or domain holds: controls, and invisible format characters (zero-width, bidi). */
const INVISIBLE = /[\p{Cc}\p{Cf}]/u;
/** What may not stand in an address's local part (unquoted): whitespace and RFC 5322 specials. */
const LOCAL_PART = /^[^\s@<>()[\],;:"\\]+$/u;

export interface DomainOptions {
  /** Keep subdomains (eu.acme.com stays eu.acme.com); by default only `www.` goes... see hostOf. */
  keepSubdomains?: boolean;
}

type Tldts = typeof import('tldts');
let tldts: Tldts | undefined;
/** The Public Suffix List, loaded on first use (about 100 kB of data that most steps never need). */
function publicSuffixList(): Tldts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tldts ??= require('tldts/dist/index.cjs.min.js') as Tldts;
  return tldts;
}

let freeMail: ReadonlySet<string> | undefined;
/** The free-mail providers (email-providers' "all" list, about 8,800 domains), loaded on first use. */
function freeMailDomains(): ReadonlySet<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  freeMail ??= new Set(require('email-providers/all.json') as string[]);
  return freeMail;
}

/**
 * The one value (several are refused, naming the field) as text, with only ordinary whitespace trimmed:
 * a zero-width or bidi character at an end is refused, not hidden.
 */
function trimmed(raw: unknown, label: string): string {
  const value = singleInput(raw, label);
  const text = value === undefined ? '' : String(value);
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** `"Ada Lovelace" <ada@example.com>` and `mailto:ada@example.com?subject=Hi` → the bare address. */
function unwrapAddress(raw: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(raw);
  const inner = (angle?.[1] ?? raw).trim();
  return /^mailto:/i.test(inner) ? inner.replace(/^mailto:/i, '').replace(/\?.*$/, '') : inner;
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

/** A host name in ASCII (IDNA), lower case, without a trailing dot; undefined when it is not a public host name. */
function asciiHost(host: string): string | undefined {
  const ascii = domainToASCII(host.normalize('NFC')).replace(/\.$/, '');
  const labels = ascii.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return ascii !== '' && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(tld) ? ascii : undefined;
}

/**
 * A host name as companies are matched on it: ASCII, lower case, no scheme, port, path, query or trailing
 * dot; reduced to its registrable domain (the Public Suffix List's "domain": mail.acme.co.uk → acme.co.uk),
 * or with keepSubdomains only a leading `www.` dropped (when two labels remain: `www.com` is a domain of
 * its own). Undefined when the text holds no public host name, or only a public suffix (co.uk, github.io).
 */
function hostOf(raw: string, options: DomainOptions = {}): string | undefined {
  let text = raw.trim();
  if (text === '' || INVISIBLE.test(text)) return undefined;
  // An email address: the domain is what follows the last @.
  if (looksLikeAddress(text)) {
    const address = unwrapAddress(text);
    text = address.slice(address.lastIndexOf('@') + 1);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let host: string | undefined;
  try {
    host = asciiHost(new URL(text).hostname); // URL drops userinfo and port and encodes IDNs as punycode
  } catch {
    return undefined;
  }
  if (host === undefined) return undefined;
  const parsed = publicSuffixList().parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.domain) return undefined;
  if (!options.keepSubdomains) return parsed.domain;
  // A loop, so the result is a fixed point (normalising it again changes nothing).
  while (/^www\.[^.]+\.[^.]+/.test(host)) host = host.slice('www.'.length);
  return host;
}

/** An address's local part in its canonical form (see the header): NFKC when that is plain ASCII, else NFC; lower case. */
function localPart(text: string): string {
  const compatible = text.normalize('NFKC');
  // eslint-disable-next-line no-control-regex
  return (/^[\x00-\x7f]*$/.test(compatible) ? compatible : text.normalize('NFC')).toLowerCase();
}

function notAnAddress(label: string, text: string, why: string): Error {
  return inputError(`${label} "${text}" is not a valid email address${why}. Map a field that holds one address, like ada@example.com.`);
}

/**
 * An email address in its canonical form (see the header): `Ada@Example.com `, `<ada@EXAMPLE.com.>` and
 * `mailto:ada@example.com` are all `ada@example.com`; `ada@bücher.de` and `ada@xn--bcher-kva.de` are one.
 * Attio compares addresses case-insensitively and stores them lower-cased.
 * @param label the Zapier field label, for the error message
 * @throws z.errors.Error naming the field and value when it is not an address (also for invisible
 *   characters, which would make a look-alike of another address, and for a path after the domain);
 *   nothing is sent then
 */
export function normalizeEmail(raw: unknown, label: string): string {
  const text = trimmed(raw, label);
  if (INVISIBLE.test(text)) throw notAnAddress(label, text.replace(INVISIBLE, '?'), ' (it holds an invisible or control character)');
  const address = unwrapAddress(text);
  const at = address.lastIndexOf('@');
  const local = localPart(address.slice(0, at));
  const domainText = address.slice(at + 1);
  if (at <= 0 || !LOCAL_PART.test(local)) throw notAnAddress(label, text, '');
  if (/[/?#\\:@\s]/.test(domainText)) throw notAnAddress(label, text, ' (only a domain may follow the @, without a path)');
  const domain = asciiHost(domainText.toLowerCase());
  if (domain === undefined) throw notAnAddress(label, text, '');
  return `${local}@${domain}`;
}

/**
 * A company domain from what users map: `https://www.Acme.com/pricing?x=1`, `Acme.com`, `mail.acme.com`
 * or an email address all give `acme.com` (see hostOf, and options.keepSubdomains).
 * @param label the Zapier field label, for the error message
 * @throws z.errors.Error naming the field and value when no domain can be read from it
 */
export function normalizeDomain(raw: unknown, label: string, options: DomainOptions = {}): string {
  const text = trimmed(raw, label);
  const host = hostOf(text, options);
  if (host === undefined) {
    throw inputError(`${label} "${text}" is not a domain. Map a website address, a domain like acme.com, or an email address at the company's domain.`);
  }
  return host;
}

/**
 * True for a consumer email provider's domain (expects a normalised domain): a company "created" from one
 * would be the provider (a "Gmail" company collecting every customer with a Gmail address). The list is
 * the maintained `email-providers` package's; a subdomain of a listed domain counts too.
 */
export function isFreeEmailDomain(domain: string): boolean {
  const list = freeMailDomains();
  if (list.has(domain)) return true;
  const registrable = publicSuffixList().getDomain(domain, { allowPrivateDomains: true });
  return registrable !== null && list.has(registrable);
}
