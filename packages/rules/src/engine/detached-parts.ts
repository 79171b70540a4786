import { nameOf, type DetachedPart, type FixText, type NormalisedResource } from '../model';
import type { Violation } from './rule';

/** How the same violation is recognised with and without the part's settings. */
function keyOf(v: Violation): string {
  return `${v.detail ?? ''}\u0000${v.message}`;
}

const CREDIT_FIX: FixText = {
  cloudformation: 'Set the property on the resource it protects, in the template that defines that resource.',
  pulumi:
    "Pass the target resource's own output to the part (`bucket: bucket.id`, `fileSystemId: fileSystem.id`, `backupVaultName: vault.name`), so that it is tied to exactly one resource, or acknowledge the finding with the resource it configures.",
  terraform:
    'Refer to the target resource in the part (`bucket = aws_s3_bucket.data.id`, `file_system_id = aws_efs_file_system.data.id`, `backup_vault_name = aws_backup_vault.main.name`), so that it is tied to exactly one resource, or acknowledge the finding with the resource it configures.',
};

/**
 * Judges a part resource whose target is not in the stack (`DetachedPart`)
 * with one rule: the violations its settings cause, which the same resource
 * without them does not have, each saying what the part configures. When the
 * target cannot be identified, a protection the part gives (a violation the
 * resource has without it and not with it) cannot be credited to any resource
 * of the stack: that is reported too, as unresolved.
 */
export function judgeDetachedPart(
  resource: NormalisedResource,
  part: DetachedPart,
  judge: (r: NormalisedResource) => readonly Violation[],
): Violation[] {
  const withPart = judge(resource);
  const withoutPart = judge({ ...resource, properties: part.without });
  const before = new Set(withoutPart.map(keyOf));
  const intro = `\`${nameOf(resource)}\` configures ${part.target}${part.unresolved ? ` (${part.unresolved})` : ''}`;
  const out: Violation[] = withPart
    .filter((v) => !before.has(keyOf(v)))
    .map((v) => ({
      ...v,
      // The engine puts a detail the message does not name before it: here it goes after the intro.
      message: `${intro}. ${v.detail && !v.message.includes(v.detail) ? `${v.detail}: ` : ''}${v.message}`,
      unresolved: v.unresolved || !!part.unresolved || undefined,
    }));
  if (part.unresolved) {
    const after = new Set(withPart.map(keyOf));
    const credited = withoutPart.filter((v) => !after.has(keyOf(v)));
    if (credited.length > 0) {
      out.push({
        fix: CREDIT_FIX,
        unresolved: true,
        location: credited[0].location,
        message: `${intro}, and its ${part.property} cannot be credited to any resource of this stack: each is judged without it.`,
      });
    }
  }
  return out;
}
