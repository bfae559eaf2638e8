import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import type { TimelineEntry } from '@rapport/contracts';
import { NoteBody } from './NoteBody';
import { TimelineSection } from './TimelineSection';
import { loadEnglishTexts } from '../../testing/texts';

// Rendered to HTML on the server side of React: what the browser would get, without a DOM.
const html = (markdown: string) => renderToStaticMarkup(<NoteBody markdown={markdown} />);

describe('a note’s markdown', () => {
  it('shows bold, italics, lists and line breaks as typed', () => {
    expect(html('Call **after 17:00**, _Tashkent time_.\nAsk about:\n\n- the order\n- the invoice')).toBe(
      '<div class="note__body"><p>Call <strong>after 17:00</strong>, <em>Tashkent time</em>.<br/>\nAsk about:</p>\n' +
        '<ul>\n<li>the order</li>\n<li>the invoice</li>\n</ul></div>',
    );
    expect(html('1. first\n2. second')).toContain('<ol>\n<li>first</li>\n<li>second</li>\n</ol>');
  });

  it('opens links elsewhere without a handle on the console, and never runs a script', () => {
    expect(html('See [the order](https://shop.example/orders/1042) or https://shop.example')).toBe(
      '<div class="note__body"><p>See <a href="https://shop.example/orders/1042" target="_blank" rel="noopener noreferrer">the order</a>' +
        ' or <a href="https://shop.example" target="_blank" rel="noopener noreferrer">https://shop.example</a></p></div>',
    );
    const unsafe = html('[click](javascript:alert(1)) <b onclick="alert(1)">bold</b> <script>alert(1)</script>');
    expect(unsafe).not.toContain('javascript:');
    expect(unsafe).not.toContain('<b');
    expect(unsafe).not.toContain('<script');
    // Raw HTML stays text a person can read.
    expect(unsafe).toContain('&lt;b onclick=&quot;alert(1)&quot;&gt;bold&lt;/b&gt;');
  });

  it('keeps headings and images out of the profile', () => {
    expect(html('# Important')).toBe('<div class="note__body"><p><strong>Important</strong></p></div>');
    const image = html('![tracker](https://tracker.example/pixel.png)');
    expect(image).not.toContain('<img');
    expect(image).not.toContain('tracker.example');
  });
});

describe('a note on the timeline', () => {
  beforeAll(loadEnglishTexts);

  const timelineHtml = (body: string) => {
    const entry: TimelineEntry = {
      kind: 'note',
      id: 'note-1',
      type: 'note',
      occurredAt: '2026-12-01T09:00:00.000Z',
      actorName: 'Dóra Kovács',
      data: { body, edited: false },
    };
    return renderToStaticMarkup(
      <TimelineSection
        timeline={{
          state: { status: 'ready', items: [entry], nextCursor: null, isLoadingMore: false, loadMoreError: null },
          loadMore: async () => undefined,
        }}
      />,
    );
  };

  it('is formatted as in the Notes section, not shown as raw markdown', () => {
    const html = timelineHtml('Visszahívást kért holnap 10:00 előtt. **Fontos**\n\n- the invoice');
    expect(html).toContain(
      '<div class="timeline__quote timeline__quote--markdown"><div class="note__body"><p>Visszahívást kért holnap 10:00 előtt. <strong>Fontos</strong></p>\n' +
        '<ul>\n<li>the invoice</li>\n</ul></div></div>',
    );
    expect(html).not.toContain('**');
  });

  it('keeps markup typed into the note as text', () => {
    const html = timelineHtml('<b onclick="alert(1)">bold</b> [click](javascript:alert(1))');
    expect(html).not.toContain('<b ');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;b onclick=&quot;alert(1)&quot;&gt;bold&lt;/b&gt;');
  });
});
