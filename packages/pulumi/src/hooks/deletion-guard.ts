/**
 * The destroy-time gate. `pulumi destroy` does not run the program, so stack
 * transforms and policy packs never see a destroy; but a named `beforeDelete`
 * resource hook is recorded in the state with the resource, and the engine then
 * refuses to destroy it without `--run-program`, which brings this hook back
 * to judge each delete.
 * @see https://www.pulumi.com/docs/iac/concepts/options/hooks/
 * @see https://www.pulumi.com/docs/iac/operations/stack-management/run-program/
 */
import * as pulumi from '@pulumi/pulumi';
import { acceptResourceHooksUnderMocks } from '../runtime/pulumi-mocks';
import {
  BREAK_GLASS_ENV,
  breakGlassInstructions,
  decideBreakGlass,
  type BreakGlassDecision,
  type BreakGlassTarget,
} from './break-glass';

/**
 * The hook's name, as recorded in the state of every resource it guards. Part of
 * the contract: a state that names a hook the program no longer registers cannot be destroyed.
 */
export const DELETION_GUARD_HOOK_NAME = 'deadbolt-deletion-guard';

/**
 * Decides the delete of one resource from the break-glass variable in `env`:
 * returns the decision when an entry lets it through, throws an `Error` naming
 * the resource, why it is refused and how to break glass otherwise.
 */
export function guardDeletion(
  target: BreakGlassTarget,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): BreakGlassDecision {
  const decision = decideBreakGlass(target, env[BREAK_GLASS_ENV], now);
  if (decision.allowed) return decision;
  const refused = decision.refusals.length ? ` Not accepted: ${decision.refusals.join(' ')}` : '';
  throw new Error(
    `Deadbolt refuses to delete ${target.urn}: it holds data, or protects data that does (a key, a vault lock, a versioning setting), ` +
      'and a delete cannot be undone (deleting a key makes every snapshot and recovery point under it unreadable). ' +
      `Its \`beforeDelete\` hook \`${DELETION_GUARD_HOOK_NAME}\` lets a delete through only with a break-glass entry for it in \`${BREAK_GLASS_ENV}\`.` +
      `${refused} ${breakGlassInstructions(target, now)}`,
  );
}

/** The hook's callback: refuses, or reports the break-glass entry it honours. */
function onBeforeDelete(args: pulumi.ResourceHookArgs): void {
  const decision = guardDeletion({ urn: args.urn, name: args.name });
  const entry = decision.entry!;
  // The delete goes ahead: leave the reason in the update's log for whoever audits it.
  pulumi.log
    .warn(
      `Deadbolt break glass: deleting ${args.urn} (reason: ${JSON.stringify(entry.reason)}, entry expires ${entry.expires}).`,
    )
    .catch(() => undefined);
}

/**
 * One hook per engine connection. A `ResourceHook` registers itself with the
 * engine when it is constructed, so it is created lazily, on first use; the
 * Pulumi CLI runs one program per process, so this is once per process. An
 * Automation API process (or a test) that runs several programs gets a new
 * connection each time, and the hook is registered again with each.
 */
const hooks = new WeakMap<object, pulumi.ResourceHook>();
let detached: pulumi.ResourceHook | undefined;

/**
 * The shared `beforeDelete` hook `deadbolt-deletion-guard`: bind it to a
 * resource with `hooks: { beforeDelete: [deletionGuard()] }`. Its callback
 * refuses the delete, with a message that names the resource and says how to
 * break glass, unless `DEADBOLT_BREAK_GLASS` holds a valid entry for it. It
 * also runs during previews, so a destroy is refused before it deletes anything else.
 */
export function deletionGuard(): pulumi.ResourceHook {
  const monitor = pulumi.runtime.getMonitor();
  const cached = monitor ? hooks.get(monitor) : detached;
  if (cached) return cached;
  acceptResourceHooksUnderMocks();
  const hook = new pulumi.ResourceHook(DELETION_GUARD_HOOK_NAME, onBeforeDelete, { onDryRun: true });
  if (monitor) hooks.set(monitor, hook);
  else detached = hook;
  return hook;
}
