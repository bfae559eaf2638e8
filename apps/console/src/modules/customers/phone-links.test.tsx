import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { CustomerSummary, TimelineEntry } from '@rapport/contracts';
import { DuplicatePairCard } from './duplicates/DuplicatePairCard';
import type { DuplicatePair } from './duplicates/duplicates';
import { PhoneLink } from './PhoneLink';
import { TimelineSection } from './TimelineSection';
import { loadEnglishTexts } from '../../testing/texts';

// Rendered to HTML on the server side of React: no DOM is needed to see which numbers are links.

beforeAll(loadEnglishTexts);

const noop = () => undefined;

function summary(id: string, fields: Partial<CustomerSummary>): CustomerSummary {
  return {
    id,
    givenName: 'Ádám',
    familyName: 'Kovács',
    displayName: 'Kovács Ádám',
    company: null,
    country: 'HU',
    primaryEmail: null,
    primaryPhone: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    ...fields,
  } as CustomerSummary;
}

describe('phone numbers in the console are tel: links', () => {
  it('PhoneLink groups the number and dials the stored one', () => {
    expect(renderToStaticMarkup(<PhoneLink phone="+36301234567" />)).toBe(
      '<a href="tel:+36301234567" class="nowrap">+36 30 123 4567</a>',
    );
  });

  it('a call on the timeline links its number, beside its duration and outcome', () => {
    const entry: TimelineEntry = {
      kind: 'call',
      id: 'call-1',
      type: 'call.outbound',
      occurredAt: '2026-12-01T09:00:00.000Z',
      actorName: 'Dóra Kovács',
      data: { phoneNumber: '+998901234567', durationSeconds: 252, outcome: 'answered' },
    };
    const html = renderToStaticMarkup(
      <TimelineSection
        timeline={{
          state: { status: 'ready', items: [entry], nextCursor: null, isLoadingMore: false, loadMoreError: null },
          loadMore: async () => undefined,
        }}
      />,
    );
    expect(html).toContain('<a href="tel:+998901234567" class="nowrap">+998 90 123 45 67</a> · 4 min 12 sec · Answered');
  });

  it('the duplicates comparison links each record’s phone', () => {
    const pair = {
      customer: summary('c1', { primaryPhone: '+36301234567' }),
      duplicate: summary('c2', { primaryPhone: '+905321234567', givenName: 'Adam', displayName: 'Kovacs Adam' }),
      reason: 'similar_name',
      score: 0.8,
      contact: null,
    } as DuplicatePair;
    const html = renderToStaticMarkup(
      <MemoryRouter>
        <DuplicatePairCard pair={pair} onMerged={noop} onDismissed={noop} />
      </MemoryRouter>,
    );
    expect(html).toContain('<a href="tel:+36301234567" class="nowrap">+36 30 123 4567</a>');
    expect(html).toContain('<a href="tel:+905321234567" class="nowrap">+90 532 123 45 67</a>');
  });
});
