/**
 * Saved views of the customer list against the real server: filter the list,
 * save the filters as a shared view, find it again after a reload, open it and
 * see the filtered list; a taken name is refused in the dialog; rename and
 * delete. The steps share one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import en from '../apps/console/src/locales/en.json';
import { checkA11y, screenshot, startOwnerSession, type OwnerSession, type RapportServer } from './harness';

const views = en.customers.views;

let session: OwnerSession;
let server: RapportServer;
let page: Page;

function main() {
  return page.getByRole('main');
}

function tabs() {
  return main().getByRole('navigation', { name: views.navigation });
}

/** The customer names the list shows, in order. */
function listedNames(): Promise<string[]> {
  return main().locator('.customer-table tbody th[scope="row"]').allTextContents();
}

/** The name of the tab marked as the current page. */
function currentTab(): Promise<string | null> {
  return tabs().locator('[aria-current="page"]').textContent();
}

async function expectNoSeriousA11yViolations(): Promise<void> {
  expect(await checkA11y(page)).toEqual([]);
}

/** Creates customers through the API with the browser's session (cookie plus CSRF token). */
async function createCustomers(customers: Record<string, string>[]): Promise<void> {
  const statuses = await page.evaluate(async (bodies) => {
    const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
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
  }, customers);
  expect(statuses).toEqual(customers.map(() => 201));
}

beforeAll(async () => {
  session = await startOwnerSession();
  ({ server, page } = session);
});

afterAll(() => session?.close());

describe('saved views of the customer list', () => {
  it('1. lists every customer under "All customers"', async () => {
    await session.setUpAndSignIn();
    await createCustomers([
      { givenName: 'Ádám', familyName: 'Kovács', language: 'hu', country: 'HU' },
      { givenName: 'Ayşe', familyName: 'Yılmaz', language: 'tr', country: 'TR' },
      { givenName: 'Aziz', familyName: 'Karimov', language: 'uz', country: 'UZ' },
    ]);

    await page.goto(`${server.url}/customers`);
    await expect.poll(() => listedNames().then((names) => names.length)).toBe(3);
    await expect.poll(currentTab).toBe(views.all);
    // Nothing is filtered, so there is nothing to save yet.
    expect(await main().getByRole('button', { name: views.save }).count()).toBe(0);
  });

  it('2. saves the filtered list as a shared view, which becomes the current tab', async () => {
    await main().getByLabel(en.customers.list.country, { exact: true }).selectOption('HU');
    await expect.poll(listedNames).toEqual(['Kovács Ádám']);
    await main().getByRole('button', { name: views.save }).click();

    const dialog = page.getByRole('dialog', { name: views.saveTitle });
    await dialog.getByLabel(views.name).fill('Hungarians');
    await dialog.getByRole('radio', { name: views.shared }).check();
    await screenshot(page, 'customer-views-00-dialog');
    await expectNoSeriousA11yViolations();
    await dialog.getByRole('button', { name: views.save }).click();

    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(currentTab).toContain('Hungarians');
    await expect.poll(() => main().getByRole('status').filter({ hasText: 'Hungarians' }).count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('country')).toBe('HU');
    expect(new URL(page.url()).searchParams.get('view')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => main().getByText(views.aboutSharedByYou).count()).toBe(1);
    await screenshot(page, 'customer-views-01-saved');
    await expectNoSeriousA11yViolations();
  });

  it('3. after a reload, "All customers" shows everyone and the saved view filters again', async () => {
    await page.goto(`${server.url}/customers`);
    await expect.poll(() => listedNames().then((names) => names.length)).toBe(3);
    await expect.poll(currentTab).toBe(views.all);

    await tabs()
      .getByRole('link', { name: /^Hungarians/ })
      .click();
    await expect.poll(listedNames).toEqual(['Kovács Ádám']);
    await expect.poll(currentTab).toContain('Hungarians');
    expect(await main().getByLabel(en.customers.list.country, { exact: true }).inputValue()).toBe('HU');

    // The back button returns to every customer, and forward to the view.
    await page.goBack();
    await expect.poll(() => listedNames().then((names) => names.length)).toBe(3);
    await page.goForward();
    await expect.poll(listedNames).toEqual(['Kovács Ádám']);
  });

  it('4. refuses a name that is taken, in the dialog', async () => {
    await main().getByLabel(en.customers.list.language, { exact: true }).selectOption('hu');
    await expect.poll(() => main().getByText(views.modified).count()).toBe(1);
    await main().getByRole('button', { name: views.saveAsNew }).click();
    const dialog = page.getByRole('dialog', { name: views.saveTitle });
    await dialog.getByLabel(views.name).fill('hungarians');
    await dialog.getByRole('button', { name: views.save }).click();
    await expect.poll(() => dialog.getByText(en.errors.view_name_taken).count()).toBe(1);
    expect(await dialog.getByLabel(views.name).getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'customer-views-02-name-taken');
    await expectNoSeriousA11yViolations();
    await dialog.getByRole('button', { name: en.common.cancel }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('5. renames and deletes the view', async () => {
    await tabs()
      .getByRole('link', { name: /^Hungarians/ })
      .click();
    await expect.poll(() => main().getByText(views.modified).count()).toBe(0);
    await main().getByRole('button', { name: views.edit }).click();
    const dialog = page.getByRole('dialog', { name: views.editTitle });
    await dialog.getByLabel(views.name).fill('Magyar ügyfelek');
    await dialog.getByRole('button', { name: en.common.save }).click();
    await expect.poll(currentTab).toContain('Magyar ügyfelek');

    await main().getByRole('button', { name: views.delete }).click();
    const confirm = page.getByRole('dialog', { name: views.deleteTitle.replace('{{name}}', 'Magyar ügyfelek') });
    await confirm.getByRole('button', { name: views.delete }).click();
    await expect.poll(() => tabs().getByRole('link').count()).toBe(1);
    await expect.poll(currentTab).toBe(views.all);
    await expect.poll(() => listedNames().then((names) => names.length)).toBe(3);
  });
});
