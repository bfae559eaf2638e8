import { z } from 'zod';
import { countryCode, id, languageTag, timeZone, timestamp } from './common.js';

export const nameOrder = z.enum(['given_first', 'family_first']);
export type NameOrder = z.infer<typeof nameOrder>;
export const formality = z.enum(['formal', 'informal', 'unknown']);
export type Formality = z.infer<typeof formality>;
export const identityKind = z.enum(['email', 'phone', 'chat', 'telegram', 'whatsapp', 'social']);
export type IdentityKind = z.infer<typeof identityKind>;

/** Languages whose speakers put the family name first (CLDR personNames: surnameFirst). */
export const familyFirstLanguages = ['hu', 'ja', 'zh', 'ko', 'vi', 'km', 'mn'] as const;
const familyFirstCountries = ['HU', 'JP', 'CN', 'TW', 'KR', 'KP', 'VN', 'KH', 'MN'];

/** The name order to display: the customer's own setting, else from their language, else their country. */
export function resolveNameOrder(customer: {
  nameOrder?: NameOrder | null;
  language?: string | null;
  country?: string | null;
}): NameOrder {
  if (customer.nameOrder) return customer.nameOrder;
  const language = customer.language?.split('-')[0]?.toLowerCase();
  if (language) return (familyFirstLanguages as readonly string[]).includes(language) ? 'family_first' : 'given_first';
  return customer.country && familyFirstCountries.includes(customer.country) ? 'family_first' : 'given_first';
}

/** "Kovács Ádám" for a Hungarian, "Ayşe Yılmaz" for a Turk: the parts in the customer's order. */
export function formatCustomerName(customer: {
  givenName?: string | null;
  familyName?: string | null;
  middleName?: string | null;
  nameOrder?: NameOrder | null;
  language?: string | null;
  country?: string | null;
}): string {
  const given = [customer.givenName, customer.middleName].filter(Boolean).join(' ');
  const parts = resolveNameOrder(customer) === 'family_first' ? [customer.familyName, given] : [given, customer.familyName];
  return parts.filter(Boolean).join(' ').trim();
}

const identityValue = z.string().trim().min(1).max(320);
export const identityInput = z.strictObject({ kind: identityKind, value: identityValue });
export type IdentityInput = z.infer<typeof identityInput>;

export const identity = z.object({
  id,
  kind: identityKind,
  /** Normalised: emails lower-cased, phones in E.164 (+36301234567). */
  value: z.string(),
  createdAt: timestamp,
});
export type Identity = z.infer<typeof identity>;

export const consent = z.object({
  marketingEmail: z.boolean().nullable(),
  /** When it was given or withdrawn. */
  at: timestamp.nullable(),
  /** How it was obtained: "signup form", "phone call", "import"... */
  source: z.string().nullable(),
});

const attributeValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);

const profileFields = {
  givenName: z.string().trim().max(200).nullable(),
  familyName: z.string().trim().max(200).nullable(),
  /** Middle name or patronymic. */
  middleName: z.string().trim().max(200).nullable(),
  /** null: derived from language or country. */
  nameOrder: nameOrder.nullable(),
  /** Title or honorific as the customer uses it: "dr.", "Bey", "Frau Dr.". */
  title: z.string().trim().max(60).nullable(),
  formality,
  language: languageTag.nullable(),
  country: countryCode.nullable(),
  /** null: inferred from the phone number or country. */
  timeZone: timeZone.nullable(),
  company: z.string().trim().max(200).nullable(),
  tags: z.array(z.string().trim().min(1).max(60)).max(50),
  /** Workspace-defined attributes by key. */
  attributes: z.record(z.string(), attributeValue),
};

export const createCustomerInput = z
  .strictObject(profileFields)
  .partial()
  .extend({
    identities: z.array(identityInput).max(50).optional(),
    marketingConsent: z.strictObject({ marketingEmail: z.boolean(), source: z.string().trim().max(200).optional() }).optional(),
  });
export type CreateCustomerInput = z.infer<typeof createCustomerInput>;

export const updateCustomerInput = createCustomerInput.omit({ identities: true });
export type UpdateCustomerInput = z.infer<typeof updateCustomerInput>;

export const customer = z.object({
  id,
  ...profileFields,
  /** The name as it should be shown, in the customer's name order. */
  displayName: z.string(),
  /** Where timeZone came from: a person, the phone number's country, the country, or an email address's country domain. */
  timeZoneSource: z.enum(['explicit', 'phone', 'country', 'email']).nullable(),
  identities: z.array(identity),
  consent,
  createdAt: timestamp,
  updatedAt: timestamp,
  firstSeenAt: timestamp.nullable(),
  lastContactedAt: timestamp.nullable(),
});
export type Customer = z.infer<typeof customer>;

/** How the customer list is ordered: by creation, by name (family name first, accents ignored), or by the last contact. */
export const customerListSort = z.enum(['created', 'name', 'last_contacted']);
export type CustomerListSort = z.infer<typeof customerListSort>;
export const sortOrder = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof sortOrder>;
/** Marketing email consent as a filter: given, withdrawn or refused, or never asked. */
export const consentFilter = z.enum(['yes', 'no', 'unknown']);
export type ConsentFilter = z.infer<typeof consentFilter>;

/** A custom attribute's key: lower-case letters, digits and _, starting with a letter. */
export const attributeKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _ (starting with a letter)');

/**
 * One custom-attribute condition, `key:value`: equal to the value for text,
 * choice and boolean (`true`/`false`) attributes; for number and date
 * attributes the value or a range `min..max`, either end open (`5..`,
 * `..2026-12-31`), both ends included.
 */
export const customerAttributeFilter = z
  .string()
  .max(250)
  .regex(/^[a-z][a-z0-9_]{0,39}:.+$/s, 'key:value or key:min..max');

/**
 * What narrows and orders the customer list. Shared by the list, saved views
 * and the CSV export. Ranges: `…From` is included, `…Before` is not.
 */
export const customerListFilters = z.strictObject({
  /** Free text: any part of the name in any order, email, phone in any format, company or tag. */
  q: z.string().trim().max(200).optional(),
  tag: z.string().max(60).optional(),
  country: countryCode.optional(),
  language: z.string().max(35).optional(),
  /** The whole company name; case and accents ignored. */
  company: z.string().trim().max(200).optional(),
  formality: formality.optional(),
  timeZone: timeZone.optional(),
  consent: consentFilter.optional(),
  createdFrom: timestamp.optional(),
  createdBefore: timestamp.optional(),
  /** Customers contacted in the range (never-contacted customers are left out). */
  lastContactedFrom: timestamp.optional(),
  lastContactedBefore: timestamp.optional(),
  /** Custom attributes, `key:value` (repeat the parameter for more, at most 10). */
  attribute: z.union([customerAttributeFilter, z.array(customerAttributeFilter).max(10)]).optional(),
  /** Not with `q`: search results come best match first. */
  sort: customerListSort.optional(),
  /** Default: `desc` for created and last contacted, `asc` for name. */
  order: sortOrder.optional(),
});
export type CustomerListFilters = z.infer<typeof customerListFilters>;

export const customerListQuery = customerListFilters.extend({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const customerSummary = customer
  .pick({
    id: true,
    displayName: true,
    givenName: true,
    familyName: true,
    company: true,
    country: true,
    language: true,
    timeZone: true,
    tags: true,
    createdAt: true,
    lastContactedAt: true,
  })
  .extend({ primaryEmail: z.string().nullable(), primaryPhone: z.string().nullable() });
export type CustomerSummary = z.infer<typeof customerSummary>;

export const note = z.object({
  id,
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** How many times it was edited; GET …/notes/{id}/revisions lists the earlier texts. */
  revisions: z.number().int(),
});
export type Note = z.infer<typeof note>;
export const noteInput = z.strictObject({ body: z.string().trim().min(1).max(20_000) });
export type NoteInput = z.infer<typeof noteInput>;
export const noteRevision = z.object({ body: z.string(), editedBy: z.string().nullable(), editedAt: timestamp });

export const fact = z.object({
  id,
  text: z.string(),
  /** Optional date (YYYY-MM-DD); with recursYearly, a birthday or anniversary. */
  date: z.string().nullable(),
  recursYearly: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
});
export type Fact = z.infer<typeof fact>;
export const factInput = z.strictObject({
  text: z.string().trim().min(1).max(500),
  date: z.iso.date().nullable().default(null),
  recursYearly: z.boolean().default(false),
});
export type FactInput = z.infer<typeof factInput>;

export const attributeType = z.enum(['text', 'number', 'date', 'boolean', 'choice']);
export const attributeDefinition = z.object({
  key: z.string(),
  label: z.string(),
  type: attributeType,
  choices: z.array(z.string()),
  createdAt: timestamp,
});
export type AttributeDefinition = z.infer<typeof attributeDefinition>;
const attributeLabel = z.string().trim().min(1).max(80);
const attributeChoices = z.array(z.string().trim().min(1).max(80)).max(100);
export const attributeDefinitionInput = z
  .strictObject({
    key: attributeKey,
    label: attributeLabel,
    type: attributeType,
    choices: attributeChoices.default([]),
  })
  .refine((v) => v.type !== 'choice' || v.choices.length > 0, { message: 'a choice attribute needs choices', path: ['choices'] });
export type AttributeDefinitionInput = z.infer<typeof attributeDefinitionInput>;

/**
 * A new label or list of choices; fields left out stay. The key and the type
 * are fixed once created (`type`, if sent, must be the current one).
 */
export const updateAttributeDefinitionInput = z.strictObject({
  label: attributeLabel.optional(),
  type: attributeType.optional(),
  choices: attributeChoices.optional(),
});
export type UpdateAttributeDefinitionInput = z.infer<typeof updateAttributeDefinitionInput>;

export const timelineEntry = z.object({
  /** Which module contributed it: note, fact, profile, message, call, order… */
  kind: z.string(),
  id: z.string(),
  occurredAt: timestamp,
  /** What the console shows: a stable type (e.g. `customer.updated`) and its data. */
  type: z.string(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;
