/**
 * How long a hook may take before it blocks the call on its own: the agents'
 * own timeouts (30 to 600 s) mostly let the command run when they fire, so
 * the hook must answer first. `DEADBOLT_HOOK_TIMEOUT_MS`, default 5 seconds.
 */
export const DEFAULT_TIMEOUT_MS = 5000;

export function hookTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.DEADBOLT_HOOK_TIMEOUT_MS;
  const value = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 && value <= 600_000 ? value : DEFAULT_TIMEOUT_MS;
}
