import {
  customerImportFields,
  type AttributeDefinition,
  type CustomerImportBaseField,
  type ImportMapping,
} from '@rapport/contracts';

/** Fields that several columns may fill (a second email, phone or tags column). */
const repeatableFields = new Set<string>(['email', 'phone', 'tags']);

/** Fields at least one of which must be mapped, so that every row names or reaches someone. */
const identityOrNameFields = new Set<string>(['email', 'phone', 'givenName', 'familyName', 'fullName', 'company']);

/** How the mapping screen groups the fields in each column's select. */
export const fieldGroups: { key: 'name' | 'contact' | 'profile'; fields: CustomerImportBaseField[] }[] = [
  { key: 'name', fields: ['fullName', 'givenName', 'familyName', 'middleName', 'title', 'formality'] },
  { key: 'contact', fields: ['email', 'phone'] },
  { key: 'profile', fields: ['company', 'country', 'language', 'timeZone', 'tags', 'consent'] },
];

/** The field an `attribute:<key>` value fills, for a workspace's custom attributes. */
export function attributeField(definition: Pick<AttributeDefinition, 'key'>): string {
  return `attribute:${definition.key}`;
}

/** Whether a mapping value is a field the console knows (a base field or one of the attributes). */
export function isKnownField(field: string, attributes: Pick<AttributeDefinition, 'key'>[]): boolean {
  return (
    (customerImportFields as readonly string[]).includes(field) ||
    attributes.some((definition) => attributeField(definition) === field)
  );
}

/**
 * The mapping for a file's headers: what the person chose before for headers
 * that are still there (after a change of delimiter or encoding, the headers
 * may be new), the server's suggestion for the others, "don't import"
 * (null) when there is neither.
 */
export function reconcileMapping(headers: string[], suggested: ImportMapping, previous: ImportMapping = {}): ImportMapping {
  const mapping: ImportMapping = {};
  for (const header of headers) {
    if (header in previous) mapping[header] = previous[header] ?? null;
    else mapping[header] = suggested[header] ?? null;
  }
  return mapping;
}

/** The mapping with one column changed; `''` from a select means "don't import". */
export function withColumnField(mapping: ImportMapping, header: string, value: string): ImportMapping {
  return { ...mapping, [header]: value === '' ? null : value };
}

/**
 * Problems the browser can see before starting, keyed like the server's
 * issue paths: `mapping.<header>` → duplicate_field for the second and later
 * columns of a single-valued field, `mapping` → missing_required when no
 * column gives a name, company, email or phone, `matchBy` →
 * match_column_missing when matching by a field no column fills.
 */
export function mappingProblems(mapping: ImportMapping, matchBy: 'email' | 'phone' | 'email_or_phone'): Map<string, string> {
  const problems = new Map<string, string>();
  const used = new Set<string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (field === null) continue;
    if (used.has(field) && !repeatableFields.has(field)) problems.set(`mapping.${header}`, 'duplicate_field');
    used.add(field);
  }
  if (![...used].some((field) => identityOrNameFields.has(field))) problems.set('mapping', 'missing_required');
  if (matchBy !== 'email_or_phone' && !used.has(matchBy)) problems.set('matchBy', 'match_column_missing');
  return problems;
}

/** The first non-empty sample value of a column, as an example beside its select. */
export function exampleValue(sampleRows: string[][], columnIndex: number): string | undefined {
  for (const row of sampleRows) {
    const value = row[columnIndex]?.trim();
    if (value) return value;
  }
  return undefined;
}
