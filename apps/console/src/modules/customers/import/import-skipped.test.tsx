import { beforeAll, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import type { CustomerImport } from '@rapport/contracts';
import { loadTexts } from '../../../testing/texts';
import { ImportOutcome } from './ImportOutcome';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportSummary } from './ImportSummary';

// Rendered to HTML in Hungarian: an import that left existing customers alone says how many rows it skipped.

beforeAll(() => loadTexts('hu'));

const progress = {
  rowsTotal: 1500,
  rowsDone: 1500,
  created: 1200,
  updated: 0,
  skipped: 280,
  failed: 20,
  warnings: 0,
  rowsPerSecond: 900,
  secondsLeft: 0,
};

function finished(existing: CustomerImport['existing'], skipped: number): CustomerImport {
  return {
    id: '0193a0f0-0000-7000-8000-000000000001',
    status: 'done',
    existing,
    progress: { ...progress, skipped },
  } as unknown as CustomerImport;
}

const render = (element: React.ReactElement) => renderToStaticMarkup(<MemoryRouter>{element}</MemoryRouter>);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('an import that skips existing customers', () => {
  it('counts the skipped rows in its summary, its one-line outcome and its status', () => {
    const skipping = finished('skip', 280);
    expect(text(render(<ImportSummary customerImport={skipping} />))).toContain('Kihagyva 280');
    expect(text(render(<ImportOutcome progress={skipping.progress} />))).toContain('280 kihagyva');
    expect(text(render(<ImportProgressPanel customerImport={skipping} pollError={null} />))).toContain(
      '280 sor már meglévő ügyfélhez tartozott, ezért kimaradt.',
    );
  });

  it('says nothing of skipping when it updates them', () => {
    const updating = finished('update', 0);
    for (const html of [
      render(<ImportSummary customerImport={updating} />),
      render(<ImportOutcome progress={updating.progress} />),
      render(<ImportProgressPanel customerImport={updating} pollError={null} />),
    ]) {
      expect(text(html)).not.toMatch(/kihagy|kimarad/i);
    }
  });
});
