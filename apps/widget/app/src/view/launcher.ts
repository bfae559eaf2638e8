import { el } from '../dom';

/** The round launcher button with a speech-bubble icon (built as SVG nodes) and an unread badge. */
export function createLauncher(panelId: string): { button: HTMLButtonElement; badge: HTMLSpanElement } {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '28');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z');
  svg.append(path);
  const badge = el('span', { class: 'badge', 'aria-hidden': 'true', hidden: true });
  const button = el('button', { type: 'button', class: 'launcher', 'aria-controls': panelId, 'aria-expanded': 'false' }, [
    svg,
    badge,
  ]);
  return { button, badge };
}
