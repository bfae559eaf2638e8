import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import type { CsvFormat } from './csv-records.js';
import { readRecords } from './csv-records.js';
import { sniffCsv } from './csv-sniff.js';

const folder = mkdtemp(join(tmpdir(), 'rapport-csv-'));
afterAll(async () => rm(await folder, { recursive: true, force: true }));

async function file(content: string | Buffer): Promise<string> {
  const path = join(await folder, `${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(path, content);
  return path;
}

async function read(path: string, format: CsvFormat, from = { offset: 0, line: 1 }) {
  const items = [];
  for await (const item of readRecords(path, format, from)) items.push(item);
  return items;
}

const comma: CsvFormat = { encoding: 'utf-8', delimiter: ',' };

describe('reading records', () => {
  it('gives each record its first line and the offset after it; quoted values may span lines', async () => {
    const text = 'name,note\r\nÁdám,"two\r\nlines"\r\n\r\nÉva,x\r\n';
    const items = await read(await file(text), comma);
    expect(items.map((i) => ('fields' in i ? [i.line, i.fields] : null))).toEqual([
      [1, ['name', 'note']],
      [2, ['Ádám', 'two\r\nlines']],
      [5, ['Éva', 'x']],
    ]);
    expect(items.at(-1)!.endOffset).toBe(Buffer.byteLength(text));
    // Resuming at a record's end offset continues with the next record and its line.
    const second = items[1]!;
    const rest = await read(await file(text), comma, { offset: second.endOffset, line: second.nextLine });
    expect(rest.map((i) => ('fields' in i ? [i.line, i.fields[0]] : null))).toEqual([[5, 'Éva']]);
  });

  it('reports a line with broken quoting and reads on from the next line', async () => {
    const text = ['a,b', '1,2', '"3,4', '5,6', '"7"x,8', 'bad"quote,9', '10,11', '"12,13', '14,15'].join('\n');
    const items = await read(await file(text), comma);
    expect(items.map((i) => ('broken' in i ? `${i.line}: ${i.broken}` : `${i.line}: ${i.fields.join('|')}`))).toEqual([
      '1: a|b',
      '2: 1|2',
      // The quote opened here closes at "7" two lines down, then text follows it.
      '3: CSV_INVALID_CLOSING_QUOTE',
      '4: 5|6',
      '5: CSV_INVALID_CLOSING_QUOTE',
      '6: INVALID_OPENING_QUOTE',
      '7: 10|11',
      '8: CSV_QUOTE_NOT_CLOSED',
      '9: 14|15',
    ]);
  });

  it('decodes single-byte files value by value', async () => {
    const path = await file(iconv.encode('Ad;Soyad\nŞükrü;Işıklı\n', 'windows-1254'));
    const items = await read(path, { encoding: 'windows-1254', delimiter: ';' });
    expect(items.map((i) => ('fields' in i ? i.fields : null))).toEqual([
      ['Ad', 'Soyad'],
      ['Şükrü', 'Işıklı'],
    ]);
  });
});

describe('sniffing a file', () => {
  it('finds the delimiter, header, first rows and where the data starts', () => {
    const text = '\uFEFFVezetéknév;Keresztnév;Egyenleg\nKovács;Ádám;12,5\nNagy;Éva;3,25\n';
    const bytes = Buffer.from(text);
    const layout = sniffCsv(bytes, { encoding: 'utf-8', bomBytes: 3, fileBytes: bytes.length });
    expect(layout).toMatchObject({
      delimiter: ';',
      headers: ['Vezetéknév', 'Keresztnév', 'Egyenleg'],
      sampleRows: [
        ['Kovács', 'Ádám', '12,5'],
        ['Nagy', 'Éva', '3,25'],
      ],
      dataLine: 2,
      rowsEstimate: 2,
    });
    expect(bytes.subarray(layout.dataOffset).toString()).toMatch(/^Kovács/);
    const tabs = Buffer.from('name\temail\nAnna\tanna@example.test\n');
    expect(sniffCsv(tabs, { encoding: 'utf-8', bomBytes: 0, fileBytes: tabs.length }).delimiter).toBe('\t');
  });

  it('estimates the rows of a file from the bytes per row of its start', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Customer ${String(i).padStart(5, '0')},c${i}@example.test`).join('\n');
    const bytes = Buffer.from(`name,email\n${rows}\n`);
    const layout = sniffCsv(bytes.subarray(0, 64 * 1024), { encoding: 'utf-8', bomBytes: 0, fileBytes: bytes.length });
    expect(layout.rowsEstimate).toBeGreaterThan(9_000);
    expect(layout.rowsEstimate).toBeLessThan(11_000);
  });

  it('refuses a file without a header row', () => {
    expect(() => sniffCsv(Buffer.from('\n\n'), { encoding: 'utf-8', bomBytes: 0, fileBytes: 2 })).toThrow(/header/);
  });
});
