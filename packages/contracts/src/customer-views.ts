import { z } from 'zod';
import { id, timestamp } from './common.js';
import { customerListFilters } from './customers.js';

/** `personal`: only its owner sees it. `shared`: every member of the workspace sees it. */
export const customerViewVisibility = z.enum(['personal', 'shared']);
export type CustomerViewVisibility = z.infer<typeof customerViewVisibility>;

/**
 * What a saved view applies to `GET /customers`: the list's filters and sort,
 * with the same rules. Stored as a JSON object, so filters the list gains
 * later fit.
 */
export const customerViewFilters = customerListFilters;
export type CustomerViewFilters = z.infer<typeof customerViewFilters>;

const viewName = z.string().trim().min(1).max(80);

export const createCustomerViewInput = z.strictObject({
  /** Unique (ignoring case) among the views the owner sees: their own and the shared ones. */
  name: viewName,
  filters: customerViewFilters.default({}),
  visibility: customerViewVisibility.default('personal'),
});
export type CreateCustomerViewInput = z.infer<typeof createCustomerViewInput>;

/** Rename, replace the filters, or share/unshare; fields left out stay as they are. */
export const updateCustomerViewInput = z.strictObject({
  name: viewName.optional(),
  filters: customerViewFilters.optional(),
  visibility: customerViewVisibility.optional(),
});
export type UpdateCustomerViewInput = z.infer<typeof updateCustomerViewInput>;

export const customerView = z.object({
  id,
  name: z.string(),
  filters: z.object(customerViewFilters.shape),
  visibility: customerViewVisibility,
  ownerId: id,
  ownerName: z.string(),
  /** Whether the caller may rename, re-filter, share or delete it: its owner, or an owner/admin for a shared view. */
  canEdit: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type CustomerView = z.infer<typeof customerView>;
