import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLines, utf8Bom } from './csv-output.js';
import { errorReportHeader, errorReportPath } from './error-report.js';
import { namesPerson, scrubErrorReport, type PersonToScrub } from './scrub-error-reports.js';

const adam: PersonToScrub = {
  emails: ['adam.kovacs@example.hu'],
  phones: ['+36301234567'],
  nameKey: 'adam kovacs',
  country: 'HU',
};

const dir = mkdtemp(join(tmpdir(), 'rapport-scrub-'));
afterAll(async () => rm(await dir, { recursive: true, force: true }));

describe('namesPerson', () => {
  it('knows the person by email in any case, phone in any format, and full name in any order and spelling', () => {
    expect(namesPerson('Adam.Kovacs@Example.HU', '', adam)).toBe(true);
    expect(namesPerson('+36301234567', '', adam)).toBe(true);
    expect(namesPerson('06 30 123 4567', '', adam)).toBe(true);
    expect(namesPerson('+36 (30) 123-4567', '', adam)).toBe(true);
    expect(namesPerson('', '+36301234567 belongs to another customer', adam)).toBe(true);
    expect(namesPerson('Kovács Ádám', '', adam)).toBe(true);
    expect(namesPerson('ÁDÁM KOVÁCS extra', '', adam)).toBe(true);
    // A formula guard's apostrophe does not hide a value.
    expect(namesPerson("'+36301234567", '', adam)).toBe(true);
  });

  it('leaves other people, part names and unrelated values alone', () => {
    expect(namesPerson('bela@example.hu', 'also on line 2', adam)).toBe(false);
    expect(namesPerson('06 30 765 4321', '', adam)).toBe(false);
    expect(namesPerson('Ádám', '', adam)).toBe(false);
    expect(namesPerson('Kovács Béla', '', adam)).toBe(false);
    expect(namesPerson('2026.13.45', '"2026.13.45" is not a date', adam)).toBe(false);
    // Someone known only by a given name is not recognised by it.
    expect(namesPerson('Ádám', '', { ...adam, emails: [], phones: [], nameKey: 'adam' })).toBe(false);
  });
});

describe('scrubErrorReport', () => {
  it('drops every problem of the rows naming the person and keeps the rest as written', async () => {
    const source = join(await dir, 'import.csv');
    const kept = [
      [2, 'error', 'Phone', '12345', 'invalid_phone', '"12345" is not a valid phone number'],
      [5, 'error', 'Born', '=1+1', 'invalid_date', 'not a date'],
    ];
    await writeFile(
      errorReportPath(source),
      utf8Bom +
        csvLines([
          errorReportHeader,
          kept[0]!,
          [3, 'warning', 'Email', 'adam.kovacs@example.hu', 'duplicate_in_file', 'also on line 2'],
          [3, 'error', 'Born', '31.02.2026', 'invalid_date', '"31.02.2026" is not a date'],
          [4, 'error', 'Phone', '06 30 123 4567', 'identity_taken', 'belongs to another customer'],
          kept[1]!,
        ]),
    );
    const bytes = await scrubErrorReport(source, [adam]);
    const text = await readFile(errorReportPath(source), 'utf8');
    expect(text).toBe(utf8Bom + csvLines([errorReportHeader, ...kept]));
    expect(bytes).toBe(Buffer.byteLength(text));
    // Nothing more to remove: the report is left as it is.
    expect(await scrubErrorReport(source, [adam])).toBeNull();
    expect(await scrubErrorReport(join(await dir, 'gone.csv'), [adam])).toBeNull();
  });
});
