import type { CreateCustomerInput, Customer, Formality, IdentityInput, NameOrder, UpdateCustomerInput } from '@rapport/contracts';

/** Marketing email consent as the form asks it: not asked yet, agreed, declined. */
export type ConsentChoice = 'unknown' | 'yes' | 'no';

/** The profile fields of the create and edit forms, as the inputs hold them ('' = not set or automatic). */
export interface CustomerFormState {
  givenName: string;
  familyName: string;
  middleName: string;
  /** '' = automatic (from the language, else the country). */
  nameOrder: NameOrder | '';
  title: string;
  formality: Formality;
  language: string;
  country: string;
  /** '' = automatic (inferred from the phone number or country). */
  timeZone: string;
  company: string;
  /** Comma-separated, as typed. */
  tags: string;
  consent: ConsentChoice;
  consentSource: string;
}

/** The emails and phones typed on the create form, one input each. */
export interface IdentityRows {
  emails: string[];
  phones: string[];
}

/** Which form row an identity sent to the server came from, by its index in `identities`. */
export interface IdentityOrigin {
  kind: 'email' | 'phone';
  row: number;
}

export function emptyCustomerForm(): CustomerFormState {
  return {
    givenName: '',
    familyName: '',
    middleName: '',
    nameOrder: '',
    title: '',
    formality: 'unknown',
    language: '',
    country: '',
    timeZone: '',
    company: '',
    tags: '',
    consent: 'unknown',
    consentSource: '',
  };
}

function consentChoice(value: boolean | null): ConsentChoice {
  if (value === null) return 'unknown';
  return value ? 'yes' : 'no';
}

/** The edit form filled from a saved customer; an inferred time zone stays "automatic". */
export function customerToForm(customer: Customer): CustomerFormState {
  return {
    givenName: customer.givenName ?? '',
    familyName: customer.familyName ?? '',
    middleName: customer.middleName ?? '',
    nameOrder: customer.nameOrder ?? '',
    title: customer.title ?? '',
    formality: customer.formality,
    language: customer.language ?? '',
    country: customer.country ?? '',
    timeZone: customer.timeZoneSource === 'explicit' && customer.timeZone ? customer.timeZone : '',
    company: customer.company ?? '',
    tags: formatTags(customer.tags),
    consent: consentChoice(customer.consent.marketingEmail),
    consentSource: customer.consent.source ?? '',
  };
}

/** Tags from "vip, b2b ,vip": trimmed, without empty ones or repeats, in the order typed. */
export function parseTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export function formatTags(tags: readonly string[]): string {
  return tags.join(', ');
}

function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** Whether the form names the customer somehow (the server needs a name, company or identity). */
export function hasSomethingToCallThem(form: CustomerFormState, rows: IdentityRows): boolean {
  return [form.givenName, form.familyName, form.company, ...rows.emails, ...rows.phones].some((value) => value.trim() !== '');
}

/**
 * The body of `POST /customers`: empty fields left out, emails then phones
 * as identities, and where each identity came from (to place field errors).
 */
export function toCreateInput(
  form: CustomerFormState,
  rows: IdentityRows,
): { input: CreateCustomerInput; origins: IdentityOrigin[] } {
  const identities: IdentityInput[] = [];
  const origins: IdentityOrigin[] = [];
  for (const kind of ['email', 'phone'] as const) {
    (kind === 'email' ? rows.emails : rows.phones).forEach((value, row) => {
      if (!value.trim()) return;
      identities.push({ kind, value: value.trim() });
      origins.push({ kind, row });
    });
  }
  const input: CreateCustomerInput = { formality: form.formality };
  const texts = {
    givenName: form.givenName,
    familyName: form.familyName,
    middleName: form.middleName,
    title: form.title,
    company: form.company,
    language: form.language,
    country: form.country,
    timeZone: form.timeZone,
  };
  for (const [key, value] of Object.entries(texts)) {
    const text = textOrNull(value);
    if (text) Object.assign(input, { [key]: text });
  }
  if (form.nameOrder) input.nameOrder = form.nameOrder;
  const tags = parseTags(form.tags);
  if (tags.length) input.tags = tags;
  if (identities.length) input.identities = identities;
  if (form.consent !== 'unknown') {
    const source = textOrNull(form.consentSource);
    input.marketingConsent = { marketingEmail: form.consent === 'yes', ...(source ? { source } : {}) };
  }
  return { input, origins };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The body of `PATCH /customers/{id}`: only the fields the form changed,
 * null where a field was emptied. Empty when nothing changed.
 */
export function diffCustomer(customer: Customer, form: CustomerFormState): UpdateCustomerInput {
  const patch: UpdateCustomerInput = {};
  const texts = ['givenName', 'familyName', 'middleName', 'title', 'company', 'language', 'country'] as const;
  for (const key of texts) {
    const next = textOrNull(form[key]);
    if (next !== (customer[key] ?? null)) patch[key] = next;
  }
  const nameOrder = form.nameOrder || null;
  if (nameOrder !== customer.nameOrder) patch.nameOrder = nameOrder;
  if (form.formality !== customer.formality) patch.formality = form.formality;
  // Only an explicit zone is the agent's choice; an inferred one shows as "automatic".
  const savedZone = customer.timeZoneSource === 'explicit' ? customer.timeZone : null;
  const timeZone = form.timeZone || null;
  if (timeZone !== savedZone) patch.timeZone = timeZone;
  const tags = parseTags(form.tags);
  if (!sameList(tags, customer.tags)) patch.tags = tags;
  if (form.consent !== 'unknown') {
    const marketingEmail = form.consent === 'yes';
    const source = textOrNull(form.consentSource);
    if (marketingEmail !== customer.consent.marketingEmail || source !== customer.consent.source) {
      patch.marketingConsent = { marketingEmail, ...(source ? { source } : {}) };
    }
  }
  return patch;
}
