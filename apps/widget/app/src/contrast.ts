/**
 * The text colour to put on the widget's brand colour: white or near-black, whichever contrasts more (WCAG 2
 * relative luminance), so a light brand colour such as #ffd400 still gets readable text.
 */
export const darkText = '#111418';
export const lightText = '#ffffff';

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a #rrggbb colour (0 black … 1 white). */
export function luminance(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((value >> 16) & 255) + 0.7152 * channel((value >> 8) & 255) + 0.0722 * channel(value & 255);
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG AA for normal text. */
const minimumContrast = 4.5;

function darken(hex: string, amount: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  const scaled = [16, 8, 0].map((shift) => Math.round(((value >> shift) & 255) * (1 - amount)));
  return `#${scaled.map((part) => part.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A valid #rrggbb brand colour (the default for anything else) and the text colour that reads best on it. Mid
 * tones (#777777) reach 4.5:1 with neither white nor black; those are darkened just enough for white text.
 */
export function brandColours(colour: string, fallback = '#1f6feb'): { background: string; text: string } {
  const chosen = /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : fallback;
  const light = contrastRatio(chosen, lightText);
  const dark = contrastRatio(chosen, darkText);
  if (Math.max(light, dark) >= minimumContrast) return { background: chosen, text: light >= dark ? lightText : darkText };
  let background = chosen;
  for (let amount = 0.05; contrastRatio(background, lightText) < minimumContrast && amount < 1; amount += 0.05) {
    background = darken(chosen, amount);
  }
  return { background, text: lightText };
}
