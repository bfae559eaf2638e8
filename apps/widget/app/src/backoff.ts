/**
 * Delay before reconnect attempt number `attempt` (0 for the first): doubling from `baseMs`, capped at `capMs`,
 * with "equal jitter" (half fixed, half random) so that a server restart does not get every visitor back in the
 * same instant, while no delay is ever near zero.
 */
export function backoffDelay(attempt: number, random: () => number, baseMs = 500, capMs = 15_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
