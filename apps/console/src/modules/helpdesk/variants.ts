/** One language's text of a saved reply or an acknowledgement, as edited. */
export interface VariantInput {
  language: string;
  text: string;
}

/** The server's `{ [languageTag]: text }` as rows, in the order given. */
export function toVariantInputs(variants: Record<string, string> | undefined): VariantInput[] {
  return Object.entries(variants ?? {}).map(([language, text]) => ({ language, text }));
}

/** The rows as the server takes them, texts trimmed. */
export function fromVariantInputs(rows: readonly VariantInput[]): Record<string, string> {
  return Object.fromEntries(rows.map((row) => [row.language, row.text.trim()]));
}

/** Positions of rows whose text is empty (the server refuses them). */
export function emptyVariants(rows: readonly VariantInput[]): number[] {
  return rows.flatMap((row, index) => (row.text.trim() === '' ? [index] : []));
}

/** `{{name}}` as written in a text. */
export function placeholderToken(name: string): string {
  return `{{${name}}}`;
}
