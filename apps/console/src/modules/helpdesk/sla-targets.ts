import type { SlaPolicy } from '@rapport/contracts';

/** A target as typed: whole hours and minutes, both empty for "no target". */
export interface TargetInput {
  hours: string;
  minutes: string;
}

/** The longest target the server accepts: a year, in minutes. */
export const maxTargetMinutes = 525_600;

export const slaTargetFields = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'] as const;
export type SlaTargetField = (typeof slaTargetFields)[number];

/** 90 → { hours: '1', minutes: '30' }; null → both empty. */
export function toTargetInput(total: number | null): TargetInput {
  if (total === null) return { hours: '', minutes: '' };
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

const wholeNumber = /^\d+$/;

/**
 * The minutes a typed target means: null when both parts are empty (no
 * target), undefined when it cannot be saved (not whole numbers, minutes
 * over 59, zero in all, or more than a year).
 */
export function fromTargetInput({ hours, minutes }: TargetInput): number | null | undefined {
  const h = hours.trim();
  const m = minutes.trim();
  if (h === '' && m === '') return null;
  if ((h !== '' && !wholeNumber.test(h)) || (m !== '' && !wholeNumber.test(m))) return undefined;
  const total = Number(h || '0') * 60 + Number(m || '0');
  if (Number(m || '0') > 59 || total < 1 || total > maxTargetMinutes) return undefined;
  return total;
}

export type PolicyInputs = Record<SlaPolicy['priority'], Record<SlaTargetField, TargetInput>>;

/** The form's rows from the server's policies. */
export function toPolicyInputs(policies: SlaPolicy[]): PolicyInputs {
  const inputs = {} as PolicyInputs;
  for (const policy of policies) {
    inputs[policy.priority] = {
      firstResponseMinutes: toTargetInput(policy.firstResponseMinutes),
      nextResponseMinutes: toTargetInput(policy.nextResponseMinutes),
      resolutionMinutes: toTargetInput(policy.resolutionMinutes),
    };
  }
  return inputs;
}

/** The policies to PUT, or the cells ("high.resolutionMinutes") that cannot be saved. */
export function fromPolicyInputs(inputs: PolicyInputs): { policies: SlaPolicy[]; invalid: string[] } {
  const policies: SlaPolicy[] = [];
  const invalid: string[] = [];
  for (const [priority, row] of Object.entries(inputs) as [SlaPolicy['priority'], PolicyInputs[SlaPolicy['priority']]][]) {
    const policy: SlaPolicy = { priority, firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null };
    for (const field of slaTargetFields) {
      const value = fromTargetInput(row[field]);
      if (value === undefined) invalid.push(`${priority}.${field}`);
      else policy[field] = value;
    }
    policies.push(policy);
  }
  return { policies, invalid };
}
