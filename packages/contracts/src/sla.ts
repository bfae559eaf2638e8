import { z } from 'zod';
import { id, timestamp } from './common.js';
import { businessCalendar } from './business-hours.js';
import { conversationPriority } from './conversations.js';

const minutes = z.number().int().min(1).max(525_600).nullable();

/** SLA targets of one priority, in minutes of business time; null: no target. */
export const slaPolicy = z.object({
  priority: conversationPriority,
  firstResponseMinutes: minutes,
  nextResponseMinutes: minutes,
  resolutionMinutes: minutes,
});
export type SlaPolicy = z.infer<typeof slaPolicy>;
export const setSlaPoliciesInput = z.strictObject({ policies: z.array(slaPolicy.strict()).max(4) });
export type SetSlaPoliciesInput = z.infer<typeof setSlaPoliciesInput>;

export const createBusinessCalendarInput = z.strictObject({
  name: z.string().trim().min(1).max(80),
  calendar: businessCalendar,
  isDefault: z.boolean().default(false),
});
export type CreateBusinessCalendarInput = z.infer<typeof createBusinessCalendarInput>;
export const updateBusinessCalendarInput = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  calendar: businessCalendar.optional(),
  isDefault: z.boolean().optional(),
});
export type UpdateBusinessCalendarInput = z.infer<typeof updateBusinessCalendarInput>;
export const businessCalendarResource = z.object({
  id,
  name: z.string(),
  calendar: businessCalendar,
  isDefault: z.boolean(),
  createdAt: timestamp,
});
export type BusinessCalendarResource = z.infer<typeof businessCalendarResource>;
