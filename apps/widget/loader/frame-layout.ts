/**
 * Where the widget's iframe sits and how big it is. Closed, it holds only the launcher button, so it covers as
 * little of the host page as possible; open, it holds the panel, full screen on phones.
 */

/** Phones and narrow windows (CSS pixels) get the panel full screen. */
export const narrowViewportMaxWidth = 480;
/** The closed frame: the 60 px launcher plus room for its shadow and focus ring. */
export const closedFrameSize = 84;
const panelWidth = 380;
const panelHeight = 600;
/** Gap between the frame and the viewport's edges. */
const edge = 12;

export interface FrameLayout {
  open: boolean;
  position: 'left' | 'right';
}

/** Inline style properties for the iframe, for this layout and viewport. */
export function frameStyle(layout: FrameLayout, viewport: { width: number; height: number }): Record<string, string> {
  const side = layout.position === 'left' ? 'left' : 'right';
  const other = side === 'left' ? 'right' : 'left';
  if (layout.open && viewport.width <= narrowViewportMaxWidth) {
    return { top: '0', bottom: '0', [side]: '0', [other]: 'auto', width: '100%', height: '100%' };
  }
  const width = layout.open ? Math.min(panelWidth, viewport.width - 2 * edge) : closedFrameSize;
  const height = layout.open ? Math.min(panelHeight, viewport.height - 2 * edge) : closedFrameSize;
  return {
    top: 'auto',
    bottom: `${layout.open ? edge : 0}px`,
    [side]: `${layout.open ? edge : 0}px`,
    [other]: 'auto',
    width: `${width}px`,
    height: `${height}px`,
  };
}
