import { isFreeEmailDomain, normalizeDomain, normalizeEmail } from '../../src/values/normalize';
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

    it.each([
      ['a zero-width space', 'ada\u200b@example.com'],
      ['a zero-width joiner in the domain', 'ada@exa\u200dmple.com'],
      ['a right-to-left override', 'ada@\u202eexample.com'],
      ['a byte-order mark in front', '\ufeffada@example.com'],
      ['a control character', 'ada\u0007@example.com'],
      ['a null byte', 'ada@example.com\u0000'],
    ])('refuses an address with %s (a look-alike of another address)', async (_what, raw) => {
      const err = await failure(() => normalizeEmail(raw, 'Email'));
      expect(err.message).toMatch(/^Email ".*" is not a valid email address \(it holds an invisible or control character\)\./);
    });

    it.each(['ada@example.com/about', 'ada@example.com/', 'ada@example.com?x=1', 'ada@example.com#top', 'ada@example.com:25'])(
      'refuses %j: only a domain may follow the @',
      async (raw) => {
        const err = await failure(() => normalizeEmail(raw, 'Email'));
        expect(err.message).toBe(`Email "${raw}" is not a valid email address (only a domain may follow the @, without a path). Map a field that holds one address, like ada@example.com.`);
      },
    );

    it('writes an internationalised domain in one form (ASCII), whether it is mapped in Unicode or punycode', () => {
      expect(normalizeEmail('Ada@Bücher.de', 'Email')).toBe('ada@xn--bcher-kva.de');
      expect(normalizeEmail('ada@xn--bcher-kva.de', 'Email')).toBe('ada@xn--bcher-kva.de');
      // NFD (u + combining diaeresis) is the same address as NFC ü.
      expect(normalizeEmail('ada@bu\u0308cher.de', 'Email')).toBe('ada@xn--bcher-kva.de');
      expect(normalizeEmail('Zoe\u0308@example.com', 'Email')).toBe('zo\u00eb@example.com');
      expect(normalizeEmail('zo\u00eb@example.com', 'Email')).toBe('zo\u00eb@example.com');
    });

    it.each([
      ['a full-width local part (typed with a Japanese IME)', 'ａｄａ@example.com', 'ada@example.com'],
      ['full-width capitals', 'ＡＤＡ.Lovelace@Example.com', 'ada.lovelace@example.com'],
      ['a full-width address in a display name', '"Ada" <ａｄａ@example.com>', 'ada@example.com'],
      ['full-width throughout but the @', 'ａｄａ@ｅｘａｍｐｌｅ．ｃｏｍ', 'ada@example.com'],
      ['a ligature', '\ufb01nance@example.com', 'finance@example.com'],
      ['full-width digits and plus', 'ada＋１@example.com', 'ada+1@example.com'],
    ])('reads %s as the ASCII address it looks like (NFKC gives plain ASCII)', (_what, raw, expected) => {
      expect(normalizeEmail(raw, 'Email')).toBe(expected);
    });

    it.each([
      ['full-width Latin beside a letter NFKC keeps non-ASCII', 'ｚo\u00eb@example.com', 'ｚo\u00eb@example.com'],
      ['a Cyrillic look-alike (another mailbox)', '\u0430da@example.com', '\u0430da@example.com'],
      ['Japanese', 'ユーザー@example.jp', 'ユーザー@example.jp'],
      ['a decomposed letter, composed (NFC)', 'Zoe\u0308@example.com', 'zo\u00eb@example.com'],
    ])('keeps a local part that stays non-ASCII in NFC: %s', (_what, raw, expected) => {
      expect(normalizeEmail(raw, 'Email')).toBe(expected);
    });

    it('refuses a full-width @ (only the local part is read as NFKC), naming the field', async () => {
      const err = await failure(() => normalizeEmail('ａｄａ＠example.com', 'Email'));
      expect(err.message).toBe('Email "ａｄａ＠example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.');
    });

    it('refuses a full-width character that NFKC turns into one no address holds', async () => {
      const err = await failure(() => normalizeEmail('ada＠x@example.com', 'Email'));
      expect(err.message).toBe('Email "ada＠x@example.com" is not a valid email address. Map a field that holds one address, like ada@example.com.');
    });

    it('keeps a mailto query out, but refuses one on a bare address', async () => {
      expect(normalizeEmail('mailto:ada@example.com?subject=Hi', 'Email')).toBe('ada@example.com');
      await expect(failure(() => normalizeEmail('ada@example.com?subject=Hi', 'Email'))).resolves.toMatchObject({ name: 'AppError' });
    });

    it('is idempotent, so find and create send the same address', () => {
      for (const raw of ['Ada@Example.com ', 'ada@example.com.', '"Ada" <ada@www.example.com>', 'ada@bücher.de', 'ａｄａ@example.com', 'ｚoë@example.com']) {
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
      // Subdomains go by default (the Public Suffix List's registrable domain): mail.acme.co.uk is acme.co.uk.
      ['app.attio.com', 'attio.com'],
      ['https://www.app.attio.com', 'attio.com'],
      ['www2.acme.com', 'acme.com'],
      ['mail.acme.co.uk', 'acme.co.uk'],
      ['ada@eu.mail.acme.co.uk', 'acme.co.uk'],
      // A hosted site under a private public suffix is its own company.
      ['acme.github.io', 'acme.github.io'],
      ['https://shop.acme.myshopify.com', 'acme.myshopify.com'],
      // www.com is a registrable domain of its own.
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
      ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ])('%j → %j', (raw, expected) => {
      expect(normalizeDomain(raw, 'Domain')).toBe(expected);
    });

    it.each([
      ['app.attio.com', 'app.attio.com'],
      ['https://www.app.attio.com', 'app.attio.com'],
      ['mail.acme.co.uk', 'mail.acme.co.uk'],
      ['www2.acme.com', 'www2.acme.com'],
      ['https://www.www.com/', 'www.com'],
    ])('with Keep Subdomains, %j → %j (only a leading www. goes)', (raw, expected) => {
      expect(normalizeDomain(raw, 'Domain', { keepSubdomains: true })).toBe(expected);
    });

    it.each(['co.uk', 'github.io', 'ada@co.uk', 'ada\u200b.com'])('refuses %j: a public suffix, or an invisible character, is no company domain', async (raw) => {
      expect((await failure(() => normalizeDomain(raw, 'Domain'))).message).toMatch(/ is not a domain\./);
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
        for (const options of [{}, { keepSubdomains: true }]) {
          const once = normalizeDomain(raw, 'Domain', options);
          expect(normalizeDomain(once, 'Domain', options)).toBe(once);
        }
      }
    });
  });

  describe('free email domains', () => {
    it.each(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me', 'aol.com', 'yahoo.co.uk', 'web.de', 'hey.com', 'mail.yahoo.co.jp'])('%s is free mail', (d) => {
      expect(isFreeEmailDomain(d)).toBe(true);
    });

    it.each(['acme.com', 'acme.io', 'mail.google.com', 'attio.com'])('%s is not', (d) => {
      expect(isFreeEmailDomain(d)).toBe(false);
    });

    it('reads the maintained list (email-providers), not a short hand-written one', () => {
      expect(['qq.com', 'naver.com', 'seznam.cz', 'rediffmail.com', 'libero.it'].every(isFreeEmailDomain)).toBe(true);
    });

    it('catches the domain of a free-mail address after normalising', () => {
      expect(isFreeEmailDomain(normalizeDomain('Ada.Lovelace@GMail.com', 'Domain'))).toBe(true);
    });
  });
});
