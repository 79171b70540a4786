/**
 * The stack configuration of one run. The runtime keeps configuration for the
 * whole process (`pulumi.runtime.setAllConfig`), so a run that sets it puts
 * back what was there before when it ends: the next run (or the next test)
 * sees its own configuration, never the previous run's.
 */
import * as pulumi from '@pulumi/pulumi';

/** Where the runtime keeps configuration (`@pulumi/pulumi` runtime/state.js): serialized, with the secret keys. */
interface RuntimeState {
  getStore?(): { config?: Record<string, string> };
}

/**
 * Sets `config` (`'<namespace>:<key>'` to value; values that are not strings
 * are given as JSON, as the CLI gives structured config) when given, and
 * returns the function that restores the configuration set before.
 */
export function useStackConfig(config: Readonly<Record<string, unknown>> | undefined): () => void {
  const store = runtimeConfigStore();
  const saved = store ? { ...store } : undefined;
  const savedValues = saved ? undefined : pulumi.runtime.allConfig();
  if (config) pulumi.runtime.setAllConfig(stringValues(config));
  return () => {
    if (store && saved) {
      for (const key of Object.keys(store)) delete store[key];
      Object.assign(store, saved);
    } else if (savedValues) {
      pulumi.runtime.setAllConfig(savedValues);
    }
  };
}

function runtimeConfigStore(): Record<string, string> | undefined {
  try {
    const config = (require('@pulumi/pulumi/runtime/state') as RuntimeState).getStore?.().config;
    return config && typeof config === 'object' ? config : undefined;
  } catch {
    return undefined;
  }
}

function stringValues(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config))
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}
