/**
 * Customers against the real server: two customers created through the form,
 * found by search typed without accents and in either name order, the profile
 * (family name first for a Hungarian, the local time in Budapest), a note in
 * markdown and a personal detail that show up on the timeline, a custom field
 * defined in the settings that the list filters by. The steps share one
 * server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import hu from '../apps/console/src/locales/hu.json';
import { checkA11y, screenshot, startOwnerSession, testOwner, type OwnerSession, type RapportServer } from './harness';

const uuidPath = /\/customers\/[0-9a-f-]{36}$/;

let session: OwnerSession;
let server: RapportServer;
let page: Page;
let adamPath = '';

async function expectNoSeriousA11yViolations(): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

function heading(): Promise<string | null> {
  return page.getByRole('heading', { level: 1 }).textContent();
}

/** The page's own content, without the header (whose language switcher is also labelled "Language"). */
function main() {
  return page.getByRole('main');
}

/** The wall-clock time in Budapest as the profile shows it in American English, a minute either side. */
function budapestTimes(): string[] {
  const format = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Budapest',
  });
  const now = Date.now();
  return [now - 60_000, now, now + 60_000].map((moment) => format.format(moment));
}

async function createCustomer(fields: { given: string; family: string; language: string; country: string; phone?: string }) {
  await page.goto(`${server.url}/customers`);
  await main().getByRole('link', { name: en.customers.newCustomer }).click();
  await expect.poll(heading).toBe(en.customers.form.newTitle);
  const form = main();
  await form.getByLabel(en.customers.form.givenName, { exact: true }).fill(fields.given);
  await form.getByLabel(en.customers.form.familyName, { exact: true }).fill(fields.family);
  await form.getByLabel(en.customers.form.language, { exact: true }).selectOption(fields.language);
  await form.getByLabel(en.customers.form.country, { exact: true }).selectOption(fields.country);
  if (fields.phone) await form.getByLabel(en.customers.form.phone, { exact: true }).fill(fields.phone);
}

beforeAll(async () => {
  session = await startOwnerSession();
  ({ server, page } = session);
});

afterAll(() => session?.close());

describe('customers', () => {
  it('1. signs in after setup and shows an empty, accessible customer list', async () => {
    await session.setUpAndSignIn();

    await page.goto(`${server.url}/customers`);
    await expect.poll(heading).toBe(en.customers.title);
    await expect.poll(() => main().getByRole('heading', { name: en.customers.emptyTitle }).count()).toBe(1);
    await expectNoSeriousA11yViolations();
  });

  it('2. creates Kovács Ádám with a national phone number; the preview puts the family name first', async () => {
    await createCustomer({ given: 'Ádám', family: 'Kovács', language: 'hu', country: 'HU', phone: '06 30 123 4567' });
    // Automatic name order: Hungarian puts the family name first.
    await expect.poll(() => main().locator('.name-preview').textContent()).toContain('Kovács Ádám');
    await screenshot(page, 'customers-01-new');
    await expectNoSeriousA11yViolations();
    await main().getByRole('button', { name: en.customers.form.create }).click();
    await page.waitForURL(uuidPath);
    adamPath = new URL(page.url()).pathname;
    await expect.poll(heading).toBe('Kovács Ádám');
  });

  it('3. shows the server’s field errors in the form, then creates Şükrü Öztürk', async () => {
    await createCustomer({ given: 'Şükrü', family: 'Öztürk', language: 'tr', country: 'TR', phone: '12' });
    await main().getByRole('button', { name: en.customers.form.create }).click();
    const phone = main().getByLabel(en.customers.form.phone, { exact: true });
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    expect(await main().textContent()).toContain(en.errors.invalid_phone);
    await screenshot(page, 'customers-02-field-error');

    // Ádám's number, written another way, belongs to him already: the form says so and links to him.
    await phone.fill('+36 30 123 4567');
    await main().getByRole('button', { name: en.customers.form.create }).click();
    const link = main().getByRole('link', { name: en.errors.openOtherCustomer });
    await expect.poll(() => link.getAttribute('href')).toBe(adamPath);

    await phone.fill('');
    await main().getByRole('button', { name: en.customers.form.create }).click();
    await page.waitForURL(uuidPath);
    await expect.poll(heading).toBe('Şükrü Öztürk');
  });

  it('4. finds customers by search typed without accents, in any name order', async () => {
    await page.goto(`${server.url}/customers`);
    const rows = main().getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    const search = main().getByRole('searchbox', { name: en.customers.list.search });

    await search.fill('sukru ozturk');
    await expect.poll(() => rows.count()).toBe(2);
    await expect.poll(() => rows.nth(1).textContent()).toContain('Şükrü Öztürk');
    expect(new URL(page.url()).searchParams.get('q')).toBe('sukru ozturk');

    await search.fill('adam kovacs');
    await expect.poll(() => rows.nth(1).textContent()).toContain('Kovács Ádám');
    await expect.poll(() => rows.count()).toBe(2);
    const row = rows.nth(1);
    expect(await row.getByRole('link', { name: '+36 30 123 4567' }).getAttribute('href')).toBe('tel:+36301234567');
    expect(await row.textContent()).toContain('Hungary');
    await screenshot(page, 'customers-03-search');
    await expectNoSeriousA11yViolations();

    // Back from the profile, the search is still there.
    await row.getByRole('link', { name: 'Kovács Ádám' }).click();
    await expect.poll(heading).toBe('Kovács Ádám');
    await page.goBack();
    await expect.poll(() => search.inputValue()).toBe('adam kovacs');
  });

  it('5. shows the profile family name first, with the local time in Budapest', async () => {
    await page.goto(`${server.url}${adamPath}`);
    await expect.poll(heading).toBe('Kovács Ádám');
    const clock = main().locator('.local-clock');
    // The zone by its city in the UI language, not by its id ("Europe/Budapest").
    await expect.poll(() => clock.locator('.local-clock__zone').textContent()).toMatch(/^Budapest/);
    expect(await clock.textContent()).not.toContain('Europe/');
    const shown = (await clock.locator('time').textContent()) ?? '';
    expect(budapestTimes()).toContain(shown);
    expect(await clock.textContent()).toContain(en.customers.profile.timeZoneFrom.phone);
    const phoneLink = main().getByRole('link', { name: '+36 30 123 4567' });
    expect(await phoneLink.getAttribute('href')).toBe('tel:+36301234567');
  });

  it('6. adds a note and a personal detail, and both appear on the timeline', async () => {
    const notes = main().getByRole('region', { name: en.customers.notes.title });
    await notes
      .getByLabel(en.customers.notes.new)
      .fill(
        'Called about order #1042.\nWill call back tomorrow <b>before</b> 10:00, **urgent**.\n\n- the invoice\n- the delivery',
      );
    await notes.getByRole('button', { name: en.customers.notes.add }).click();
    await expect.poll(() => notes.locator('.note__body').first().textContent()).toContain('Will call back tomorrow');
    // Markdown is formatted: a bold word, a list.
    const body = notes.locator('.note__body').first();
    expect(await body.locator('strong').allTextContents()).toEqual(['urgent']);
    expect(await body.getByRole('listitem').allTextContents()).toEqual(['the invoice', 'the delivery']);
    // Markup typed into a note stays text.
    expect(await body.locator('b').count()).toBe(0);
    expect(await body.textContent()).toContain('<b>before</b>');

    const facts = main().getByRole('region', { name: en.customers.facts.title });
    await facts.getByLabel(en.customers.facts.text).fill('Daughter’s wedding in June');
    await facts.getByLabel(en.customers.facts.date).fill('2027-06-12');
    await facts.getByRole('button', { name: en.customers.facts.add }).click();
    await expect.poll(() => facts.getByRole('listitem').first().textContent()).toContain('Daughter’s wedding in June');
    expect(await facts.getByRole('listitem').first().textContent()).toContain('June 12, 2027');

    const timeline = main().getByRole('region', { name: en.customers.timeline.title });
    await expect.poll(() => timeline.textContent()).toContain(en.customers.timeline.fact);
    const text = (await timeline.textContent()) ?? '';
    expect(text).toContain(en.customers.timeline.note);
    expect(text).toContain('Called about order #1042.');
    expect(text).toContain('Daughter’s wedding in June');
    expect(text).toContain(en.customers.timeline.created);
    expect(text).toContain(testOwner.name);
    // The note is formatted on the timeline as in the Notes section: no markdown syntax, typed markup still text.
    const timelineNote = timeline.locator('.timeline__entry--note .note__body');
    expect(await timelineNote.locator('strong').allTextContents()).toEqual(['urgent']);
    expect(await timelineNote.getByRole('listitem').allTextContents()).toEqual(['the invoice', 'the delivery']);
    expect(await timelineNote.locator('b').count()).toBe(0);
    expect(await timelineNote.textContent()).toContain('<b>before</b>');
    expect(text).not.toContain('**');
    await screenshot(page, 'customers-04-profile');
    await expectNoSeriousA11yViolations();
  });

  it('7. edits the note, keeps the earlier text, and edits the profile', async () => {
    const notes = main().getByRole('region', { name: en.customers.notes.title });
    await notes
      .getByRole('button', {
        name: `${en.customers.notes.edit} ${en.customers.notes.byAuthor.replace('{{name}}', testOwner.name)}`,
      })
      .click();
    await notes.getByLabel(en.customers.notes.editField).fill('Called about order #1042. Delivered on Friday.');
    await notes.getByRole('button', { name: en.customers.notes.save }).click();
    await expect
      .poll(() => notes.locator('.note__body').first().textContent())
      .toBe('Called about order #1042. Delivered on Friday.');
    await notes.getByRole('button', { name: en.customers.notes.showHistory_one }).click();
    await expect.poll(() => notes.locator('.note__history').textContent()).toContain('Will call back tomorrow');

    await main().getByRole('button', { name: en.customers.profile.edit }).click();
    const form = main().getByRole('form', { name: en.customers.profile.editTitle });
    await form.getByLabel(en.customers.form.title, { exact: true }).fill('dr.');
    await form.getByRole('radio', { name: en.customers.formality.formal, exact: true }).check();
    await form.getByRole('button', { name: en.common.save }).click();
    await expect.poll(() => main().locator('.profile-header').textContent()).toContain(en.customers.formalityBadge.formal);
    const timeline = main().getByRole('region', { name: en.customers.timeline.title });
    await expect.poll(() => timeline.textContent()).toContain(en.customers.timeline.updated);
    expect(await timeline.textContent()).toContain(en.customers.fields.title);
    expect(await timeline.textContent()).toContain(en.customers.fields.formality);
  });

  it('8. reads the profile in Hungarian, and says so when a customer does not exist', async () => {
    await page.getByRole('banner').getByLabel(en.language.label).selectOption('hu');
    await expect.poll(() => main().getByRole('heading', { name: hu.customers.facts.title }).count()).toBe(1);
    expect(await main().getByRole('region', { name: hu.customers.facts.title }).textContent()).toContain('2027. június 12.');
    await screenshot(page, 'customers-05-profile-hu');
    await expectNoSeriousA11yViolations();

    await page.goto(`${server.url}/customers/00000000-0000-4000-8000-000000000000`);
    await expect.poll(heading).toBe(hu.customers.profile.notFoundTitle);
    await page.goto(`${server.url}/customers/not-a-customer`);
    await expect.poll(heading).toBe(hu.customers.profile.notFoundTitle);
  });
  it('9. offers the customer’s data as JSON and erases the customer for good', async () => {
    await page.goto(`${server.url}${adamPath}`);
    const privacy = main().getByRole('region', { name: hu.customers.privacy.title });
    const download = privacy.getByRole('link', { name: hu.customers.privacy.download });
    expect(await download.getAttribute('href')).toBe(`/api/v1${adamPath}/export`);
    const exported = await page.evaluate(async (url) => (await fetch(url)).json(), `/api/v1${adamPath}/export`);
    expect(exported.customer.displayName).toBe('Kovács Ádám');
    await expectNoSeriousA11yViolations();

    await privacy.getByRole('button', { name: hu.customers.privacy.erase }).click();
    await page.getByRole('dialog').getByRole('button', { name: hu.customers.privacy.eraseConfirm }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/customers');
    const found = await page.evaluate(async () => (await fetch('/api/v1/customers?q=adam%20kovacs')).json());
    expect(found.items).toEqual([]);
  });

  it('10. defines a custom field in the settings, fills it in, filters and sorts the list by it, and deletes it', async () => {
    const settings = hu.customers.attributeSettings;
    await page.goto(`${server.url}/settings`);
    await page
      .getByRole('navigation', { name: hu.settings.navigation })
      .getByRole('link', { name: hu.settings.customerAttributes })
      .click();
    await expect.poll(heading).toBe(settings.title);
    const form = main().getByRole('form', { name: settings.formTitle });
    await form.getByLabel(settings.label, { exact: true }).fill('Csomag');
    // The key follows the name until it is typed over.
    expect(await form.getByLabel(settings.key, { exact: true }).inputValue()).toBe('csomag');
    await form.getByLabel(settings.type, { exact: true }).selectOption('choice');
    await form.getByLabel(settings.choices, { exact: true }).fill('alap\nprémium');
    await form.getByRole('button', { name: settings.create }).click();
    await expect.poll(() => main().getByRole('status').textContent()).toBe(settings.created.replace('{{label}}', 'Csomag'));
    await screenshot(page, 'customers-06-custom-fields');
    await expectNoSeriousA11yViolations();

    // Two customers, one of them on the premium plan.
    const statuses = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const bodies = [
        { givenName: 'Gʻulom', familyName: 'Oʻrinov', language: 'uz', attributes: { csomag: 'prémium' } },
        { givenName: 'Zsófia', familyName: 'Ábel', language: 'hu', attributes: { csomag: 'alap' } },
      ];
      const results: number[] = [];
      for (const body of bodies) {
        const response = await fetch('/api/v1/customers', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken },
          body: JSON.stringify(body),
        });
        results.push(response.status);
      }
      return results;
    });
    expect(statuses).toEqual([201, 201]);

    await page.goto(`${server.url}/customers`);
    const names = () => main().locator('.customer-table tbody th[scope="row"]').allTextContents();
    await expect.poll(names).toEqual(['Ábel Zsófia', 'Gʻulom Oʻrinov', 'Şükrü Öztürk']);
    await main().getByLabel(hu.customers.list.sort, { exact: true }).selectOption('name:desc');
    await expect.poll(names).toEqual(['Şükrü Öztürk', 'Gʻulom Oʻrinov', 'Ábel Zsófia']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
    await main().getByText(hu.customers.list.moreFilters).click();
    await main().getByLabel('Csomag', { exact: true }).selectOption('prémium');
    await expect.poll(names).toEqual(['Gʻulom Oʻrinov']);
    expect(new URL(page.url()).searchParams.getAll('attribute')).toEqual(['csomag:prémium']);
    await screenshot(page, 'customers-07-filtered-sorted');
    await expectNoSeriousA11yViolations();

    // Deleting a field customers have values in asks a second time, saying how many.
    await page.goto(`${server.url}/settings/customer-attributes`);
    await main()
      .getByRole('button', { name: `${settings.delete} Csomag` })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: settings.deleteConfirm }).click();
    const second = page.getByRole('dialog', { name: settings.deleteValuesTitle.replace('{{label}}', 'Csomag') });
    await expect.poll(() => second.textContent()).toContain(settings.deleteValuesBody_other.replace('{{count}}', '2'));
    await second.getByRole('button', { name: settings.deleteValuesConfirm }).click();
    await expect.poll(() => main().getByRole('status').textContent()).toBe(settings.deleted.replace('{{label}}', 'Csomag'));
    expect(await main().textContent()).toContain(settings.none);
  });
});
