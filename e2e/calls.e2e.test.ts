/**
 * Phone calls in the console against the real server: the owner creates a
 * customer with a phone number, logs a call from the profile (the number
 * filled in), types what the customer says and sees it autosaved, closes the
 * tab mid-typing, opens the call again and finds every word, ends the call
 * with an outcome, and finds it on the customer's timeline. Phone numbers are
 * tel: links (profile, call, timeline, duplicates). The owner sees the phone
 * channel's webhook address and secret and rotates the secret. The steps share
 * one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../apps/console/src/locales/en.json';
import { apiAs, startOwnerSession, type OwnerSession } from './harness';

const callPath = /\/calls\/([0-9a-f-]{36})$/;
let session: OwnerSession;
let customerId = '';
let callId = '';
const firstWords = 'Wants a refund for the May invoice.';
const moreWords = ' Call back tomorrow after 10.';

/** A JSON request with the owner's session cookie and CSRF token. */
function api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return apiAs<T>(session.page, session.server, method, path, body);
}

describe('calls in the console', () => {
  beforeAll(async () => {
    session = await startOwnerSession();
    await session.setUpAndSignIn();
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('logs a call from the customer’s profile with their number filled in', async () => {
    const customer = await api<{ id: string }>('POST', '/customers', {
      givenName: 'Ádám',
      familyName: 'Kovács',
      country: 'HU',
      identities: [{ kind: 'phone', value: '06 30 123 4567' }],
    });
    customerId = customer.id;
    const { page } = session;
    await page.goto(`${session.server.url}/customers/${customerId}`);
    await expect.poll(() => page.locator('a[href="tel:+36301234567"]').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: en.calls.logCall }).click();
    await page.waitForURL('**/calls/new?**');
    expect(await page.getByLabel(en.calls.log.number).inputValue()).toBe('+36301234567');
    await page.getByRole('button', { name: en.calls.log.start }).click();
    await page.waitForURL(callPath);
    callId = callPath.exec(page.url())![1]!;
    await expect.poll(() => page.locator('a[href="tel:+36301234567"]').count()).toBeGreaterThan(0);
  });

  it('autosaves the notes while typing and keeps what was typed when the tab is closed', async () => {
    const { page, context } = session;
    const notes = page.getByRole('textbox', { name: en.calls.notes.title, exact: true });
    await notes.click();
    await notes.pressSequentially(firstWords, { delay: 15 });
    const saved = page.getByRole('status').filter({ hasText: /^Saved / });
    await saved.waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await api<{ notes: string }>('GET', `/calls/${callId}`)).notes, { timeout: 10_000 })
      .toBe(firstWords);

    // More words, and the tab is closed before their autosave.
    await notes.pressSequentially(moreWords, { delay: 5 });
    await page.close({ runBeforeUnload: true });

    const again = await context.newPage();
    await again.goto(`${session.server.url}/calls/${callId}`);
    const reopened = again.getByRole('textbox', { name: en.calls.notes.title, exact: true });
    await expect.poll(() => reopened.inputValue(), { timeout: 10_000 }).toBe(firstWords + moreWords);
    await expect
      .poll(async () => (await api<{ notes: string }>('GET', `/calls/${callId}`)).notes, { timeout: 15_000 })
      .toBe(firstWords + moreWords);
    (session as { page: typeof again }).page = again;
  });

  it('ends the call with an outcome, and the call is on the customer’s timeline', async () => {
    const { page } = session;
    await page.getByLabel(en.calls.end.outcome).selectOption('callback_requested');
    await page.getByRole('button', { name: en.calls.end.button }).click();
    await page.getByRole('button', { name: en.calls.end.change }).waitFor();
    const call = await api<{ endedAt: string | null; durationSeconds: number | null; outcome: string }>(
      'GET',
      `/calls/${callId}`,
    );
    expect(call.outcome).toBe('callback_requested');
    expect(call.endedAt).not.toBeNull();
    expect(call.durationSeconds).toBeGreaterThanOrEqual(0);
    await page.getByText(en.calls.page.duration, { exact: true }).waitFor();

    await page.goto(`${session.server.url}/customers/${customerId}`);
    const entry = page.locator('.timeline__entry').filter({ hasText: en.customers.timeline.kinds.call });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain(firstWords + moreWords);
    // The call's number on the timeline is a link that dials it, grouped for reading.
    const number = entry.first().locator('a[href="tel:+36301234567"]');
    expect(await number.textContent()).toBe('+36 30 123 4567');
  });

  it('links the numbers of customers that may be duplicates', async () => {
    const { page } = session;
    await api('POST', '/customers', { givenName: 'Adam', familyName: 'Kovacs', country: 'HU' });
    await page.goto(`${session.server.url}/customers/duplicates`);
    const pair = page.locator('.duplicate-pair').filter({ hasText: 'Adam' });
    await pair.first().waitFor({ timeout: 15_000 });
    expect(await pair.first().locator('a[href="tel:+36301234567"]').textContent()).toBe('+36 30 123 4567');
  });

  it('shows the phone channel’s webhook address and secret, and rotates the secret', async () => {
    const { page } = session;
    const channels = await api<{ items: { id: string; kind: string; name: string }[] }>('GET', '/channels');
    const phone = channels.items.find((channel) => channel.kind === 'phone')!;
    const before = await api<{ url: string; secret: string }>('GET', `/channels/${phone.id}/telephony-webhook`);
    await page.goto(`${session.server.url}/settings/channels`);
    await page
      .getByRole('main')
      .getByRole('row', { name: new RegExp(phone.name) })
      .getByRole('button')
      .click();
    const panel = page.getByRole('region', { name: en.calls.webhook.title });
    await panel.waitFor();
    expect(await panel.getByLabel(en.calls.webhook.url, { exact: true }).inputValue()).toBe(`${session.server.url}${before.url}`);
    const secret = panel.getByLabel(en.calls.webhook.secret, { exact: true });
    // Hidden until shown.
    expect(await secret.inputValue()).not.toContain(before.secret);
    await panel.getByRole('button', { name: en.calls.webhook.showSecret }).click();
    expect(await secret.inputValue()).toBe(before.secret);

    await panel.getByRole('button', { name: en.calls.webhook.rotate }).click();
    await panel.getByRole('status').filter({ hasText: en.calls.webhook.rotated }).waitFor();
    const after = await api<{ url: string; secret: string; previousSecretExpiresAt: string | null }>(
      'GET',
      `/channels/${phone.id}/telephony-webhook`,
    );
    expect(after.secret).not.toBe(before.secret);
    expect(after.url).toBe(before.url);
    expect(after.previousSecretExpiresAt).not.toBeNull();
    await expect.poll(() => secret.inputValue()).toBe(after.secret);
    const previous = en.calls.webhook.previousUntil.split('{{time}}')[0]!;
    await expect.poll(() => panel.getByText(previous).count()).toBe(1);
  });
});
