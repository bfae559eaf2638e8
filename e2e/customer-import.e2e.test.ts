/**
 * CSV import, export and duplicates against the real server: a UTF-8 file
 * with Hungarian, Turkish and Uzbek names is uploaded, its suggested mapping
 * checked, imported with a progress page and a summary, and its error report
 * downloaded; the list exports what it shows; two records of one person are
 * found and merged; two similar records of two people are marked "not the
 * same person". The steps share one server and build on each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import { apiAs, checkA11y, screenshot, startOwnerSession, type OwnerSession, type RapportServer } from './harness';

const importPath = /\/customers\/import\/[0-9a-f-]{36}$/;

// Line 5 has a phone number that is none; line 6 repeats the email of line 2 (the same person again).
const csv = [
  'Vezetéknév,Keresztnév,E-mail,Telefon,Ország,Cégnév',
  'Szabó,Ágnes,agnes@example.com,+36 30 123 4567,HU,Tisza Kft.',
  'Öztürk,Şükrü,sukru@example.com,+90 532 123 45 67,TR,',
  'Karimov,Gʻayrat,gayrat@example.com,+998 90 123 45 67,UZ,',
  'Weber,Jonas,jonas@example.com,12,DE,',
  'Szabó,Ágnes,agnes@example.com,06 30 765 4321,HU,',
].join('\r\n');

const suggested: Record<string, string> = {
  Vezetéknév: 'familyName',
  Keresztnév: 'givenName',
  'E-mail': 'email',
  Telefon: 'phone',
  Ország: 'country',
  Cégnév: 'company',
};

let session: OwnerSession;
let server: RapportServer;
let page: Page;

async function expectNoSeriousA11yViolations(): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

function main() {
  return page.getByRole('main');
}

/** A catalog text with its {{variables}} filled in. */
function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Starts the import on the mapping screen and waits until its status says it finished with these counts. */
async function startAndWaitForTheEnd(counts: { created: number; updated: number; failed: number }): Promise<void> {
  await main().getByRole('button', { name: en.customers.import.mapping.start }).click();
  const status = main()
    .getByRole('status')
    .filter({ hasText: /Import/ });
  await expect
    .poll(() => status.first().textContent(), { timeout: 30_000 })
    .toBe(fill(en.customers.import.progress.doneStatus, counts));
}

/** Creates a customer through the API with the browser's session (cookie and CSRF token). */
async function createCustomerThroughApi(body: Record<string, unknown>): Promise<string> {
  return (await apiAs<{ id: string }>(page, server, 'POST', '/customers', body)).id;
}

beforeAll(async () => {
  session = await startOwnerSession();
  ({ server, page } = session);
});

afterAll(() => session?.close());

describe('customer import, export and duplicates', () => {
  it('1. signs in and opens the import page from the customer list', async () => {
    await session.setUpAndSignIn();

    await page.goto(`${server.url}/customers`);
    await main().getByRole('link', { name: en.customers.import.link, exact: true }).click();
    await expect.poll(heading).toBe(en.customers.import.title);
    await expect.poll(() => main().textContent()).toContain(en.customers.import.history.none);
    await screenshot(page, 'import-01-upload');
    await expectNoSeriousA11yViolations();
  });

  it('2. uploads a UTF-8 file and shows how it was read, with the suggested mapping', async () => {
    await main()
      .getByLabel(en.customers.import.upload.file, { exact: true })
      .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await main().getByRole('button', { name: en.customers.import.upload.submit }).click();
    await page.waitForURL(importPath);
    await expect.poll(() => main().getByRole('heading', { name: en.customers.import.columns.title }).count()).toBe(1);

    const format = main().getByRole('region', { name: en.customers.import.format.title });
    expect(await format.getByLabel(en.customers.import.format.encoding).inputValue()).toBe('utf-8');
    expect(await format.getByLabel(en.customers.import.format.delimiter).inputValue()).toBe(',');
    const preview = (await format.getByRole('table').textContent()) ?? '';
    for (const name of ['Szabó', 'Ágnes', 'Öztürk', 'Şükrü', 'Gʻayrat']) expect(preview).toContain(name);

    for (const [column, field] of Object.entries(suggested)) {
      const select = main().getByLabel(fill(en.customers.import.columns.fieldFor, { column }), { exact: true });
      expect(await select.inputValue(), column).toBe(field);
    }
    expect(await main().textContent()).toContain(fill(en.customers.import.columns.summary_other, { mapped: 6, count: 6 }));
    await screenshot(page, 'import-02-mapping');
    await expectNoSeriousA11yViolations();
  });

  it('3. refuses a mapping without a name, email or phone, beside the start button', async () => {
    const columns = main().getByRole('region', { name: en.customers.import.columns.title });
    for (const column of ['Vezetéknév', 'Keresztnév', 'E-mail', 'Telefon', 'Cégnév']) {
      await columns.getByLabel(fill(en.customers.import.columns.fieldFor, { column }), { exact: true }).selectOption('');
    }
    await main().getByRole('button', { name: en.customers.import.mapping.start }).click();
    const alert = main().getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain(en.customers.import.problems.missing_required);
    await page.reload();
    await expect.poll(() => main().getByRole('heading', { name: en.customers.import.columns.title }).count()).toBe(1);
  });

  it('4. imports with progress up to a summary, and the error report names the bad line', async () => {
    await startAndWaitForTheEnd({ created: 3, updated: 1, failed: 1 });
    expect(await main().getByRole('heading', { level: 2 }).first().textContent()).toBe(en.customers.import.progress.title.done);

    const count = (key: string) => main().locator(`.import-summary__item--${key} dd`).textContent();
    expect(await count('created')).toBe('3');
    expect(await count('updated')).toBe('1');
    expect(await count('failed')).toBe('1');
    expect(await count('warnings')).toBe('1');
    await screenshot(page, 'import-03-summary');
    await expectNoSeriousA11yViolations();

    const report = main().getByRole('link', { name: en.customers.import.summary.errorReport });
    const href = (await report.getAttribute('href')) ?? '';
    expect(await report.getAttribute('download')).not.toBeNull();
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('text/csv');
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('line,level,column,value,code,reason');
    expect(lines.find((line) => line.startsWith('5,'))).toMatch(/^5,error,Telefon,12,invalid_phone,/);
    expect(lines.find((line) => line.startsWith('6,'))).toMatch(/^6,warning,E-mail,agnes@example.com,duplicate_in_file,/);

    await main().getByRole('link', { name: en.customers.import.summary.toList }).click();
    await page.waitForURL(`${server.url}/customers`);
    const rows = main().getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    const text = (await main().getByRole('table').textContent()) ?? '';
    for (const name of ['Szabó Ágnes', 'Şükrü Öztürk', 'Gʻayrat Karimov']) expect(text).toContain(name);
    expect(text).not.toContain('Jonas');
  });

  it('5. lists the import as finished on the import page', async () => {
    await page.goto(`${server.url}/customers/import`);
    const history = main().getByRole('region', { name: en.customers.import.history.title });
    await expect.poll(() => history.getByRole('row').count()).toBe(2);
    const row = history.getByRole('row').nth(1);
    expect(await row.textContent()).toContain('customers.csv');
    // The file name keeps its column wide enough to stay on one line ("customers.cs" + "v" was seen).
    const fileLink = row.getByRole('link', { name: 'customers.csv', exact: true });
    expect(await fileLink.evaluate((link) => link.getClientRects().length)).toBe(1);
    expect(await row.textContent()).toContain(en.customers.import.statuses.done);
    expect(await row.getByRole('link', { name: /Error report/ }).getAttribute('download')).not.toBeNull();
    await fileLink.click();
    await page.waitForURL(importPath);
    await expect.poll(() => main().getByRole('heading', { name: en.customers.import.progress.title.done }).count()).toBe(1);
  });

  it('6. exports the customers the list shows, filters included', async () => {
    await page.goto(`${server.url}/customers?country=HU`);
    const link = main().getByRole('link', { name: en.customers.export.link });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe('/api/v1/customers/export.csv?country=HU');
    const response = await page.request.get(`${server.url}${href}`);
    expect(response.status()).toBe(200);
    const exported = await response.text();
    expect(exported).toContain('Szabó');
    expect(exported).toContain('+36301234567');
    expect(exported).not.toContain('Öztürk');
  });

  it('7. finds two records of one person, hints at it on the profile, and merges them', async () => {
    const olderId = await createCustomerThroughApi({ givenName: 'Ádám', familyName: 'Kovács', country: 'HU' });
    const newerId = await createCustomerThroughApi({
      givenName: 'Adam',
      familyName: 'Kovacs',
      country: 'HU',
      identities: [{ kind: 'email', value: 'adam.kovacs@example.com' }],
    });

    await page.goto(`${server.url}/customers/${newerId}`);
    await expect.poll(heading).toBe('Kovacs Adam');
    const notice = main().getByRole('region', { name: en.customers.duplicates.notice.title_one });
    await expect.poll(() => notice.textContent()).toContain('This may be the same person as Kovács Ádám.');
    expect(await notice.getByRole('link', { name: 'Kovács Ádám' }).getAttribute('href')).toBe(`/customers/${olderId}`);

    await page.goto(`${server.url}/customers`);
    await main().getByRole('link', { name: en.customers.duplicates.link }).click();
    await expect.poll(heading).toBe(en.customers.duplicates.title);
    const pairs = main()
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2 }) });
    await expect.poll(() => pairs.count()).toBe(1);
    const pair = pairs.first();
    expect(await pair.textContent()).toContain('Kovács Ádám');
    expect(await pair.textContent()).toContain('Kovacs Adam');
    expect(await pair.textContent()).toContain(en.customers.duplicates.reasons.same_name_country);
    // The older record is kept unless the person says otherwise.
    const keepOlder = pair.getByRole('radio', { name: /older\)$/ });
    expect(await keepOlder.isChecked()).toBe(true);
    expect(await keepOlder.getAttribute('value')).toBe(olderId);
    await screenshot(page, 'import-04-duplicates');
    await expectNoSeriousA11yViolations();

    // On a phone the comparison still fits: no column squeezed to a few letters, nothing cut off.
    await page.setViewportSize({ width: 390, height: 844 });
    const compare = pair.locator('.duplicate-compare');
    const fits = await compare.evaluate((table) => ({
      overflow: table.scrollWidth - (table.parentElement?.clientWidth ?? 0),
      columns: [...table.querySelectorAll('thead th')].map((cell) => cell.getBoundingClientRect().width),
    }));
    expect(fits.overflow).toBeLessThanOrEqual(0);
    for (const width of fits.columns.slice(1)) expect(width).toBeGreaterThan(90);
    await screenshot(page, 'import-04-duplicates-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    await pair.getByRole('button', { name: en.customers.duplicates.merge }).click();
    const dialog = page.getByRole('dialog', { name: en.customers.duplicates.confirmTitle });
    expect(await dialog.textContent()).toContain('Everything recorded for Kovacs Adam');
    await dialog.getByRole('button', { name: en.customers.duplicates.confirm }).click();
    await expect
      .poll(() => main().getByRole('status').first().textContent())
      .toContain(fill(en.customers.duplicates.merged, { source: 'Kovacs Adam', keep: 'Kovács Ádám' }));
    await expect.poll(() => main().getByRole('heading', { name: en.customers.duplicates.emptyTitle }).count()).toBe(1);
    await screenshot(page, 'import-05-duplicates-merged');
    await expectNoSeriousA11yViolations();

    // One Kovács is left, with the other record's email; the other record's address leads to it.
    await page.goto(`${server.url}/customers?q=kovacs`);
    const rows = main().getByRole('row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain('adam.kovacs@example.com');
    await page.goto(`${server.url}/customers/${newerId}`);
    await page.waitForURL(`${server.url}/customers/${olderId}`);
    await expect.poll(heading).toBe('Kovács Ádám');
  });

  it('8. lists a similar name with its score, and marks two people as not the same person (with an undo)', async () => {
    const annaId = await createCustomerThroughApi({ givenName: 'Anna', familyName: 'Nagy', country: 'HU' });
    await createCustomerThroughApi({ givenName: 'Ana', familyName: 'Nagy', country: 'HU', company: 'Nagy Bt.' });

    await page.goto(`${server.url}/customers/duplicates`);
    await expect.poll(heading).toBe(en.customers.duplicates.title);
    const pairs = main()
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { level: 2 }) });
    await expect.poll(() => pairs.count()).toBe(1);
    const reason = fill(en.customers.duplicates.reasons.similar_name_country, { score: '73%' });
    expect(await pairs.first().textContent()).toContain(reason);
    await screenshot(page, 'import-06-duplicates-similar');
    await expectNoSeriousA11yViolations();

    const notSame = () => pairs.first().getByRole('button', { name: new RegExp(`^${en.customers.duplicates.notSamePerson}`) });
    await notSame().click();
    const dismissed = fill(en.customers.duplicates.dismissed, { first: 'Nagy Ana', second: 'Nagy Anna' });
    await expect.poll(() => main().getByRole('status').first().textContent()).toContain(dismissed);
    await expect.poll(() => pairs.count()).toBe(0);
    await main().getByRole('button', { name: en.customers.duplicates.undo }).click();
    await expect.poll(() => pairs.count()).toBe(1);
    await notSame().click();
    await expect.poll(() => main().getByRole('heading', { name: en.customers.duplicates.emptyTitle }).count()).toBe(1);

    // Reloaded, the pair stays away, and the profile no longer hints at it.
    await page.reload();
    await expect.poll(() => main().getByRole('heading', { name: en.customers.duplicates.emptyTitle }).count()).toBe(1);
    const checked = page.waitForResponse((response) => response.url().endsWith(`/customers/${annaId}/duplicates`));
    await page.goto(`${server.url}/customers/${annaId}`);
    await checked;
    await expect.poll(heading).toBe('Nagy Anna');
    expect(await main().getByRole('region', { name: en.customers.duplicates.notice.title_one }).count()).toBe(0);
  });

  it('9. imports again filling in only what existing customers lack: their names stay, a missing company comes in', async () => {
    await page.goto(`${server.url}/customers/import`);
    const again = [
      'Vezetéknév,Keresztnév,E-mail,Cégnév',
      'Öztürk,Sükrü,sukru@example.com,Anadolu A.Ş.',
      'Yılmaz,Elif,elif@example.com,',
    ];
    await main()
      .getByLabel(en.customers.import.upload.file, { exact: true })
      .setInputFiles({ name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(again.join('\r\n'), 'utf8') });
    await main().getByRole('button', { name: en.customers.import.upload.submit }).click();
    await page.waitForURL(importPath);
    const existing = main().getByRole('group', { name: en.customers.import.matching.existing });
    expect(await existing.getByRole('radio', { name: en.customers.import.matching.existingUpdate }).isChecked()).toBe(true);
    await existing.getByRole('radio', { name: en.customers.import.matching.existingFillEmpty }).check();
    await screenshot(page, 'import-07-existing-customers');
    await startAndWaitForTheEnd({ created: 1, updated: 1, failed: 0 });

    const sukru = await apiAs<{ givenName: string; familyName: string; company: string | null }>(
      page,
      server,
      'GET',
      '/customers/lookup?kind=email&value=sukru%40example.com',
    );
    expect(sukru).toMatchObject({ givenName: 'Şükrü', familyName: 'Öztürk', company: 'Anadolu A.Ş.' });
  });
});
