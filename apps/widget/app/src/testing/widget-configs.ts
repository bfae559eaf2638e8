import type { WidgetConfig } from '@rapport/contracts';

/** A channel's config as the server pushes it after an admin changed it (`config` frame), worded in Turkish. */
export const pushedTurkishConfig: WidgetConfig = {
  name: 'Acme Destek',
  colour: '#0a7c4a',
  position: 'left',
  locale: 'tr',
  greeting: 'Tekrar hoş geldiniz!',
  offlineMessage: null,
  preChatForm: 'required',
  availability: { online: false, nextOnlineAt: '2026-01-02T06:00:00.000Z', usualReplyMinutes: 5 },
};
