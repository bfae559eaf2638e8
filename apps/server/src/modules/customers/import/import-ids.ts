import { randomUUID } from 'node:crypto';

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 like platform/ids.ts newId (time-ordered, a 12-bit counter
 * within a millisecond), for the millions an import makes: its 62 random bits
 * come from randomUUID's pre-generated pool instead of one randomBytes call
 * per id, which costs several microseconds each.
 */
export function nextImportId(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0');
  // randomUUID: xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V the RFC 9562 variant; its last 62 bits stay random.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}-${randomUUID().slice(19)}`;
}
