import { describe, expect, it } from 'vitest';
import { splitQuotedText } from './quoted-text.js';

const lines = (...parts: string[]) => parts.join('\n');

describe('splitQuotedText', () => {
  it.each([
    ['Gmail in English', 'On Tue, 5 Mar 2024 at 10:12, Rapport Support <support@rapport.example> wrote:'],
    ['Apple Mail', 'On 5 Mar 2024, at 10:12, Rapport Support <support@rapport.example> wrote:'],
    ['Gmail in Hungarian', '2024. márc. 5., K, 10:12 dátummal Rapport Support <support@rapport.example> ezt írta:'],
    ['Thunderbird in Hungarian', 'Rapport Support írta (2024. március 5. 10:12):'],
    ['Gmail in Turkish', 'Rapport Support <support@rapport.example>, 5 Mar 2024 Sal, 10:12 tarihinde şunu yazdı:'],
    ['Gmail in Uzbek', '2024-yil 5-mart, 10:12 Rapport Support <support@rapport.example> yozdi:'],
    ['Gmail in German', 'Am Di., 5. März 2024 um 10:12 Uhr schrieb Rapport Support <support@rapport.example>:'],
    ['Gmail in French', 'Le mar. 5 mars 2024 à 10:12, Rapport Support <support@rapport.example> a écrit :'],
    ['Gmail in Russian', 'вт, 5 мар. 2024 г. в 10:12, Rapport Support <support@rapport.example>: написал(а):'],
    ['a client that puts the name first', 'Rapport Support <support@rapport.example> wrote:'],
  ])('cuts at the attribution line of %s', (_client, attribution) => {
    const text = lines('Thanks, that fixed it.', '', 'Anna', '', attribution, '> Please restart the router.', '>', '> Rapport');

    expect(splitQuotedText(text)).toEqual({
      reply: 'Thanks, that fixed it.\n\nAnna',
      quoted: lines(attribution, '> Please restart the router.', '>', '> Rapport'),
    });
  });

  it('cuts at an attribution that the client wrapped over two lines', () => {
    const text = lines(
      'Thanks!',
      '',
      'On Tue, 5 Mar 2024 at 10:12, Rapport Support <',
      'support@rapport.example> wrote:',
      '> Please restart the router.',
    );
    expect(splitQuotedText(text).reply).toBe('Thanks!');
    expect(splitQuotedText(text).quoted).toMatch(/^On Tue/);
  });

  it.each([
    [
      'English',
      'From: Rapport Support <support@rapport.example>',
      'Sent: Tuesday, March 5, 2024 10:12 AM',
      'To: Anna',
      'Subject: RE: Invoice',
    ],
    [
      'German',
      'Von: Rapport Support <support@rapport.example>',
      'Gesendet: Dienstag, 5. März 2024 10:12',
      'An: Anna',
      'Betreff: AW: Rechnung',
    ],
    [
      'Hungarian',
      'Feladó: Rapport Support <support@rapport.example>',
      'Küldve: 2024. március 5., kedd 10:12',
      'Címzett: Anna',
      'Tárgy: VS: Számla',
    ],
    [
      'Turkish',
      'Kimden: Rapport Support <support@rapport.example>',
      'Gönderildi: 5 Mart 2024 Salı 10:12',
      'Kime: Anna',
      'Konu: YNT: Fatura',
    ],
    [
      'Uzbek',
      'Kimdan: Rapport Support <support@rapport.example>',
      'Yuborildi: 5-mart, 2024 10:12',
      'Kimga: Anna',
      'Mavzu: Hisob',
    ],
  ])("cuts at Outlook's %s header block, with the line above it", (_language, ...header) => {
    const text = lines('See below.', '', '________________________________', ...header, '', 'Your invoice is attached.');

    expect(splitQuotedText(text)).toEqual({
      reply: 'See below.',
      quoted: lines('________________________________', ...header, '', 'Your invoice is attached.'),
    });
  });

  it.each([
    '-----Original Message-----',
    '-----Ursprüngliche Nachricht-----',
    '----- Eredeti üzenet -----',
    '-----Orijinal İleti-----',
    '-------- Исходное сообщение --------',
  ])('cuts at the separator %s', (separator) => {
    const text = lines('Yes, please.', separator, 'From: support@rapport.example', 'Shall we call you?');
    expect(splitQuotedText(text)).toEqual({
      reply: 'Yes, please.',
      quoted: lines(separator, 'From: support@rapport.example', 'Shall we call you?'),
    });
  });

  it('takes trailing ">" lines as history even without an attribution', () => {
    expect(splitQuotedText('Agreed.\r\n\r\n> Shall we ship on Monday?\r\n> \r\n')).toEqual({
      reply: 'Agreed.',
      quoted: '> Shall we ship on Monday?\n>',
    });
  });

  it('keeps answers written between the quotes in the reply', () => {
    const text = lines(
      'Answers inline.',
      '',
      'On Tue, 5 Mar 2024 at 10:12, Rapport Support <support@rapport.example> wrote:',
      '> What is your order number?',
      '1042',
      '> Which colour?',
      '> Thanks',
    );
    expect(splitQuotedText(text)).toEqual({
      reply: lines(
        'Answers inline.',
        '',
        'On Tue, 5 Mar 2024 at 10:12, Rapport Support <support@rapport.example> wrote:',
        '> What is your order number?',
        '1042',
      ),
      quoted: '> Which colour?\n> Thanks',
    });
  });

  it('hides nothing when there is no history, when it is all history, or when the answer is below the quote', () => {
    const plain = 'Hello,\n\nmy parcel has not arrived.\n\n-- \nAnna';
    const allQuoted = '> What is your order number?\n> Rapport';
    const bottomPosted = lines(
      'On Tue, 5 Mar 2024 at 10:12, Rapport Support <support@rapport.example> wrote:',
      '> What is your order number?',
      '',
      'It is 1042.',
    );
    for (const text of [plain, allQuoted, bottomPosted, '', '\n\n']) {
      expect(splitQuotedText(text)).toEqual({ reply: text.trimEnd(), quoted: '' });
    }
  });

  it('does not take a sentence that ends in "wrote:" for an attribution', () => {
    const text = 'This is what my colleague wrote:\nThe device does not start.\nCan you help?';
    expect(splitQuotedText(text)).toEqual({ reply: text, quoted: '' });
  });

  it('does not take a lone "From:" line in the reply for a quoted header block', () => {
    const text = 'From: the warehouse in Izmir\nTo be honest the box was damaged.';
    expect(splitQuotedText(text)).toEqual({ reply: text, quoted: '' });
  });

  it('stays fast on long hostile lines', () => {
    const interleaved = 'On 5 Mar 2024, a@b.c wrote:\n> q\nanswer\n'.repeat(20_000);
    const hostile = `On ${'a '.repeat(200_000)}\n${'Am '.repeat(50_000)}schrieb${' x'.repeat(50_000)}\n${interleaved}${'> '.repeat(100_000)}`;
    const started = performance.now();
    splitQuotedText(`Hi\n${hostile}`);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
