import type { WidgetConfig } from '@rapport/contracts';
import { describe, expect, it } from 'vitest';
import { mergePushedConfig } from './pushed-config';
import { pushedTurkishConfig } from './testing/widget-configs';

const shown: WidgetConfig = {
  name: 'Acme',
  colour: '#1f6feb',
  position: 'right',
  locale: 'hu',
  greeting: 'Szia! Miben segíthetünk?',
  offlineMessage: 'Most nem vagyunk itt.',
  preChatForm: 'off',
  availability: { online: true, nextOnlineAt: null, usualReplyMinutes: null },
};

const pushed = pushedTurkishConfig;

describe('mergePushedConfig', () => {
  it('takes a config worded in the widget’s language as it is', () => {
    expect(mergePushedConfig(shown, pushed, 'tr')).toEqual({ config: pushed, hasStaleTexts: false });
  });

  it('takes the look, form and availability of one in another language, and keeps the texts until ours arrive', () => {
    expect(mergePushedConfig(shown, pushed, 'hu')).toEqual({
      config: {
        ...pushed,
        locale: 'hu',
        greeting: 'Szia! Miben segíthetünk?',
        offlineMessage: 'Most nem vagyunk itt.',
      },
      hasStaleTexts: true,
    });
    // Nothing shown yet: its texts rather than none.
    expect(mergePushedConfig(null, pushed, 'hu')).toEqual({ config: pushed, hasStaleTexts: true });
  });
});
