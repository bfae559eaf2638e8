import { describe, expect, it, vi } from 'vitest';
import { formatFileSize } from './import-format';
import { formatCount, formatDuration, formatPercent } from './import-progress';

// As in Chromium, which lists Uzbek without its data: the CLDR stand-ins must take over.
vi.mock('../../../platform/format', () => ({ lacksUzbekData: (locale: string) => locale.startsWith('uz') }));

describe('Uzbek without browser data', () => {
  it('writes numbers, durations and sizes the Uzbek way', () => {
    expect(formatCount(12_345, 'uz')).toBe('12\u00a0345');
    expect(formatPercent(0.4, 'uz')).toBe('40%');
    expect(formatDuration(2, 'minute', 'uz')).toBe('2 daqiqa');
    expect(formatDuration(1.5, 'hour', 'uz')).toBe('1,5 soat');
    expect(formatFileSize(221, 'uz')).toBe('221 bayt');
    expect(formatFileSize(1_250_000, 'uz')).toBe('1,3 MB');
  });

  it('leaves other languages to Intl', () => {
    expect(formatDuration(2, 'minute', 'en')).toBe('2 minutes');
  });
});
