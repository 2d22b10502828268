import { FREE_EMAIL_DOMAINS, isFreeEmailDomain, normalizeDomain, normalizeEmail } from '../../src/values/normalize';
import { failure } from '../fixtures/people_companies';

describe('lib/normalize', () => {
  describe('normalizeEmail', () => {
    it.each([
      ['Ada@Example.com ', 'ada@example.com'],
      ['  ada@example.com', 'ada@example.com'],
      ['ADA.LOVELACE+zap@Sub.Example.CO.UK', 'ada.lovelace+zap@sub.example.co.uk'],
      ['"Ada Lovelace" <Ada@Example.com>', 'ada@example.com'],
      ['mailto:ada@example.com', 'ada@example.com'],
      // The fully qualified form is the same mailbox: without the dot, so find and create send one value.
      ['ada@example.com.', 'ada@example.com'],
      ['"Ada" <Ada@Example.com.>', 'ada@example.com'],
    ])('%j → %j', (raw, expected) => {
      expect(normalizeEmail(raw, 'Email')).toBe(expected);
    });

    it('keeps the address itself: a www. in the domain is part of the mailbox', () => {
      expect(normalizeEmail('ada@www.example.com', 'Email')).toBe('ada@www.example.com');
    });

    it.each(['ada', 'ada@', '@example.com', 'ada@localhost', 'ada lovelace@example.com', 'ada@@example.com', 'ada@example', 'ada@example.com..', ''])(
      'rejects %j naming the field and the value',
      async (raw) => {
        const err = await failure(() => normalizeEmail(raw, 'Work Email'));
        expect(err.name).toBe('AppError');
        expect(err.message).toBe(`Work Email "${raw}" is not a valid email address. Map a field that holds one address, like ada@example.com.`);
      },
    );

    it('is idempotent, so find and create send the same address', () => {
      for (const raw of ['Ada@Example.com ', 'ada@example.com.', '"Ada" <ada@www.example.com>']) {
        const once = normalizeEmail(raw, 'Email');
        expect(normalizeEmail(once, 'Email')).toBe(once);
      }
    });

    it('reports a missing value as empty', async () => {
      expect((await failure(() => normalizeEmail(undefined, 'Email'))).message).toMatch(/^Email "" is not a valid email address/);
    });
  });

  describe('normalizeDomain', () => {
    it.each([
      ['https://www.Acme.com/pricing?x=1', 'acme.com'],
      ['Acme.com', 'acme.com'],
      [' ACME.COM ', 'acme.com'],
      ['ada@Acme.com', 'acme.com'],
      ['"Ada" <ada@www.acme.com>', 'acme.com'],
      ['www.acme.com', 'acme.com'],
      ['http://acme.com:8080/', 'acme.com'],
      ['https://user:secret@acme.com/login', 'acme.com'],
      ['acme.co.uk.', 'acme.co.uk'],
      ['acme.com/about#team', 'acme.com'],
      // Only a leading www. goes: Attio stores host names, and app.attio.com is not attio.com.
      ['app.attio.com', 'app.attio.com'],
      ['https://www.app.attio.com', 'app.attio.com'],
      ['www2.acme.com', 'www2.acme.com'],
      // www. goes only when two labels remain: www.com is a domain of its own.
      ['www.com', 'www.com'],
      ['https://www.www.com/', 'www.com'],
      ['ada@www.com', 'www.com'],
      // A / before the @ makes it a URL (a profile page), not an email address at "acme".
      ['medium.com/@acme', 'medium.com'],
      ['https://medium.com/@acme', 'medium.com'],
      ['"Smith/Jones" <ada@acme.com>', 'acme.com'],
      ['ada@acme.com/', 'acme.com'],
      // Internationalised names are sent as the ASCII (punycode) host name.
      ['münchen.de', 'xn--mnchen-3ya.de'],
    ])('%j → %j', (raw, expected) => {
      expect(normalizeDomain(raw, 'Domain')).toBe(expected);
    });

    it.each(['acme', 'not a domain', '', 'http://', 'localhost', '127.0.0.1', 'https://10.0.0.1/x', 'acme.c0m', '-acme.com', 'ada@'])(
      'rejects %j naming the field and the value',
      async (raw) => {
        const err = await failure(() => normalizeDomain(raw, 'Company Domain'));
        expect(err.name).toBe('AppError');
        expect(err.message).toBe(
          `Company Domain "${raw}" is not a domain. Map a website address, a domain like acme.com, or an email address at the company's domain.`,
        );
      },
    );

    it('is idempotent, so find and create agree however often a value is normalised', () => {
      for (const raw of ['https://www.Acme.com/pricing?x=1', 'ada@Acme.com', 'app.attio.com', 'www.com', 'www.www.acme.com', 'medium.com/@acme']) {
        const once = normalizeDomain(raw, 'Domain');
        expect(normalizeDomain(once, 'Domain')).toBe(once);
      }
    });
  });

  describe('free email domains', () => {
    it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'aol.com'])('%s is free mail', (d) => {
      expect(isFreeEmailDomain(d)).toBe(true);
    });

    it.each(['acme.com', 'gmail.co', 'mail.google.com', 'attio.com'])('%s is not', (d) => {
      expect(isFreeEmailDomain(d)).toBe(false);
    });

    it('lists only normalised domains (what the check is given)', () => {
      for (const d of FREE_EMAIL_DOMAINS) expect(normalizeDomain(d, 'Domain')).toBe(d);
    });

    it('catches the domain of a free-mail address after normalising', () => {
      expect(isFreeEmailDomain(normalizeDomain('Ada.Lovelace@GMail.com', 'Domain'))).toBe(true);
    });
  });
});
