import { CfnResource, Stack } from 'aws-cdk-lib';
import { cloudFormationDocument, databaseOfMasterSecret, type ResourceModel } from '@deadbolt/rules';
import { renderUncached } from './dependents-index';

/** The type whose removal the catalogue rates an error when it holds a database's master credentials. */
export const SECRET_TYPE = 'AWS::SecretsManager::Secret';

/** One stack read into the catalogue's model, with the way back from logical ids to L1s. */
interface StackReading {
  readonly model: ResourceModel;
  readonly byLogicalId: ReadonlyMap<string, CfnResource>;
}

/**
 * Which secrets hold a database's master credentials, in the catalogue's own
 * words (`databaseOfMasterSecret`: the target of a `SecretTargetAttachment`, or
 * a database whose master user name or password resolves from the secret), so
 * that the fixer retains exactly the secrets `general-deletion-policy` rates an
 * error.
 *
 * Each stack is rendered once, when its first secret is asked about, without
 * filling lazy values' caches (later aspects still reach the template).
 * References are read within the stack: at aspect time a cross-stack reference
 * is not yet an `Fn::ImportValue`, so a database that uses a secret of another
 * stack is left to the checks, which read the synthesized templates.
 */
export class MasterSecrets {
  private readonly stacks = new WeakMap<Stack, StackReading | null>();

  /** The database L1 whose master credentials `secret` holds, or undefined. */
  public databaseOf(secret: CfnResource): CfnResource | undefined {
    if (secret.cfnResourceType !== SECRET_TYPE) return undefined;
    const stack = Stack.of(secret);
    let reading = this.stacks.get(stack);
    if (reading === undefined) this.stacks.set(stack, (reading = readStack(stack)));
    if (!reading) return undefined;
    const resource = reading.model.documents[0].resources.get(stack.resolve(secret.logicalId) as string);
    const database = resource && databaseOfMasterSecret(resource, reading.model);
    return database && reading.byLogicalId.get(database.logicalId);
  }
}

/**
 * The stack's resources as its template will carry them now. A resource that
 * cannot be rendered yet is left out (it cannot tie a secret to a database
 * here; the checks judge the synthesized template); a stack the catalogue
 * refuses to read (beyond CloudFormation's quotas) yields no reading.
 */
function readStack(stack: Stack): StackReading | null {
  const resources: Record<string, unknown> = {};
  const byLogicalId = new Map<string, CfnResource>();
  for (const c of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(c) || c.stack !== stack) continue;
    let rendered: unknown;
    try {
      rendered = renderUncached(c);
    } catch {
      continue;
    }
    const entries = Object.entries(((rendered as { Resources?: object } | undefined)?.Resources ?? {}) as object);
    if (entries.length !== 1) continue;
    const [logicalId, body] = entries[0];
    resources[logicalId] = body;
    byLogicalId.set(logicalId, c);
  }
  try {
    const doc = cloudFormationDocument({ id: stack.node.path, template: { Resources: resources } });
    return { model: { documents: [doc] }, byLogicalId };
  } catch {
    return null;
  }
}
