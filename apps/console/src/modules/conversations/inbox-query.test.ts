import { describe, expect, it } from 'vitest';
import { inboxListPath, inboxQueryFromParams, inboxQueryToParams, isNarrowed } from './inbox-query';

describe('inbox query', () => {
  it('defaults to all open conversations, and keeps the plain address for it', () => {
    const query = inboxQueryFromParams(new URLSearchParams());
    expect(query).toEqual({ view: 'all', teamId: '', status: 'open', channelId: '', language: '' });
    expect(inboxQueryToParams(query).toString()).toBe('');
    expect(isNarrowed(query)).toBe(false);
  });

  it('reads and writes views, status, channel and language', () => {
    const params = new URLSearchParams('view=mine&status=pending&channel=c1&language=hu');
    const query = inboxQueryFromParams(params);
    expect(query).toEqual({ view: 'mine', teamId: '', status: 'pending', channelId: 'c1', language: 'hu' });
    expect(inboxQueryToParams(query).toString()).toBe('view=mine&status=pending&channel=c1&language=hu');
    expect(isNarrowed(query)).toBe(true);
  });

  it('shows a team as every conversation of the team', () => {
    const query = inboxQueryFromParams(new URLSearchParams('team=t1&view=mine'));
    expect(query.view).toBe('all');
    expect(inboxQueryToParams(query).toString()).toBe('team=t1');
    expect(inboxListPath(query)).toBe('/conversations?view=all&status=open&teamId=t1&limit=50');
  });

  it('ignores values it does not know', () => {
    expect(inboxQueryFromParams(new URLSearchParams('view=everyone&status=active'))).toMatchObject({
      view: 'all',
      status: 'open',
    });
  });

  it('asks the API for the filters and the page size', () => {
    const query = inboxQueryFromParams(new URLSearchParams('view=unassigned&status=snoozed&channel=c2&language=tr'));
    expect(inboxListPath(query, 120)).toBe('/conversations?view=unassigned&status=snoozed&channelId=c2&language=tr&limit=120');
  });
});
