import { z } from 'zod';
import { id, timestamp } from './common.js';
import { customerSummary, identityKind } from './customers.js';

/**
 * Why two customers may be one person, strongest first:
 * - same_email: an email address of each reaches one mailbox (letter case, a +tag, and for Gmail dots
 *   and googlemail.com do not count);
 * - same_phone: one phone number, as a phone of one and a WhatsApp (or phone) of the other;
 * - same_name: the same name words (any order, accents ignored) with the same company or country;
 * - similar_name: names a letter or a middle name apart (trigram similarity at least 0.6) with the same
 *   company or country.
 */
export const duplicateReason = z.enum(['same_email', 'same_phone', 'same_name', 'similar_name']);
export type DuplicateReason = z.infer<typeof duplicateReason>;

/** The lowest name similarity reported as similar_name (pg_trgm similarity of the folded, sorted name words). */
export const similarNameThreshold = 0.6;

const contactIdentity = z.object({ kind: identityKind, value: z.string() });

export const duplicatePair = z.object({
  customer: customerSummary,
  duplicate: customerSummary,
  reason: duplicateReason,
  /** 1 for the same contact or name; the name similarity (0.6 to 1, two decimals) for similar_name. */
  score: z.number().min(0).max(1),
  /** same_email and same_phone: the identity of each that reaches the one contact; otherwise null. */
  contact: z.object({ customer: contactIdentity, duplicate: contactIdentity }).nullable(),
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

export const duplicateListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  /** The most pairs on a page; a page may hold fewer and still have a next one. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DuplicateListQuery = z.infer<typeof duplicateListQuery>;

/**
 * A page of the workspace's likely duplicates. Customers are checked newest
 * first, a bounded number per page, each against the customers created before
 * it; `nextCursor` continues with older customers (null when all were checked).
 */
export const duplicatePage = z.object({
  items: z.array(duplicatePair),
  nextCursor: z.string().nullable(),
  /** When the oldest customer checked for this page was created; null when there are no customers. */
  checkedThrough: timestamp.nullable(),
});
export type DuplicatePage = z.infer<typeof duplicatePage>;

/** "Not the same person": the pair, in either order. */
export const duplicateDismissalInput = z.strictObject({ customerId: id, duplicateId: id });
export type DuplicateDismissalInput = z.infer<typeof duplicateDismissalInput>;

export const duplicateDismissal = z.object({
  /** The pair in id order. */
  customerIds: z.tuple([id, id]),
  dismissedBy: z.string().nullable(),
  dismissedAt: timestamp,
});
export type DuplicateDismissal = z.infer<typeof duplicateDismissal>;
