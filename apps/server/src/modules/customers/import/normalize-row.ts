import { resolveNameOrder, type Formality } from '@rapport/contracts';
import { isAppError } from '../../../platform/errors.js';
import { normalizeIdentity, parsePhone } from '../identities.js';
import type { ImportPlan, PlannedColumn } from './import-plan.js';
import { parseLocalDate, parseLocalNumber, parseYesNo, splitList, type Parsed } from './local-values.js';
import { parseCountry, parseLanguage, parseTimeZone } from './places.js';
import { splitFullName } from './names.js';

/** A row's customer, normalised. null: the cell was empty (an update keeps what the customer has). */
export interface ImportedCustomer {
  givenName: string | null;
  familyName: string | null;
  middleName: string | null;
  title: string | null;
  formality: Formality | null;
  company: string | null;
  country: string | null;
  language: string | null;
  timeZone: string | null;
  tags: string[];
  attributes: Record<string, string | number | boolean>;
  consent: boolean | null;
  /** Lower-cased, without repeats, with the column each came from. */
  emails: { value: string; column: string }[];
  /** E.164, without repeats, with the country each number belongs to. */
  phones: { value: string; country: string | null; column: string }[];
}

/** A customer with nothing read yet: every field empty. */
export function emptyImportedCustomer(): ImportedCustomer {
  return {
    givenName: null,
    familyName: null,
    middleName: null,
    title: null,
    formality: null,
    company: null,
    country: null,
    language: null,
    timeZone: null,
    tags: [],
    attributes: {},
    consent: null,
    emails: [],
    phones: [],
  };
}

/** A problem with a row: an error keeps the whole row out, a warning is reported beside an imported row. */
export interface RowIssue {
  column: string;
  value: string;
  code: string;
  /** In English; the report words it from `reason` (else `code`) and `params` in the importer's language. */
  message: string;
  level: 'error' | 'warning';
  /** The report's text for it (locales/*.json `reasons`), when not the one of its code. */
  reason?: string;
  /** Values its text names beside the cell's `value`. */
  params?: Record<string, string | number>;
}

const limits: Record<string, number> = {
  givenName: 200,
  familyName: 200,
  middleName: 200,
  fullName: 400,
  title: 60,
  company: 200,
};
const formal = new Set(['formal', 'formell', 'formalis', 'magazo', 'magazas', 'sie', 'siz', 'resmi', 'rasmiy']);
const informal = new Set(['informal', 'informell', 'informalis', 'tegezo', 'tegezes', 'du', 'sen', 'samimi', 'norasmiy']);

/** A cell as written, trimmed; an apostrophe that kept a spreadsheet from reading "=…" or "+…" as a formula is dropped. */
function clean(value: string): string {
  const trimmed = value.trim();
  return trimmed.charCodeAt(0) === 39 && /^'[=+\-@]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

/** Runs of spaces, tabs and line breaks inside a name become one space. */
function oneLine(value: string): string {
  return /\s\s|[\t\n\r]/.test(value) ? value.replace(/\s+/g, ' ') : value;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function list(value: string, separators: RegExp, test: RegExp): string[] {
  return test.test(value) ? splitList(value, separators) : [value];
}

/** One row being read: the customer so far and the problems found. */
class RowReader {
  readonly issues: RowIssue[] = [];
  readonly customer: ImportedCustomer = emptyImportedCustomer();
  fullName: string | null = null;

  constructor(private readonly plan: ImportPlan) {}

  fail(
    column: PlannedColumn | null,
    value: string,
    code: string,
    message: string,
    text?: Pick<RowIssue, 'reason' | 'params'>,
  ): void {
    this.issues.push({ column: column?.header ?? '', value, code, message, level: 'error', ...text });
  }

  check<T>(
    column: PlannedColumn,
    value: string,
    parsed: T | undefined,
    code: string,
    message: string,
    params?: RowIssue['params'],
  ): T | null {
    if (parsed === undefined) this.fail(column, value, code, `"${value}" ${message}`, params && { params });
    return parsed ?? null;
  }

  take<T>(column: PlannedColumn, value: string, parsed: Parsed<T>): T | null {
    if (!parsed.ok) this.fail(column, value, parsed.code, parsed.message, parsed.params && { params: parsed.params });
    return parsed.ok ? parsed.value : null;
  }

  cell(column: PlannedColumn, value: string): void {
    const c = this.customer;
    switch (column.field) {
      case 'givenName':
      case 'familyName':
      case 'middleName':
      case 'title':
      case 'company':
        c[column.field] = oneLine(value);
        return;
      case 'fullName':
        this.fullName = oneLine(value);
        return;
      case 'email':
        return this.emails(column, value);
      case 'phone':
        return this.phones(column, value);
      case 'country':
        c.country = this.check(column, value, parseCountry(value), 'invalid_country', 'is not a country name or ISO code');
        return;
      case 'language':
        c.language = this.check(column, value, parseLanguage(value), 'invalid_language', 'is not a language name or code');
        return;
      case 'timeZone':
        c.timeZone = this.check(
          column,
          value,
          parseTimeZone(value),
          'invalid_time_zone',
          'is not a time zone such as Europe/Budapest',
        );
        return;
      case 'tags':
        return this.tags(column, value);
      case 'consent':
        c.consent = this.take(column, value, parseYesNo(value));
        return;
      case 'formality': {
        const word = fold(value);
        const formality = formal.has(word)
          ? 'formal'
          : informal.has(word)
            ? 'informal'
            : word === 'unknown'
              ? 'unknown'
              : undefined;
        c.formality = this.check(column, value, formality, 'invalid_formality', 'is not formal or informal');
        return;
      }
      default: {
        const attribute = this.attribute(column, value);
        if (attribute !== null) c.attributes[column.attribute!.key] = attribute;
      }
    }
  }

  emails(column: PlannedColumn, value: string): void {
    for (const email of list(value, /[,;\s]+/, /[,;\s]/)) {
      try {
        const normal = normalizeIdentity('email', email);
        if (!this.customer.emails.some((e) => e.value === normal))
          this.customer.emails.push({ value: normal, column: column.header });
      } catch (error) {
        if (!isAppError(error)) throw error;
        this.fail(column, email, 'invalid_email', `"${email}" is not an email address`);
      }
    }
  }

  phones(column: PlannedColumn, value: string): void {
    for (const text of list(value, /[,;\n]+/, /[,;\n]/)) {
      const phone = parsePhone(text, this.customer.country ?? this.plan.defaultCountry);
      if (!phone) this.fail(column, text, 'invalid_phone', `"${text}" is not a valid phone number`);
      else if (!this.customer.phones.some((p) => p.value === phone.number)) {
        this.customer.phones.push({ value: phone.number, country: phone.country ?? null, column: column.header });
      }
    }
  }

  tags(column: PlannedColumn, value: string): void {
    const tags = this.customer.tags;
    for (const tag of list(value, /[,;]/, /[,;]/)) {
      if (tag.length > 60) {
        this.fail(column, tag, 'invalid_tag', 'a tag is longer than 60 characters', {
          reason: 'tag_too_long',
          params: { limit: 60 },
        });
      } else if (!tags.includes(tag)) tags.push(tag);
    }
    if (tags.length > 50) {
      this.fail(column, value.slice(0, 100), 'invalid_tag', 'more than 50 tags', {
        reason: 'too_many_tags',
        params: { limit: 50 },
      });
    }
  }

  attribute(column: PlannedColumn, value: string): string | number | boolean | null {
    const definition = column.attribute!;
    switch (definition.type) {
      case 'text':
        if (value.length <= 2000) return value;
        this.fail(column, value.slice(0, 100), 'too_long', 'longer than 2000 characters', { params: { limit: 2000 } });
        return null;
      case 'number':
        return this.take(column, value, parseLocalNumber(value));
      case 'boolean':
        return this.take(column, value, parseYesNo(value));
      case 'date':
        return this.take(column, value, parseLocalDate(value));
      case 'choice': {
        const choice = definition.choices.find((c) => c === value || fold(c) === fold(value));
        const choices = definition.choices.join(', ');
        return this.check(column, value, choice, 'invalid_attribute', `is not one of: ${choices}`, { choices });
      }
    }
  }

  /** A whole name from one column, split in the row's name order, when no name part came on its own. */
  finish(): void {
    const c = this.customer;
    if (this.fullName && !c.givenName && !c.familyName) {
      const order = resolveNameOrder({ language: c.language, country: c.country ?? this.plan.defaultCountry });
      const split = splitFullName(this.fullName, order);
      c.givenName = split.givenName;
      c.familyName = split.familyName;
      c.title ??= split.title;
    }
    if (!this.issues.length && !c.givenName && !c.familyName && !c.company && !c.emails.length && !c.phones.length) {
      this.fail(null, '', 'missing_name', 'a customer needs a name, a company, an email or a phone');
    }
  }
}

/**
 * Reads one row through the plan: names, emails (lower case), phones (E.164,
 * national numbers in the row's country, else the default), country and
 * language from codes or names, tags, consent, formality, and attributes by
 * type (dates in local formats). Returns the customer when every mapped cell
 * is valid, and every problem found with its column either way.
 */
export function normalizeRow(fields: string[], plan: ImportPlan): { customer: ImportedCustomer | null; issues: RowIssue[] } {
  const reader = new RowReader(plan);
  let missing: PlannedColumn | undefined;
  for (const column of plan.columns)
    if (column.index >= fields.length && (!missing || column.index < missing.index)) missing = column;
  if (missing) {
    const message = `the line has ${fields.length} of the header's ${plan.headerCount} columns`;
    reader.fail(missing, '', 'missing_columns', message, { params: { count: fields.length, headerCount: plan.headerCount } });
    return { customer: null, issues: reader.issues };
  }
  if (fields.length > plan.headerCount && fields.slice(plan.headerCount).some((v) => v.trim())) {
    const extra = fields.slice(plan.headerCount).join(' | ');
    const message = `the line has ${fields.length} columns, the header ${plan.headerCount}: quote values that contain the delimiter`;
    reader.fail(null, extra, 'extra_columns', message, { params: { count: fields.length, headerCount: plan.headerCount } });
    return { customer: null, issues: reader.issues };
  }
  for (const column of plan.columns) {
    const value = clean(fields[column.index]!);
    if (!value) continue;
    const limit = limits[column.field];
    if (value.includes('\uFFFD')) {
      reader.fail(
        column,
        value,
        'invalid_encoding',
        'the text is not valid in the chosen encoding; pick the file’s encoding and import again',
      );
    } else if (limit && value.length > limit) {
      reader.fail(column, value.slice(0, 100), 'too_long', `longer than ${limit} characters`, { params: { limit } });
    } else {
      reader.cell(column, value);
    }
  }
  reader.finish();
  return { customer: reader.issues.length ? null : reader.customer, issues: reader.issues };
}
