import { el } from '../dom';
import type { Translate } from '../i18n';
import { splitLinks } from '../linkify';
import type { TimelineItem } from '../timeline';

/**
 * The conversation's <ol>, an aria-live region: updated by key, in place, so an acked message is not re-added
 * (and re-announced), and only new messages are inserted.
 */

interface Rendered {
  element: HTMLLIElement;
  signature: string;
}

/** Team messages' text with http(s) links made clickable, built node by node. */
function messageBody(item: TimelineItem): HTMLElement {
  const body = el('p', { class: 'text' });
  if (item.direction === 'inbound') {
    body.textContent = item.text; // the visitor's own words stay plain text
    return body;
  }
  for (const segment of splitLinks(item.text)) {
    if ('href' in segment) {
      body.append(el('a', { href: segment.href, target: '_blank', rel: 'noopener noreferrer' }, [segment.text]));
    } else {
      body.append(document.createTextNode(segment.text));
    }
  }
  return body;
}

export class MessageList {
  readonly element: HTMLOListElement;
  private readonly rendered = new Map<string, Rendered>();

  constructor(
    private readonly t: () => Translate,
    private readonly formatTime: (iso: string) => string,
    private readonly onRetry: (clientId: string) => void,
  ) {
    this.element = el('ol', { class: 'messages', 'aria-live': 'polite', 'aria-relevant': 'additions text' });
  }

  /** Shows the items in order, with "Seen" under `seenKey`; returns true when a message was added. */
  render(items: readonly TimelineItem[], seenKey: string | null, language: string): boolean {
    const keep = new Set(items.map((item) => item.key));
    for (const [key, rendered] of this.rendered) {
      if (!keep.has(key)) {
        rendered.element.remove();
        this.rendered.delete(key);
      }
    }
    let isAdded = false;
    items.forEach((item, index) => {
      const signature = [item.id, item.state, item.text, item.authorName, item.key === seenKey, language].join('|');
      let rendered = this.rendered.get(item.key);
      if (!rendered) {
        rendered = { element: el('li'), signature: '' };
        this.rendered.set(item.key, rendered);
        isAdded = true;
      }
      if (rendered.signature !== signature) {
        this.fill(rendered.element, item, item.key === seenKey);
        rendered.signature = signature;
      }
      const atIndex = this.element.children[index];
      if (atIndex !== rendered.element) this.element.insertBefore(rendered.element, atIndex ?? null);
    });
    return isAdded;
  }

  private fill(element: HTMLLIElement, item: TimelineItem, isSeen: boolean): void {
    const t = this.t();
    element.className = `message ${item.direction === 'inbound' ? 'mine' : 'theirs'} ${item.state}`;
    const author = item.direction === 'inbound' ? t('messages.you') : (item.authorName ?? t('messages.team'));
    const time = this.formatTime(item.createdAt);
    const meta = el('p', { class: 'meta' }, [el('span', { class: 'visually-hidden' }, [`${author}, `]), time]);
    const children: Node[] = [messageBody(item), meta];
    if (item.state === 'sending') children.push(el('p', { class: 'status' }, [t('messages.sending')]));
    if (item.state === 'failed' && item.clientId) {
      const clientId = item.clientId;
      const retry = el('button', { type: 'button', class: 'link-button' }, [t('messages.retry')]);
      retry.addEventListener('click', () => this.onRetry(clientId));
      children.push(el('p', { class: 'status failed', role: 'alert' }, [t('messages.failed'), ' ', retry]));
    }
    if (isSeen) children.push(el('p', { class: 'status seen' }, [t('messages.seen')]));
    if (item.direction === 'outbound' && item.authorName) {
      children.unshift(el('p', { class: 'author', 'aria-hidden': 'true' }, [item.authorName]));
    }
    element.replaceChildren(...children);
  }
}
