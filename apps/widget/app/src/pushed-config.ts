import type { WidgetConfig } from '@rapport/contracts';

/**
 * The channel's settings changed while the widget was open: the server pushes its config (`config` frame), worded
 * in the language the visitor's session began in. Usually that is the widget's own; after a language switch
 * (`Rapport('language', …)`) it is not, and then the look, name, form and availability apply at once while the
 * greeting and offline message stay as they were until the widget fetches them in its language (`hasStaleTexts`).
 */
export function mergePushedConfig(
  current: WidgetConfig | null,
  pushed: WidgetConfig,
  language: string,
): { config: WidgetConfig; hasStaleTexts: boolean } {
  if (pushed.locale === language) return { config: pushed, hasStaleTexts: false };
  // Nothing shown yet: the other language's texts beat none until ours arrive.
  if (!current) return { config: pushed, hasStaleTexts: true };
  const { locale, greeting, offlineMessage } = current;
  return { config: { ...pushed, locale, greeting, offlineMessage }, hasStaleTexts: true };
}
