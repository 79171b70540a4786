import { Annotations, type CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { replacementProperties } from '@deadbolt/rules';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import type { Construct } from 'constructs';
import { refuse } from './guards';

/**
 * The construct id of the L2 inside every safe construct. CDK leaves a
 * `Default` path component out of logical ids entirely (`makeUniqueId` in
 * aws-cdk-lib), so `new SafeBucket(scope, 'Data')` gives the bucket, its policy
 * and every other resource the L2 creates the logical ids that
 * `new s3.Bucket(scope, 'Data')` gave them. Changing it would replace every
 * resource of every safe construct already deployed.
 * @see https://docs.aws.amazon.com/cdk/v2/guide/identifiers.html#identifiers-logical-ids
 */
export const L2_ID = 'Default';

/** The id of the warning an adopting safe construct adds, which `Annotations.acknowledgeWarning` takes. */
export const ADOPTION_WARNING_ID = '@deadbolt/cdk:adoptExisting';

/** What an adopting safe construct tells its caller. */
export interface AdoptionNotice {
  /** The safe construct's class name, e.g. `SafeDatabaseInstance`. */
  readonly what: string;
  /** The resource CloudFormation must update in place. */
  readonly resource: CfnResource;
  /**
   * The name property the construct would otherwise require, when the caller
   * left it out: adopting keeps the generated name.
   */
  readonly generatedName?: string;
  /** What `cdk diff` shows that is in fact an update in place, and why. */
  readonly inPlace?: string;
  /**
   * What this construct cannot express that the L2 may have had, and what the
   * caller must do about it (the construct cannot see the deployed template).
   */
  readonly caution?: string;
}

/**
 * When the caller adopts an existing resource, warns at synthesis (an
 * acknowledgeable warning, not an error: only a diff against the deployed
 * template can tell whether a value changed) with every property of the
 * resource that forces replacement per the CloudFormation specification, and
 * the value this template gives it, so the caller can compare them with
 * `cdk diff` before deploying; and with each one (or one that may force it)
 * this template leaves out, since the deployed template may have it (a
 * snapshot to restore from, a subnet group), and removing it replaces the
 * resource as surely as changing it. Read at validation, so values set after
 * construction (`addPropertyOverride`, aspects) are the ones shown.
 */
export function warnOnAdoption(scope: Construct, notice: AdoptionNotice): void {
  scope.node.addValidation({
    validate: () => {
      const stack = Stack.of(notice.resource);
      const logicalId = stack.resolve(notice.resource.logicalId) as string;
      const rendered = stack.resolve(
        (notice.resource as unknown as Renderable)._toCloudFormation(),
      ) as RenderedTemplate;
      const properties = rendered.Resources?.[logicalId]?.Properties ?? {};
      const { yes, maybe } = replacementProperties(notice.resource.cfnResourceType);
      Annotations.of(scope).addWarningV2(
        ADOPTION_WARNING_ID,
        adoptionMessage(scope, notice, stack, logicalId, properties, yes, maybe),
      );
      return [];
    },
  });
}

type Renderable = { _toCloudFormation(): unknown };
type RenderedTemplate = { Resources?: Record<string, { Properties?: Record<string, unknown> }> };

function adoptionMessage(
  scope: Construct,
  notice: AdoptionNotice,
  stack: Stack,
  logicalId: string,
  properties: Record<string, unknown>,
  yes: readonly string[],
  maybe: readonly string[],
): string {
  const type = notice.resource.cfnResourceType;
  const isSet = (p: string) => properties[p] !== undefined;
  const set = yes.filter(isSet);
  const values = set.length
    ? `This template sets ${set.map((p) => `${p} = ${shown(properties[p])}`).join(', ')}; each must be what the deployed template has.`
    : 'This template sets none of them.';
  const possibly = maybe.filter(isSet);
  const conditional = possibly.length
    ? ` A change of ${possibly.join(', ')} may force replacement, depending on the other values: \`cdk diff\` shows whether it does.`
    : '';
  // A property the deployed template has and this one leaves out changes just as much as one it sets anew.
  const unsetYes = yes.filter((p) => !isSet(p));
  const unsetMaybe = maybe.filter((p) => !isSet(p));
  const unset =
    unsetYes.length || unsetMaybe.length
      ? ` It does not set ${[
          unsetYes.length ? `${unsetYes.join(', ')} (each forces replacement)` : '',
          unsetMaybe.length ? `${unsetMaybe.join(', ')} (each may force replacement)` : '',
        ]
          .filter(Boolean)
          .join(' or ')}: removing one that the deployed template sets replaces the resource too.`
      : '';
  const inPlace = notice.inPlace ? ` ${notice.inPlace}` : '';
  const caution = notice.caution ? ` ${notice.caution}` : '';
  const name = notice.generatedName
    ? ` It keeps the name CloudFormation generated (no \`${notice.generatedName}\`): a later replacing update creates a new, empty resource instead of failing, and UpdateReplacePolicy Retain keeps the old one.`
    : '';
  const expected = notice.inPlace ? ', except the lines this warning names above' : '';
  return (
    `${notice.what} ${scope.node.path} adopts the existing ${type} ${logicalId}: CloudFormation updates it in place only if no property that forces replacement changes ` +
    `(${yes.join(', ') || 'none for this type'}). ${values}${conditional}${unset}${inPlace}${caution}${name} ` +
    `Before deploying, run \`npx cdk diff ${stack.stackName}\` and read the whole stack, not only ${logicalId} (an L2 brings nested stacks, custom resources and policies along): ` +
    `no resource may be removed (a resource line \`[-] AWS::…\` or \`[-] Custom::…\`) and no line may say "replace" ("requires replacement", "may be replaced", "may cause replacement")${expected}. ` +
    `Then record the check: \`Annotations.of(<the ${notice.what}>).acknowledgeWarning('${ADOPTION_WARNING_ID}', '<what cdk diff showed>')\`.`
  );
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A name the safe construct requires for a new resource (with a fixed name, an
 * update that would replace it fails instead of creating a new, empty one), and
 * that an adopted resource may lack: giving it one now would replace it.
 */
export function requiredName(
  scope: Construct,
  prop: string,
  value: string | undefined,
  adopting: boolean | undefined,
): string | undefined {
  if (value !== undefined || adopting) return value;
  return refuse(
    scope,
    `\`${prop}\` is required: with a fixed name, an update that would replace the resource fails instead of creating a new, empty one; got undefined. ` +
      `To adopt an existing resource that was created without one, pass \`adoptExisting: true\` and leave \`${prop}\` out: setting it now would replace the resource.`,
  );
}

/**
 * Refuses to adopt a database without the key that encrypts it now: a key
 * created here is new, and a new `KmsKeyId` (or `StorageEncrypted`) replaces
 * the database.
 */
export function requireAdoptedKey(scope: Construct, what: string, type: string, given: kms.IKey | undefined): void {
  if (given) return;
  refuse(
    scope,
    `\`storageEncryptionKey\` is required with \`adoptExisting: true\`, got undefined: a key created here would be new, and CloudFormation replaces an ${type} whose KmsKeyId or StorageEncrypted changes. ` +
      `Pass the key that encrypts the database now: the \`kms.Key\` your app already has, or \`kms.Key.fromKeyArn(this, 'Key', '<the database's KmsKeyId>')\`. ` +
      `A database that is unencrypted, or encrypted with the AWS managed key \`aws/rds\`, cannot become a ${what} without replacement: ` +
      'keep its L2 construct and add the `ProtectStatefulResources` aspect, or restore an encrypted copy of a snapshot into a new one.',
  );
}

/**
 * Gives the resources an L2 created inside a safe construct the descriptions
 * they get from a plain L2 with the safe construct's scope and id. Some L2s
 * write their own construct id or path into a description (`Security group
 * for Db database`, an EFS security group's path), which would read `Default`
 * here; a security group's `GroupDescription` forces its replacement.
 */
export function keepL2Descriptions(safe: Construct, l2: Construct): void {
  const wrapped = `${safe.node.path}/${L2_ID}`;
  const unwrap = (text: string): string =>
    text.split(wrapped).join(safe.node.path).replace(` for ${L2_ID} database`, ` for ${safe.node.id} database`);
  for (const child of l2.node.findAll()) {
    if (child instanceof ec2.CfnSecurityGroup && !Token.isUnresolved(child.groupDescription)) {
      child.groupDescription = unwrap(child.groupDescription);
    } else if (child instanceof rds.CfnDBSubnetGroup && !Token.isUnresolved(child.dbSubnetGroupDescription)) {
      child.dbSubnetGroupDescription = unwrap(child.dbSubnetGroupDescription);
    }
  }
}
