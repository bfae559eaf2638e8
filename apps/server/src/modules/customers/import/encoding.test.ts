import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { detectEncoding, fieldDecoder } from './encoding.js';

const hungarian = 'Vezetéknév;Keresztnév;Város\nKovács;Ádám;Győr\nŐri;Ödön;Szűcs utca\nHorváth;Éva;Pécs\n';
const turkish = 'Ad,Soyad,Şehir\nŞükrü,Öztürk,İstanbul\nIşıl,Yılmaz,Muğla\nÇağla,Gökçe,Eskişehir\n';
const german = 'Vorname;Nachname;Straße\nJürgen;Müller;Hauptstraße\nÄnne;Weiß;Öhringer Weg\n';
const polish = 'Imię,Nazwisko\nŚwiętosław,Żółć\nŁucja,Źrebięcka\n';

describe('encoding detection', () => {
  it('reads UTF-8 with and without a byte order mark, and plain ASCII as UTF-8', () => {
    expect(detectEncoding(Buffer.from(hungarian))).toEqual({ encoding: 'utf-8', bomBytes: 0 });
    expect(detectEncoding(Buffer.from(`\uFEFF${turkish}`))).toEqual({ encoding: 'utf-8', bomBytes: 3 });
    expect(detectEncoding(Buffer.from('name,email\nAnna,anna@example.test\n'))).toEqual({ encoding: 'utf-8', bomBytes: 0 });
    // A multi-byte character cut off by the end of the sample is still UTF-8.
    expect(detectEncoding(Buffer.from('név\nő').subarray(0, 6)).encoding).toBe('utf-8');
  });

  it('tells a Windows-1250 Hungarian file from a Windows-1254 Turkish one', () => {
    expect(detectEncoding(iconv.encode(hungarian, 'windows-1250')).encoding).toBe('windows-1250');
    expect(detectEncoding(iconv.encode(turkish, 'windows-1254')).encoding).toBe('windows-1254');
    expect(detectEncoding(iconv.encode(turkish, 'iso-8859-9')).encoding).toBe('windows-1254');
  });

  it('picks ISO-8859-2 where it reads Central European letters Windows-1250 does not', () => {
    expect(detectEncoding(iconv.encode(polish, 'iso-8859-2')).encoding).toBe('iso-8859-2');
    expect(detectEncoding(iconv.encode(polish, 'windows-1250')).encoding).toBe('windows-1250');
  });

  it('reads a German Windows-1252 file right whichever Western table wins', () => {
    const bytes = iconv.encode(german, 'windows-1252');
    const { encoding } = detectEncoding(bytes);
    expect(fieldDecoder(encoding)(bytes.toString('latin1'))).toBe(german);
  });

  it('refuses UTF-16 with a clear message', () => {
    expect(() => detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(/UTF-16/);
  });

  it('decodes values read byte by byte', () => {
    const decode = fieldDecoder('windows-1254');
    expect(decode(iconv.encode('Şükrü Işıl', 'windows-1254').toString('latin1'))).toBe('Şükrü Işıl');
    expect(fieldDecoder('utf-8')('Kovács')).toBe('Kovács');
  });
});
