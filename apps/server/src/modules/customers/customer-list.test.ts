import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';

async function create(t: TestApp, as: Client, body: Record<string, unknown>): Promise<{ id: string; displayName: string }> {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

/** Sets what the API does not: when a customer was created and last contacted. */
async function setTimes(t: TestApp, workspaceId: string, id: string, times: { created?: string; contacted?: string }) {
  await t.db
    .updateTable('customers')
    .set({
      ...(times.created ? { created_at: new Date(times.created) } : {}),
      ...(times.contacted ? { last_contacted_at: new Date(times.contacted) } : {}),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Every page of a list (query without cursor) at `limit` per page: the names in order and the number of pages. */
async function pageAll(t: TestApp, as: Client, query: string, limit: number) {
  const names: string[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/customers?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await t.request('GET', url, { as });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: { displayName: string; company: string | null }[]; nextCursor: string | null }>();
    names.push(...page.items.map((c) => c.displayName || `(${c.company})`));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  return { names, pages };
}

async function list(t: TestApp, as: Client, query: string): Promise<string[]> {
  return (await pageAll(t, as, query, 200)).names;
}

async function issuesOf(t: TestApp, as: Client, url: string): Promise<string[]> {
  const response = await t.request('GET', url, { as });
  expect(response.statusCode).toBe(400);
  return response
    .json()
    .error.details.issues.map((i: { path: (string | number)[]; code: string }) => `${i.path.join('.')}:${i.code}`);
}

describe('the customer list: sort and cursors', () => {
  it('sorts by name (family name first, accents ignored), either way, paging by a keyset that stays correct', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    for (const body of [
      { givenName: 'Ádám', familyName: 'Kovács', language: 'hu' },
      { givenName: 'Şükrü', familyName: 'Öztürk', language: 'tr' },
      { givenName: 'Zoltán', familyName: 'Ábel', language: 'hu' },
      { givenName: 'Béla', familyName: 'Nagy', language: 'hu' },
      { givenName: 'Anna', familyName: 'Nagy', language: 'hu' },
      { givenName: 'Gʻulom', familyName: 'Oʻrinov', language: 'uz' },
      { givenName: 'Jürgen', familyName: 'Müller', language: 'de' },
      { company: 'Nameless Kft.' },
    ]) {
      await create(t, owner.client, body);
    }
    const byName = [
      '(Nameless Kft.)',
      'Ábel Zoltán',
      'Kovács Ádám',
      'Jürgen Müller',
      'Nagy Anna',
      'Nagy Béla',
      'Gʻulom Oʻrinov',
      'Şükrü Öztürk',
    ];
    for (const limit of [1, 2, 3, 8]) {
      expect((await pageAll(t, owner.client, 'sort=name', limit)).names).toEqual(byName);
      expect((await pageAll(t, owner.client, 'sort=name&order=desc', limit)).names).toEqual([...byName].reverse());
    }
    expect((await pageAll(t, owner.client, 'sort=name', 3)).pages).toBe(3);
    // Several customers with one name: the keyset goes on within the name.
    for (let i = 0; i < 5; i++) await create(t, owner.client, { givenName: 'Anna', familyName: 'Nagy', language: 'hu' });
    const nagy = await pageAll(t, owner.client, 'sort=name&order=desc', 2);
    expect(nagy.names.filter((name) => name === 'Nagy Anna')).toHaveLength(6);
    expect(nagy.names).toHaveLength(13);

    // A cursor belongs to its sort: another sort's cursor is refused.
    const first = (await t.request('GET', '/api/v1/customers?sort=name&limit=2', { as: owner.client })).json();
    const other = await t.request('GET', `/api/v1/customers?limit=2&cursor=${first.nextCursor}`, { as: owner.client });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.issues[0].code).toBe('invalid_cursor');
    expect(await issuesOf(t, owner.client, '/api/v1/customers?sort=name&order=desc&cursor=' + first.nextCursor)).toEqual([
      'cursor:invalid_cursor',
    ]);
  });

  it('sorts by creation and by last contact (never contacted last when newest first), either way', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const people = [
      { name: 'A', created: '2026-01-01T00:00:00Z', contacted: '2026-03-01T10:00:00Z' },
      { name: 'B', created: '2026-01-02T00:00:00Z' },
      { name: 'C', created: '2026-01-03T00:00:00Z', contacted: '2026-05-01T10:00:00Z' },
      { name: 'D', created: '2026-01-04T00:00:00Z' },
      { name: 'E', created: '2026-01-05T00:00:00Z', contacted: '2026-04-01T10:00:00Z' },
      { name: 'F', created: '2026-01-06T00:00:00Z' },
    ];
    for (const person of people) {
      const { id } = await create(t, owner.client, { givenName: person.name });
      await setTimes(t, workspaceId, id, person);
    }
    for (const limit of [1, 2, 4, 6]) {
      expect((await pageAll(t, owner.client, 'sort=created', limit)).names).toEqual(['F', 'E', 'D', 'C', 'B', 'A']);
      expect((await pageAll(t, owner.client, 'order=asc', limit)).names).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      // Contacted, newest contact first; then never contacted, newest first.
      expect((await pageAll(t, owner.client, 'sort=last_contacted', limit)).names).toEqual(['C', 'E', 'A', 'F', 'D', 'B']);
      // Longest without contact first: never contacted (oldest first), then the oldest contact.
      expect((await pageAll(t, owner.client, 'sort=last_contacted&order=asc', limit)).names).toEqual([
        'B',
        'D',
        'F',
        'A',
        'E',
        'C',
      ]);
    }
    const page = (await t.request('GET', '/api/v1/customers?sort=last_contacted&limit=1', { as: owner.client })).json();
    expect(page.items[0]).toMatchObject({ displayName: 'C', lastContactedAt: '2026-05-01T10:00:00.000Z' });
    // A sort's filter and its cursor still go together.
    expect(await list(t, owner.client, 'sort=last_contacted&order=asc&lastContactedFrom=2026-03-15T00:00:00Z')).toEqual([
      'E',
      'C',
    ]);
  });
});

describe('the customer list: filters', () => {
  it('filters by company, formality, time zone, consent and date ranges, alone and together', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId } = await createWorkspace(t.db);
    const other = await createWorkspace(t.db);
    const made = [
      await create(t, owner.client, {
        givenName: 'Ádám',
        familyName: 'Kovács',
        language: 'hu',
        company: 'Kovács és Társa Kft.',
        formality: 'formal',
        country: 'HU',
        marketingConsent: { marketingEmail: true },
      }),
      await create(t, owner.client, {
        givenName: 'Ayşe',
        company: 'KOVACS ES TARSA KFT.',
        formality: 'informal',
        timeZone: 'Europe/Istanbul',
        marketingConsent: { marketingEmail: false },
      }),
      await create(t, owner.client, { givenName: 'Aziz', company: 'Kovács', country: 'UZ', formality: 'formal' }),
    ];
    await create(t, other.owner.client, { givenName: 'Hidden', company: 'Kovács és Társa Kft.', formality: 'formal' });
    await setTimes(t, workspaceId, made[0]!.id, { created: '2026-02-01T00:00:00Z', contacted: '2026-06-10T08:00:00Z' });
    await setTimes(t, workspaceId, made[1]!.id, { created: '2026-03-01T00:00:00Z', contacted: '2026-06-20T08:00:00Z' });
    await setTimes(t, workspaceId, made[2]!.id, { created: '2026-04-01T00:00:00Z' });

    const q = (query: string) => list(t, owner.client, `sort=name&${query}`);
    // The whole company name, case and accents ignored; not a part of it.
    expect(await q(`company=${encodeURIComponent('kovacs es tarsa kft.')}`)).toEqual(['Ayşe', 'Kovács Ádám']);
    expect(await q('company=Kov%C3%A1cs')).toEqual(['Aziz']);
    expect(await q('formality=formal')).toEqual(['Aziz', 'Kovács Ádám']);
    expect(await q('formality=formal&country=HU')).toEqual(['Kovács Ádám']);
    expect(await q('timeZone=Europe/Istanbul')).toEqual(['Ayşe']);
    expect(await q('consent=yes')).toEqual(['Kovács Ádám']);
    expect(await q('consent=no')).toEqual(['Ayşe']);
    expect(await q('consent=unknown')).toEqual(['Aziz']);
    expect(await q('createdFrom=2026-03-01T00:00:00Z')).toEqual(['Ayşe', 'Aziz']);
    expect(await q('createdFrom=2026-02-01T00:00:00Z&createdBefore=2026-04-01T00:00:00Z')).toEqual(['Ayşe', 'Kovács Ádám']);
    expect(await q('lastContactedBefore=2026-06-15T00:00:00%2B02:00')).toEqual(['Kovács Ádám']);
    expect(await q('lastContactedFrom=2026-06-01T00:00:00Z')).toEqual(['Ayşe', 'Kovács Ádám']);
    // Search takes the filters too.
    expect(await list(t, owner.client, 'q=kovacs&formality=informal')).toEqual(['Ayşe']);

    expect(
      await issuesOf(
        t,
        owner.client,
        '/api/v1/customers?createdFrom=2026-05-01T00:00:00Z&createdBefore=2026-04-01T00:00:00Z&lastContactedFrom=2026-01-01T00:00:00Z&lastContactedBefore=2026-01-01T00:00:00Z',
      ),
    ).toEqual(['createdBefore:invalid_range', 'lastContactedBefore:invalid_range']);
    expect(await issuesOf(t, owner.client, '/api/v1/customers?q=kovacs&sort=name')).toEqual(['sort:sort_with_search']);
    const badZone = await t.request('GET', '/api/v1/customers?timeZone=Europe/Nowhere&consent=maybe', { as: owner.client });
    expect(
      badZone
        .json()
        .error.details.issues.map((i: { path: string[] }) => i.path.join('.'))
        .sort(),
    ).toEqual(['consent', 'timeZone']);
  });

  it('filters by custom attributes: equal for text, choice and yes/no; a range for numbers and dates', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    for (const body of [
      { key: 'plan', label: 'Plan', type: 'choice', choices: ['basic', 'pro'] },
      { key: 'seats', label: 'Seats', type: 'number' },
      { key: 'renewal', label: 'Renewal', type: 'date' },
      { key: 'newsletter', label: 'Newsletter', type: 'boolean' },
      { key: 'manager', label: 'Account manager', type: 'text' },
    ]) {
      expect((await t.request('POST', '/api/v1/customer-attributes', { body, as: owner.client })).statusCode).toBe(201);
    }
    await create(t, owner.client, {
      givenName: 'Anna',
      attributes: { plan: 'pro', seats: 12, renewal: '2027-01-31', newsletter: true, manager: 'Péter' },
    });
    await create(t, owner.client, {
      givenName: 'Bence',
      attributes: { plan: 'basic', seats: 3, renewal: '2026-12-01', newsletter: false },
    });
    await create(t, owner.client, { givenName: 'Csilla', attributes: { seats: 40.5 } });
    await create(t, owner.client, { givenName: 'Dóra' });

    const q = (...conditions: string[]) =>
      list(t, owner.client, ['sort=name', ...conditions.map((c) => `attribute=${encodeURIComponent(c)}`)].join('&'));
    expect(await q('plan:pro')).toEqual(['Anna']);
    expect(await q('newsletter:false')).toEqual(['Bence']);
    expect(await q('newsletter:true')).toEqual(['Anna']);
    expect(await q('manager:Péter')).toEqual(['Anna']);
    expect(await q('seats:3..12')).toEqual(['Anna', 'Bence']);
    expect(await q('seats:12..')).toEqual(['Anna', 'Csilla']);
    expect(await q('seats:..3')).toEqual(['Bence']);
    expect(await q('seats:40.5')).toEqual(['Csilla']);
    expect(await q('renewal:2027-01-01..')).toEqual(['Anna']);
    expect(await q('renewal:..2026-12-31')).toEqual(['Bence']);
    expect(await q('seats:1..20', 'plan:basic')).toEqual(['Bence']);

    expect(
      await issuesOf(
        t,
        owner.client,
        `/api/v1/customers?${['colour:red', 'plan:gold', 'seats:many', 'newsletter:yes', 'renewal:2027-02-30', 'seats:9..1']
          .map((c) => `attribute=${encodeURIComponent(c)}`)
          .join('&')}`,
      ),
    ).toEqual([
      'attribute.0:unknown_attribute',
      'attribute.1:invalid_attribute',
      'attribute.2:invalid_attribute',
      'attribute.3:invalid_attribute',
      'attribute.4:invalid_attribute',
      'attribute.5:invalid_range',
    ]);
    const malformed = await t.request('GET', '/api/v1/customers?attribute=no-colon', { as: owner.client });
    expect(malformed.statusCode).toBe(400);
  });

  it('exports the filtered customers in the list’s sort as CSV', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await t.request('POST', '/api/v1/customer-attributes', {
      body: { key: 'plan', label: 'Plan', type: 'choice', choices: ['basic', 'pro'] },
      as: owner.client,
    });
    for (const [givenName, familyName, plan, formality] of [
      ['Béla', 'Nagy', 'pro', 'formal'],
      ['Ádám', 'Kovács', 'pro', 'formal'],
      ['Ayşe', 'Yılmaz', 'pro', 'informal'],
      ['Aziz', 'Karimov', 'basic', 'formal'],
    ] as const) {
      await create(t, owner.client, { givenName, familyName, formality, attributes: { plan } });
    }
    const exported = async (query: string) => {
      const response = await t.request('GET', `/api/v1/customers/export.csv?${query}`, { as: owner.client });
      expect(response.statusCode, response.body).toBe(200);
      return response.body
        .split('\n')
        .slice(1)
        .filter(Boolean)
        .map((line) => line.split(',').slice(1, 3).join(' '));
    };
    expect(await exported('sort=name&attribute=plan%3Apro&formality=formal')).toEqual(['Ádám Kovács', 'Béla Nagy']);
    expect(await exported('sort=name&order=desc')).toEqual(['Ayşe Yılmaz', 'Béla Nagy', 'Ádám Kovács', 'Aziz Karimov']);
    // Export filters "q" by every word and may sort it.
    expect(await exported('q=a&sort=name')).toHaveLength(4);
    const bad = await t.request('GET', '/api/v1/customers/export.csv?attribute=colour%3Ared', { as: owner.client });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].code).toBe('unknown_attribute');
  });
});

describe('search results in pages', () => {
  it('pages search results by their rank: every match once, in the order of one long search', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    // Step 2: the exact name, then the words; filled up with names starting with the words.
    for (let i = 0; i < 4; i++) await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', language: 'hu' });
    await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovács', middleName: 'Péter', language: 'hu' });
    for (let i = 0; i < 3; i++) await create(t, owner.client, { givenName: 'Ádám', familyName: 'Kovácsné', language: 'hu' });
    // Step 5: the start of an email address.
    for (const name of ['eve', 'ada', 'cy', 'bo', 'dan']) {
      await create(t, owner.client, { givenName: name, identities: [{ kind: 'email', value: `${name}@shop.example` }] });
    }
    const whole = await pageAll(t, owner.client, 'q=kovacs%20adam', 200);
    expect(whole.names).toEqual([...Array(4).fill('Kovács Ádám'), 'Kovács Ádám Péter', ...Array(3).fill('Kovácsné Ádám')]);
    for (const limit of [1, 2, 3, 5]) {
      const paged = await pageAll(t, owner.client, 'q=kovacs%20adam', limit);
      expect(paged.names).toEqual(whole.names);
      expect(paged.pages).toBe(Math.ceil(8 / limit));
    }
    // Ids are never repeated across pages.
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers?q=kovacs&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await t.request('GET', url, { as: owner.client })).json();
      ids.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(8);
    expect(ids).toHaveLength(8);

    const domain = await pageAll(t, owner.client, 'q=%40shop.example', 2);
    expect(domain.names).toEqual(['ada', 'bo', 'cy', 'dan', 'eve']);
    expect(domain.pages).toBe(3);

    // A list's cursor is not a search's, nor the other way round.
    const search = (await t.request('GET', '/api/v1/customers?q=kovacs&limit=2', { as: owner.client })).json();
    expect(await issuesOf(t, owner.client, `/api/v1/customers?limit=2&cursor=${search.nextCursor}`)).toEqual([
      'cursor:invalid_cursor',
    ]);
    const listed = (await t.request('GET', '/api/v1/customers?limit=2', { as: owner.client })).json();
    expect(await issuesOf(t, owner.client, `/api/v1/customers?q=kovacs&cursor=${listed.nextCursor}`)).toEqual([
      'cursor:invalid_cursor',
    ]);
  });
});

describe('saved views with sort and the new filters', () => {
  it('keeps the sort and filters, refuses what the list would refuse, and drops a deleted attribute', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    await t.request('POST', '/api/v1/customer-attributes', {
      body: { key: 'seats', label: 'Seats', type: 'number' },
      as: owner.client,
    });
    const filters = {
      company: 'Kovács Kft.',
      formality: 'formal',
      consent: 'yes',
      createdFrom: '2026-01-01T00:00:00.000Z',
      attribute: ['seats:5..'],
      sort: 'name',
      order: 'desc',
    };
    const saved = await t.request('POST', '/api/v1/customer-views', { body: { name: 'Big formal', filters }, as: owner.client });
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json().filters).toEqual(filters);
    const listed = (await t.request('GET', '/api/v1/customer-views', { as: owner.client })).json().items;
    expect(listed[0].filters).toEqual(filters);

    const bad = await t.request('POST', '/api/v1/customer-views', {
      body: { name: 'Bad', filters: { q: 'kovacs', sort: 'name', attribute: 'colour:red' } },
      as: owner.client,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad.json().error.details.issues.map((i: { path: (string | number)[]; code: string }) => `${i.path.join('.')}:${i.code}`),
    ).toEqual(['filters.sort:sort_with_search', 'filters.attribute:unknown_attribute']);

    await create(t, owner.client, { givenName: 'Anna', attributes: { seats: 9 } });
    const deleted = await t.request('DELETE', '/api/v1/customer-attributes/seats?deleteValues=true', { as: owner.client });
    expect(deleted.statusCode).toBe(204);
    const after = (await t.request('GET', '/api/v1/customer-views', { as: owner.client })).json().items[0];
    const { attribute: _attribute, ...rest } = filters;
    expect(after.filters).toEqual(rest);
  });
});
