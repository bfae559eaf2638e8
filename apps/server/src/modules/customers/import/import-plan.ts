import { customerImportFields, type AttributeDefinition, type ImportMapping, type ImportMatchBy } from '@rapport/contracts';
import { isRepeatableField } from './header-mapping.js';

/** A mapped column: where it is in a row, its header (for the error report), and what it fills. */
export interface PlannedColumn {
  index: number;
  header: string;
  field: string;
  /** For `attribute:<key>`: the attribute's definition. */
  attribute?: Pick<AttributeDefinition, 'key' | 'type' | 'choices'>;
}

/** How every row of one import is read: the mapped columns, the header width, the matching rule. */
export interface ImportPlan {
  columns: PlannedColumn[];
  headerCount: number;
  matchBy: ImportMatchBy;
  /** Country for national phone numbers and name order when the row has none. */
  defaultCountry: string | null;
}

export interface MappingIssue {
  path: (string | number)[];
  code: string;
  message: string;
  in: 'body';
}

const baseFields = new Set<string>(customerImportFields);
const identityOrName = new Set(['email', 'phone', 'givenName', 'familyName', 'fullName', 'company']);

/**
 * Checks a mapping against the file's headers and the workspace's attributes
 * and compiles it: every key a header, every field known and single-valued
 * fields mapped once, an identity or name column present, and the column the
 * match rule needs. Returns the plan, or the issues (path ['mapping', header]).
 */
export function compilePlan(
  headers: string[],
  mapping: ImportMapping,
  attributes: Pick<AttributeDefinition, 'key' | 'type' | 'choices'>[],
  options: { matchBy: ImportMatchBy; defaultCountry: string | null },
): { plan: ImportPlan; issues: [] } | { plan: null; issues: MappingIssue[] } {
  const issues: MappingIssue[] = [];
  const issue = (path: (string | number)[], code: string, message: string) => issues.push({ path, code, message, in: 'body' });
  const byKey = new Map(attributes.map((a) => [a.key, a]));
  const columns: PlannedColumn[] = [];
  const used = new Set<string>();
  for (const [header, field] of Object.entries(mapping)) {
    const index = headers.indexOf(header);
    if (index < 0) {
      issue(['mapping', header], 'unknown_column', `the file has no column "${header}"`);
      continue;
    }
    if (field === null) continue;
    const attribute = field.startsWith('attribute:') ? byKey.get(field.slice('attribute:'.length)) : undefined;
    if (field.startsWith('attribute:') ? !attribute : !baseFields.has(field)) {
      issue(
        ['mapping', header],
        field.startsWith('attribute:') ? 'unknown_attribute' : 'unknown_field',
        `unknown field "${field}"`,
      );
      continue;
    }
    if (used.has(field) && !isRepeatableField(field)) {
      issue(['mapping', header], 'duplicate_field', `"${field}" is mapped from more than one column`);
      continue;
    }
    used.add(field);
    columns.push({ index, header, field, ...(attribute ? { attribute } : {}) });
  }
  if (![...used].some((field) => identityOrName.has(field))) {
    issue(['mapping'], 'missing_required', 'map at least one column to a name, company, email or phone');
  }
  const needs = options.matchBy === 'email_or_phone' ? null : options.matchBy;
  if (needs && !used.has(needs)) {
    issue(['matchBy'], 'match_column_missing', `matching by ${needs} needs a column mapped to ${needs}`);
  }
  if (issues.length) return { plan: null, issues };
  // Countries and languages first: phones and name order are read in their light.
  const order = (field: string) => (field === 'country' ? 0 : field === 'language' ? 1 : 2);
  columns.sort((a, b) => order(a.field) - order(b.field) || a.index - b.index);
  return {
    plan: { columns, headerCount: headers.length, matchBy: options.matchBy, defaultCountry: options.defaultCountry },
    issues: [],
  };
}
