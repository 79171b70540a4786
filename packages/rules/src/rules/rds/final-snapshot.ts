import { asBoolean, labelOf, locationOf, readProperty, requireProperty } from '../../engine/read';
import type { Violation } from '../../engine/rule';
import { intrinsicName, quote } from '../../engine/values';
import type { FixText, NormalisedResource } from '../../model';

/**
 * The final snapshot: the copy a delete leaves behind, shared by the
 * `*-final-snapshot` rules. Automated backups of RDS, DocumentDB, Neptune,
 * Redshift, ElastiCache, MemoryDB and Lightsail databases are deleted with the
 * store (RDS keeps them only when asked), so when protection is lifted the
 * final snapshot is the last copy of the data.
 *
 * CloudFormation takes one when `DeletionPolicy`/`UpdateReplacePolicy` is
 * `Snapshot` (judged by the general rules); a few types that cannot be
 * snapshotted that way name it in a property (`FinalSnapshotName`). The
 * Terraform/Pulumi AWS provider takes one only when `skip_final_snapshot` is
 * false *and* a name is given; with neither a name nor `skip_final_snapshot`
 * the delete fails, and the way out people (and agents) take is
 * `skip_final_snapshot = true`. Both are judged here whatever `retainOnDelete`
 * or `prevent_destroy` say: those guards are lifted before a deliberate
 * delete, and the final snapshot is what remains then.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance#skip_final_snapshot
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
 */

/**
 * Provider resources generated from the CloudFormation registry (Pulumi
 * `aws-native`, Terraform `awscc`) carry CloudFormation's properties, not the
 * AWS provider's `skip_final_snapshot`: they are judged as templates are.
 */
export function hasCloudFormationShape(resource: NormalisedResource): boolean {
  return resource.dialect === 'cloudformation' || /^(aws-native:|awscc_)/.test(resource.nativeType ?? '');
}

export interface ProviderFinalSnapshot {
  /** The input that skips the snapshot, in CloudFormation's shape (`SkipFinalSnapshot`), where the provider has one. */
  readonly skip?: string;
  /** The input that names it, in CloudFormation's shape (`FinalSnapshotIdentifier`, `FinalSnapshotName`). */
  readonly name: string;
  /** What is deleted, for messages: "the database". */
  readonly what: string;
  readonly fix: FixText;
}

/** The provider resource takes a final snapshot when it is deleted: not skipped, and named. */
export function requireProviderFinalSnapshot(
  resource: NormalisedResource,
  spec: ProviderFinalSnapshot,
): Violation | undefined {
  const { fix, what } = spec;
  if (spec.skip) {
    const skip = readProperty(resource, spec.skip);
    const label = labelOf(resource, [spec.skip]);
    const location = locationOf(resource, [spec.skip]);
    if (skip.kind === 'unresolved') {
      return {
        fix,
        location,
        unresolved: true,
        message: `${label} is ${quote(skip.expression)} and cannot be proven false: ${skip.reason}.`,
      };
    }
    if (skip.kind === 'known') {
      const b = asBoolean(skip.value);
      if (b === true) {
        return {
          fix,
          location,
          message: `${label} is true: when ${what} is destroyed, replaced or removed from the configuration, no final snapshot is taken.`,
        };
      }
      if (b === undefined) {
        return {
          fix,
          location,
          message: `${label} is ${quote(skip.value)}, which is not a boolean; it must be false.`,
        };
      }
    }
  }
  const name = readProperty(resource, spec.name);
  const label = labelOf(resource, [spec.name]);
  const location = locationOf(resource, [spec.name]);
  switch (name.kind) {
    case 'absent':
      return {
        fix,
        location,
        message: spec.skip
          ? `${label} is not set: the provider refuses to delete ${what} until a name is set or ${labelOf(resource, [spec.skip])} is true, and that is the switch a stuck destroy is resolved with.`
          : `${label} is not set: when ${what} is destroyed, replaced or removed from the configuration, no final snapshot is taken.`,
      };
    case 'unresolved':
      return {
        fix,
        location,
        unresolved: true,
        message: `${label} is ${quote(name.expression)} and cannot be proven to name a snapshot: ${name.reason}.`,
      };
    case 'known':
      if (typeof name.value === 'string' && name.value.trim() !== '') return;
      return { fix, location, message: `${label} is ${quote(name.value)}; it must name the final snapshot.` };
  }
}

/**
 * A CloudFormation property that names the final snapshot (`FinalSnapshotName`)
 * must be set, for the types whose `DeletionPolicy: Snapshot` CloudFormation
 * does not honour. Conditions and parameters are judged per outcome.
 */
export function requireFinalSnapshotName(
  resource: NormalisedResource,
  property: string,
  what: string,
  fix: FixText,
): Violation | undefined {
  if (alwaysNames(resource.properties[property])) return;
  return requireProperty(resource, {
    path: [property],
    want: 'a snapshot name',
    test: (v) => typeof v === 'string' && v.trim() !== '',
    absentMeans: `none, so nothing of ${what} is kept when it is deleted or replaced`,
    fix,
  });
}

/** Pseudo parameters that are never empty. */
const NAMED_PSEUDO = new Set(['AWS::StackName', 'AWS::Region', 'AWS::AccountId', 'AWS::Partition', 'AWS::StackId']);

/**
 * True when an expression yields a non-empty string whatever it resolves to at
 * deploy time: `{ "Fn::Sub": "${AWS::StackName}-final" }` names a snapshot
 * although its value is known only then. A parameter, an import or an
 * attribute may be empty: not provable. Bounded by `depth`.
 */
function alwaysNames(expr: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (typeof expr === 'string') return expr.trim() !== '';
  const fn = intrinsicName(expr);
  const arg = fn ? (expr as Record<string, unknown>)[fn] : undefined;
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' && NAMED_PSEUDO.has(arg);
    case 'Fn::Sub': {
      const template = Array.isArray(arg) ? arg[0] : arg;
      if (typeof template !== 'string') return false;
      // Literal text outside `${…}`, or a pseudo parameter inside it, makes the result non-empty.
      const literal = template.replace(/\$\{[^}]*\}/g, '').trim() !== '';
      const pseudo = [...template.matchAll(/\$\{([^}!]*)\}/g)].slice(0, 64).some((m) => NAMED_PSEUDO.has(m[1]));
      return literal || pseudo;
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || !Array.isArray(arg[1])) return false;
      return (arg[1] as unknown[]).slice(0, 64).some((part) => alwaysNames(part, depth + 1));
    }
    case 'Fn::If':
      return Array.isArray(arg) && arg.length === 3 && alwaysNames(arg[1], depth + 1) && alwaysNames(arg[2], depth + 1);
    default:
      return false;
  }
}
