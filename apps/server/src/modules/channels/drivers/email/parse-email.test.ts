import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../../platform/errors.js';
import { parseEmail, type ParsedEmail } from './parse-email.js';
import { splitQuotedText } from './quoted-text.js';

const fixturesDirectory = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixturesDirectory));
const parseFixture = (name: string) => parseEmail(fixture(name));

const hungarian = 'Árvíztűrő tükörfúrógép';
const turkish = "Iğdır'da şoför çiçekçi";
const russian = 'Съешь же ещё этих мягких французских булок, да выпей чаю';
const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

async function invalidEmailReason(source: Buffer | Readable): Promise<unknown> {
  try {
    await parseEmail(source);
  } catch (error) {
    if (isAppError(error) && (error.code as string) === 'invalid_email_message') return error.details?.reason;
    throw error;
  }
  throw new Error('parseEmail did not throw');
}

/** What every parsed message promises, however broken its source. */
function expectNormalized(email: ParsedEmail): void {
  for (const address of [email.from, ...email.to, ...email.cc, ...email.replyTo]) {
    if (address) expect(address.address).toBe(address.address.toLowerCase());
  }
  expect(email.subject).not.toMatch(/[\r\n\t]|^\s|\s$/);
  for (const attachment of email.attachments) {
    expect(attachment.fileName).toMatch(/^[^/\\\p{Cc}]{1,200}$/u);
    expect(attachment.size).toBe(attachment.content.length);
  }
  if (email.html !== null) expect(email.html).not.toMatch(/<script|\son\w+=|javascript:/i);
  expect(email.text).not.toMatch(/[^\P{Cc}\n\t]/u);
}

describe('parseEmail', () => {
  it('reads a multipart/alternative reply: threading ids, addresses, subject, date, language, text and html', async () => {
    const email = await parseFixture('alternative-utf8.eml');

    expect(email).toMatchObject({
      messageId: 'CAF=abc123+x@mail.example.hu',
      inReplyTo: ['reply-1042.7f3a@rapport.example'],
      references: ['first-1042.1@rapport.example', 'reply-1042.7f3a@rapport.example'],
      from: { address: 'anna.kovacs@example.hu', name: 'Kovács Anna' },
      replyTo: [{ address: 'anna+support@example.hu', name: 'Anna (support)' }],
      // The empty "undisclosed-recipients:;" group adds nobody; the members of the "Team:" group are listed.
      to: [{ address: 'support@rapport.example', name: 'Rapport Support' }],
      cc: [
        { address: 'bence@example.hu', name: 'Bence' },
        { address: 'csilla@example.hu', name: 'Csilla' },
        { address: 'dora@example.hu', name: null },
      ],
      subject: 'Re: Számla #1042 – hibás összeg',
      date: new Date('2024-03-05T09:12:00Z'),
      language: 'hu-HU',
      hasRemoteImages: false,
      attachments: [],
      automated: null,
    });
    expect(email.text).toBe(
      'Jó napot!\n\nA 1042-es számla összege hibás, kérem javítsák.\n\nÜdvözlettel,\nKovács Anna\n\n' +
        '2024. márc. 4., H, 16:20 dátummal Rapport Support <support@rapport.example> ezt írta:\n' +
        '> Köszönjük a levelét, hamarosan válaszolunk.',
    );
    expect(splitQuotedText(email.text).reply).toBe(
      'Jó napot!\n\nA 1042-es számla összege hibás, kérem javítsák.\n\nÜdvözlettel,\nKovács Anna',
    );
    // The head (title, style, meta) is gone; the body's formatting stays.
    expect(email.html).toBe(
      '<p>Jó napot!</p><p>A 1042-es számla <b>összege</b> <i>hibás</i>, kérem javítsák.</p>' +
        '<p>Üdvözlettel,<br />Kovács Anna</p><blockquote>Köszönjük a levelét, hamarosan válaszolunk.</blockquote>',
    );
  });

  it('keeps every attachment of a multipart/mixed mail, empty ones too, under safe file names', async () => {
    const email = await parseFixture('mixed-attachments.eml');

    expect(email.text).toBe('Please see the attached files.');
    expect(email.html).toBeNull();
    expect(
      email.attachments.map(({ fileName, contentType, size, contentId, isInline }) => ({
        fileName,
        contentType,
        size,
        contentId,
        isInline,
      })),
    ).toEqual([
      { fileName: 'invoice 1042.pdf', contentType: 'application/pdf', size: 77, contentId: null, isInline: false },
      { fileName: 'empty.txt', contentType: 'text/plain', size: 0, contentId: null, isInline: false },
      { fileName: 'passwd', contentType: 'application/octet-stream', size: 31, contentId: null, isInline: false },
      { fileName: 'ab.exe', contentType: 'application/x-msdownload', size: 4, contentId: null, isInline: false },
      // The right-to-left override that made it read "invoiceexe.pdf" is gone.
      { fileName: 'invoicefdp.exe', contentType: 'application/pdf', size: 77, contentId: null, isInline: false },
      {
        fileName: `${'Ş'.repeat(150)}${'a'.repeat(46)}.pdf`,
        contentType: 'application/pdf',
        size: 77,
        contentId: null,
        isInline: false,
      },
      { fileName: '42.zip', contentType: 'application/zip', size: 22, contentId: null, isInline: false },
    ]);
    expect(email.attachments[0]?.content.toString('latin1')).toBe(pdf);
    expect(email.attachments[1]?.content).toEqual(Buffer.alloc(0));
    expect(email.attachments[2]?.content.toString()).toBe('root:x:0:0:root:/root:/bin/bash');
    expectNormalized(email);
  });

  it('marks the cid: image of a multipart/related mail as inline and keeps its cid: reference in the html', async () => {
    const email = await parseFixture('related-inline-image.eml');

    expect(email.text).toBe('Hier ist der Fehler: [Bildschirmfoto]');
    expect(email.html).toBe(
      '<p>Hier ist der Fehler:</p><p><img alt="Bildschirmfoto" width="1" height="1" src="cid:screenshot.png@01DA6F" /></p>',
    );
    expect(email.language).toBe('de');
    expect(
      email.attachments.map(({ fileName, contentType, contentId, isInline, size }) => ({
        fileName,
        contentType,
        contentId,
        isInline,
        size,
      })),
    ).toEqual([
      { fileName: 'screenshot.png', contentType: 'image/png', contentId: 'screenshot.png@01DA6F', isInline: true, size: 70 },
      // Inline by disposition, but nothing shows it: it belongs in the attachment list.
      { fileName: 'attachment.png', contentType: 'image/png', contentId: 'unused@01DA6F', isInline: false, size: 70 },
    ]);
    expect(email.attachments[0]?.content.subarray(1, 4).toString()).toBe('PNG');
  });

  it.each([
    ['iso-8859-2.eml', 'ISO-8859-2 quoted-printable', hungarian, `${hungarian}\nŐrült ügyfél.`, 'Szűcs Őrs', 'ors@example.hu'],
    [
      'windows-1250.eml',
      'Windows-1250 8-bit HTML',
      hungarian,
      `${hungarian}\n\nÜdvözlettel: Anna`,
      'Kovács Anna',
      'anna@example.hu',
    ],
    [
      'windows-1254.eml',
      'Windows-1254 base64',
      turkish,
      `${turkish}\nİyi günler, ığüşöç.`,
      'Şükrü Öztürk',
      'sukru@example.com.tr',
    ],
    ['koi8-r.eml', 'KOI8-R 8-bit', 'Привет из Москвы', russian, 'Иван Петров', 'ivan@example.ru'],
  ])('decodes %s (%s) bodies and encoded-word headers exactly', async (name, _kind, subject, text, fromName, address) => {
    const email = await parseFixture(name);
    expect(email.subject).toBe(subject);
    expect(email.text).toBe(text);
    expect(email.from).toEqual({ address, name: fromName });
  });

  it('keeps the html of a Windows-1250 html-only mail decoded too', async () => {
    const email = await parseFixture('windows-1250.eml');
    expect(email.html).toBe(`<p>${hungarian}</p><p>Üdvözlettel: <b>Anna</b></p>\n`);
  });

  it('joins B and Q encoded words that split a UTF-8 character between them', async () => {
    const email = await parseFixture('utf8-split-encoded-words.eml');
    expect(email.subject).toBe(hungarian);
    expect(email.from).toEqual({ address: 'gulom@example.uz', name: 'Gʻulom Oʻrinov' });
  });

  it('reads raw 8-bit headers as UTF-8, or else in the charset the message declares', async () => {
    const utf8 = await parseFixture('raw-8bit-utf8-headers.eml');
    expect(utf8.subject).toBe(hungarian);
    expect(utf8.from).toEqual({ address: 'anna@example.hu', name: 'Kovács Anna' });

    const latin2 = await parseFixture('raw-8bit-latin2-headers.eml');
    expect(latin2.subject).toBe(hungarian);
    expect(latin2.from).toEqual({ address: 'ors@example.hu', name: 'Szűcs Őrs' });
    expect(latin2.text).toBe('Őrült ügyfél.');
  });

  it('returns null for a missing Message-ID, a missing From and a Date it cannot read, and unfolds the subject', async () => {
    const withoutId = await parseFixture('missing-message-id.eml');
    expect(withoutId).toMatchObject({ messageId: null, date: null, subject: 'A subject folded over lines', text: 'No id here.' });
    expect(withoutId.from).toEqual({ address: 'no-id@example.com', name: null });

    const withoutFrom = await parseFixture('missing-from.eml');
    expect(withoutFrom).toMatchObject({ from: null, date: null, messageId: 'no-from-1@example.com', subject: 'Who am I?' });
  });

  it('flags a bounce, an out-of-office reply and list mail as automated', async () => {
    const bounce = await parseFixture('bounce.eml');
    expect(bounce.automated).toBe('bounce');
    expect(bounce.text).toContain('Final-Recipient: rfc822; nobody@example.com');
    expect(bounce.attachments.map((attachment) => [attachment.fileName, attachment.contentType])).toEqual([
      ['attachment.txt', 'text/rfc822-headers'],
    ]);

    const outOfOffice = await parseFixture('auto-reply.eml');
    expect(outOfOffice).toMatchObject({ automated: 'auto_reply', inReplyTo: ['reply-77@rapport.example'] });

    expect((await parseFixture('bulk-list.eml')).automated).toBe('bulk');
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto_reply'],
    ['Auto-Submitted: auto-generated', 'auto_submitted'],
    ['Auto-Submitted: auto-notified; owner-email="a@example.com"', 'auto_submitted'],
    ['Auto-Submitted: no', null],
    ['X-Autoreply: yes', 'auto_reply'],
    ['X-Autorespond: Out of office', 'auto_reply'],
    ['Precedence: auto_reply', 'auto_reply'],
    ['Precedence: bulk', 'bulk'],
    ['Precedence: list', 'bulk'],
    ['Precedence: junk', 'bulk'],
    ['List-Id: <news.shop.example>', 'bulk'],
    ['X-Failed-Recipients: nobody@example.com', 'bounce'],
    ['Return-Path: <>', 'auto_submitted'],
    ['Return-Path: <anna@example.hu>', null],
    ['Content-Type: multipart/report; report-type=disposition-notification; boundary=x', 'auto_submitted'],
  ])('reads "%s" as automated: %s', async (header, automated) => {
    const email = await parseEmail(Buffer.from(`From: anna@example.hu\r\n${header}\r\nSubject: Hi\r\n\r\nHello\r\n`));
    expect(email.automated).toBe(automated);
  });

  it('parses malformed MIME without throwing: a boundary never closed, junk headers, bad base64, bare LFs', async () => {
    const email = await parseFixture('malformed-unclosed-boundary.eml');

    expect(email).toMatchObject({
      messageId: 'broken-1@example.com',
      from: { address: 'broken@example.com', name: 'Broken Client' },
      to: [{ address: 'support@rapport.example', name: null }],
      date: new Date('2024-03-13T09:00:00Z'),
      text: 'The first part is fine.',
      html: null,
    });
    expect(email.subject).toMatch(/ and caf/);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ fileName: 'cut.pdf', contentType: 'application/pdf' });
    expect(email.attachments[0]?.content.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expectNormalized(email);
  });

  it('never throws on truncated or corrupted versions of the corpus, except that it is not an email at all', async () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    let parsed = 0;
    for (const name of readdirSync(fixturesDirectory)) {
      const source = fixture(name);
      const variants = [0.1, 0.3, 0.5, 0.7, 0.9].map((share) => source.subarray(0, Math.floor(source.length * share)));
      for (let round = 0; round < 5; round += 1) {
        const corrupted = Buffer.from(source);
        for (let flip = 0; flip < 20; flip += 1) corrupted[Math.floor(random() * corrupted.length)] = Math.floor(random() * 256);
        variants.push(corrupted);
      }
      for (const variant of variants) {
        try {
          expectNormalized(await parseEmail(variant));
          parsed += 1;
        } catch (error) {
          expect(isAppError(error) && (error.code as string) === 'invalid_email_message').toBe(true);
        }
      }
    }
    expect(parsed).toBeGreaterThan(150);
  });

  it('sanitizes the html of a mail full of XSS payloads, and makes its text from the safe html', async () => {
    const email = await parseFixture('xss.eml');

    expect(email.subject).toBe('<script>alert(1)</script> Hello');
    expect(email.hasRemoteImages).toBe(true);
    const html = email.html ?? '';
    expect(html).not.toMatch(
      /<script|\son\w+\s*=|javascript:|vbscript:|data:text|<svg|<iframe|<form|<meta|<base|<object|<embed|<link|<style|url\(/i,
    );
    expect(html).not.toMatch(/\ssrc="https?:/);
    expect(html).toContain('data-remote-src="http://tracker.example/open.gif?u=42"');
    expect(html).toContain('data-remote-src="https://cdn.example/logo.png"');
    expect(html).toContain('<p style="color: #c00; font-weight: bold">Dear <b>support</b>, <i>please</i> help.</p>');
    expect(html).toContain(
      '<a href="https://example.com/help?a=1&amp;b=2" target="_blank" rel="noopener noreferrer nofollow">help</a>',
    );
    expect(html).toContain('<table border="1"><tr><td colspan="2">cell</td></tr></table>');
    expect(email.text).toMatch(/^Dear support, please help\./);
    expect(email.text).toContain('help [https://example.com/help?a=1&b=2]');
    expect(email.text).not.toMatch(/javascript|vbscript|data:|tracker|alert/i);
  });

  it('reads a 5 MB attachment from a stream, byte for byte', async () => {
    const content = randomBytes(5 * 1024 * 1024);
    const head = Buffer.from(
      'From: big@example.com\r\nSubject: Big\r\nMessage-ID: <big@example.com>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
        '--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n' +
        '--b\r\nContent-Type: application/octet-stream; name="big.bin"\r\nContent-Transfer-Encoding: base64\r\n\r\n',
    );
    const body = Buffer.from(content.toString('base64').replace(/.{76}/g, '$&\r\n'));
    const chunks = [
      head,
      ...Array.from({ length: Math.ceil(body.length / 65_536) }, (_, i) => body.subarray(i * 65_536, (i + 1) * 65_536)),
      Buffer.from('\r\n--b--\r\n'),
    ];

    const email = await parseEmail(Readable.from(chunks));

    expect(email.text).toBe('See attached.');
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ fileName: 'big.bin', size: content.length });
    expect(email.attachments[0]?.content.equals(content)).toBe(true);
  });

  it('throws invalid_email_message for input that is not an email at all', async () => {
    expect(await invalidEmailReason(Buffer.alloc(0))).toBe('empty');
    expect(await invalidEmailReason(Buffer.from(' \r\n\t\n'))).toBe('empty');
    expect(await invalidEmailReason(Readable.from([]))).toBe('empty');
    expect(await invalidEmailReason(Buffer.from('just some words\r\n'))).toBe('no_headers');
  });

  it('throws invalid_email_message for a message past the parser limits, not a generic error', async () => {
    const parts = Array.from({ length: 1_100 }, (_, i) => `--b\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    const source = Buffer.from(`From: many@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n${parts}--b--\r\n`);
    expect(await invalidEmailReason(source)).toBe('limits_exceeded');
  });

  it('takes the Message-IDs out of messy headers, keeping the last 100 references', async () => {
    const references = Array.from({ length: 150 }, (_, i) => `<ref-${i}@example.com>`).join('\r\n ');
    const email = await parseEmail(
      Buffer.from(
        `From: a@example.com\r\nMessage-ID: <  folded\r\n id@example.com >\r\nIn-Reply-To: <a@example.com> (sent by Anna) <b@example.com>\r\nReferences: ${references}\r\n\r\nx`,
      ),
    );
    expect(email.messageId).toBe('foldedid@example.com');
    expect(email.inReplyTo).toEqual(['a@example.com', 'b@example.com']);
    expect(email.references).toHaveLength(100);
    expect(email.references[0]).toBe('ref-50@example.com');
    expect(email.references.at(-1)).toBe('ref-149@example.com');
  });

  it('skips addresses it cannot use, lists each address once and keeps display names on one line', async () => {
    const email = await parseEmail(
      Buffer.from(
        'From: =?UTF-8?Q?Anna=09=0D=0A_K.?= <Anna@Example.HU>\r\nTo: "B" <b@example.com>, <@>, <broken@>\r\nCc: c@example.com, "C again" <C@EXAMPLE.COM>\r\nReply-To: broken\r\n\r\nx',
      ),
    );
    expect(email.from).toEqual({ address: 'anna@example.hu', name: 'Anna K.' });
    expect(email.to).toEqual([{ address: 'b@example.com', name: 'B' }]);
    expect(email.cc).toEqual([{ address: 'c@example.com', name: null }]);
    expect(email.replyTo).toEqual([]);
  });
});
