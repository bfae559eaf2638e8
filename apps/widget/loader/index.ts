import type { WidgetIdentity } from '@rapport/contracts';
import { readAppMessage, tag, type HostMessage, type PageInfo } from '../shared/bridge';
import { appUrl } from './app-url';
import { frameStyle, type FrameLayout } from './frame-layout';

/**
 * The script a site includes with `<script src="https://RAPPORT/widget.js" data-key="…" async>`. It adds one
 * fixed iframe (launcher and panel both live inside it, out of reach of the page's CSS) and relays what only the
 * page knows to it: the signed-in identity, a language override, the page's address and title. Its only globals
 * are `Rapport` (the command function) and the site's own `RapportSettings`; it never throws into the page.
 */

interface RapportSettings {
  language?: string;
  identity?: WidgetIdentity;
}

interface RapportCommand {
  (command: string, argument?: unknown): void;
  /** Calls made before the loader ran, by the optional stub `window.Rapport = … (Rapport.q = Rapport.q || []).push(arguments)`. */
  q?: ArrayLike<unknown>[];
  loaded?: boolean;
}

declare global {
  interface Window {
    Rapport?: RapportCommand;
    RapportSettings?: RapportSettings;
  }
}

/** The frame's accessible name, before the app (which has the full catalogs) can say more. */
const frameTitles: Record<string, string> = { en: 'Chat', hu: 'Csevegés', tr: 'Sohbet', uz: 'Chat', de: 'Chat' };

function currentPage(): PageInfo {
  return { url: location.href, title: document.title };
}

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.key) return current;
  // document.currentScript is null when another script injected this one in a callback.
  return document.querySelector<HTMLScriptElement>('script[data-key][src*="widget.js"]');
}

function boot(): void {
  if (window.Rapport?.loaded) return; // the snippet is on the page twice
  const script = findScript();
  const key = script?.dataset.key;
  if (!script || !key) return;
  const settings = window.RapportSettings ?? {};
  let language: string | null = script.dataset.lang ?? settings.language ?? null;
  let identity: WidgetIdentity | null = settings.identity ?? null;
  const src = appUrl(script.src, { key, language, origin: location.origin });
  const appOrigin = src.origin;

  const frame = document.createElement('iframe');
  frame.src = src.href;
  frame.title = frameTitles[(language ?? navigator.language).slice(0, 2).toLowerCase()] ?? 'Chat';
  let layout: FrameLayout = { open: false, position: 'right' };
  let isReady = false;
  let isOpenWanted: boolean | null = null; // open/close asked before the app listened

  const applyLayout = (): void => {
    const style = {
      position: 'fixed',
      border: '0',
      margin: '0',
      padding: '0',
      background: 'transparent',
      'color-scheme': 'normal',
      'max-width': 'none',
      'max-height': 'none',
      'z-index': '2147483000',
      ...frameStyle(layout, { width: window.innerWidth, height: window.innerHeight }),
    };
    // Inline and !important: the host's stylesheets (`iframe { width: 100% !important }`) cannot resize it.
    for (const [name, value] of Object.entries(style)) frame.style.setProperty(name, value, 'important');
  };

  const post = (message: HostMessage): void => {
    if (isReady) frame.contentWindow?.postMessage(tag(message), appOrigin);
  };

  window.addEventListener('message', (event) => {
    const message = readAppMessage(event, appOrigin, frame.contentWindow);
    if (!message) return;
    if (message.type === 'ready') {
      isReady = true;
      lastPage = currentPage();
      post({ type: 'init', identity, language, page: lastPage });
      if (isOpenWanted !== null) post({ type: isOpenWanted ? 'open' : 'close' });
    } else if (message.type === 'resize') {
      layout = { open: message.open, position: message.position };
      applyLayout();
    } else {
      frame.style.setProperty('display', 'none', 'important');
    }
  });
  window.addEventListener('resize', applyLayout);

  // Single-page sites change the address without loading a page: follow history, then report once the title
  // (usually set just after navigating) has settled.
  let lastPage = currentPage();
  let pageTimer: ReturnType<typeof setTimeout> | undefined;
  const onNavigation = (): void => {
    clearTimeout(pageTimer);
    pageTimer = setTimeout(() => {
      const page = currentPage();
      if (page.url === lastPage.url && page.title === lastPage.title) return;
      lastPage = page;
      post({ type: 'page', page });
    }, 300);
  };
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method].bind(history);
    history[method] = (...args: Parameters<History['pushState']>) => {
      original(...args);
      try {
        onNavigation();
      } catch {
        // never break the site's navigation
      }
    };
  }
  window.addEventListener('popstate', onNavigation);
  window.addEventListener('hashchange', onNavigation);

  const command: RapportCommand = (name, argument) => {
    try {
      if (name === 'open' || name === 'close') {
        isOpenWanted = name === 'open';
        post({ type: name });
      } else if (name === 'identify') {
        identity = (argument as WidgetIdentity | null | undefined) ?? null;
        post({ type: 'identity', identity });
      } else if (name === 'language') {
        language = typeof argument === 'string' ? argument : null;
        post({ type: 'language', language });
      }
    } catch {
      // a bad call from the site must not throw into it
    }
  };
  const queued = window.Rapport?.q ?? [];
  command.loaded = true;
  window.Rapport = command;
  for (const call of queued) command(String(call[0]), call[1]);

  applyLayout();
  const attach = (): void => void document.body.appendChild(frame);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach);
}

try {
  boot();
} catch {
  // The widget is an extra on someone else's page: failing quietly beats breaking it.
}
