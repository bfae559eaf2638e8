import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { CustomerSummary } from '@rapport/contracts';
import { loadTexts } from '../../testing/texts';
import { CustomerTable } from './CustomerTable';
import { LocalClock } from './LocalClock';

// Rendered to HTML on the server side of React, in Hungarian: the customer's city as a Hungarian reads it.

beforeAll(() => loadTexts('hu'));

const winter = new Date('2026-11-24T12:00:00Z');

describe('a customer’s time zone is named by its city in the UI language', () => {
  it('on the profile clock, above the zone’s name', () => {
    const html = renderToStaticMarkup(
      <LocalClock
        customer={{ timeZone: 'Asia/Tashkent', timeZoneSource: 'phone' }}
        agentTimeZone="Europe/Budapest"
        now={winter}
      />,
    );
    expect(html).toContain('<p class="local-clock__zone">Taskent<span class="local-clock__zone-name">');
    expect(html).not.toContain('Asia/');
  });

  it('under the local time in the customer list', () => {
    const customer = {
      id: 'c1',
      displayName: 'Karimov Aziz',
      company: null,
      primaryEmail: null,
      primaryPhone: null,
      country: 'UZ',
      timeZone: 'Asia/Tashkent',
      tags: [],
      lastContactedAt: null,
    } as unknown as CustomerSummary;
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <CustomerTable customers={[customer]} caption="Ügyfelek" isBusy={false} linkState={{}} />
      </MemoryRouter>,
    );
    expect(html).toContain('<span class="table__secondary">Taskent</span>');
  });
});
