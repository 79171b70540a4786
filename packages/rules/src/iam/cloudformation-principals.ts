/**
 * Reads the IAM principals a CloudFormation template (or a CDK cloud assembly)
 * creates into the IAM audit's model: roles and users with their inline,
 * managed and group policies, permissions boundaries, tags and trust policies,
 * so that a team sees before deploying what its roles will be able to do.
 *
 * Values are resolved as far as they can be before deployment. What cannot be
 * resolved is read so that it never hides a right (fail closed): in an `Allow`
 * an unknown part widens to `*`, an unknown `Deny` is not counted, and each such
 * reading is recorded in the principal's `unresolved`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/AWS_IAM.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { NormalisedResource, ResourceModel, StackDocument } from '../model';
import { loadCloudAssembly, type CloudAssemblyOptions } from '../dialects/cloud-assembly';
import { cloudFormationDocument } from '../dialects/cloudformation';
import { stringParts } from '../engine/references';
import { evaluateCondition, intrinsicName, PROVIDER_OUTPUT_INTRINSIC, quote, resolveValue } from '../engine/values';
import {
  statementsOf,
  type IamPrincipal,
  type NamedPolicy,
  type PolicyDocument,
  type PolicyStatement,
  type PrincipalKind,
} from './model';

/** One template to read principals from, and what is known about where it deploys. */
export interface PrincipalTemplate {
  /** The parsed template. */
  readonly template: unknown;
  /** The stack's name (`AWS::StackName`). */
  readonly stackName: string;
  /** The template as the user knows it (a file path), for messages. */
  readonly source: string;
  /** The 12-digit account the stack deploys to, when known. */
  readonly accountId?: string;
  /** The region the stack deploys to, when known (it also decides the partition). */
  readonly region?: string;
  /** Logical id → construct path, for templates without `aws:cdk:path` metadata. */
  readonly constructPaths?: Record<string, string>;
}

export interface TemplatePrincipalsOptions {
  /**
   * The default version of an AWS managed policy, by ARN
   * (`arn:aws:iam::aws:policy/AdministratorAccess`). Undefined: not known, and
   * the principal's rights are then recorded as not fully read.
   */
  readonly resolveAwsManagedPolicy?: (arn: string) => PolicyDocument | undefined;
}

/** `readAssemblyPrincipals` options: the assembly reader's defaults for environment-agnostic stacks, and the policy resolver. */
export interface AssemblyPrincipalsOptions extends TemplatePrincipalsOptions, CloudAssemblyOptions {}

export interface TemplatePrincipals {
  readonly principals: IamPrincipal[];
  /** What the user should know that concerns no one principal (a policy attached to a role the templates do not create). */
  readonly notes: string[];
}

/**
 * The account of principals whose stack names none (environment-agnostic): it
 * cannot match a concrete 12-digit account.
 */
export const UNKNOWN_ACCOUNT = 'unknown-account';
/** The region in ARNs of trust policies whose stack names none. */
export const UNKNOWN_REGION = 'unknown-region';
/**
 * What an unresolved `Resource` of a `Deny` (or `NotResource` of an `Allow`)
 * becomes: an ARN in no partition, which matches no resource, so that a deny
 * that cannot be read never counts as certain.
 */
export const UNRESOLVED_RESOURCE = 'arn:deadbolt:unresolved:::matches-nothing';

/**
 * Reads the principals the given templates create. Templates are read
 * together: a policy in one may attach to a role in another (by name, or by a
 * cross-stack export), and their `Fn::ImportValue`s are followed among them.
 * Throws `InputError` when a template is not a template.
 */
export function readTemplatePrincipals(
  templates: readonly PrincipalTemplate[],
  options: TemplatePrincipalsOptions = {},
): TemplatePrincipals {
  const seen = new Set<string>();
  const documents = templates.map((t, i) => {
    let id = t.source;
    if (seen.has(id)) id = `${t.source}#${i}`;
    seen.add(id);
    const paths = t.constructPaths;
    return cloudFormationDocument({
      id,
      name: t.stackName,
      template: t.template,
      templatePath: t.source,
      account: t.accountId,
      region: t.region,
      pathOf: paths ? (logicalId) => paths[logicalId] : undefined,
    });
  });
  return new PrincipalReader(documents, options).read([]);
}

/**
 * Reads the principals of a cloud assembly (`cdk.out`): every stack, the stacks
 * of its Stages and its nested stacks, as `loadCloudAssembly` finds them, with
 * each stack's account and region from the manifest. Throws `InputError` when
 * the assembly cannot be read.
 */
export function readAssemblyPrincipals(dir: string, options: AssemblyPrincipalsOptions = {}): TemplatePrincipals {
  const assembly = loadCloudAssembly(dir, { account: options.account, region: options.region });
  return new PrincipalReader(assembly.documents, options).read(assembly.notices);
}

/**
 * Reads the principals of documents already in the model's shape (the
 * Terraform and Pulumi readers, provider-principals.ts, build them): IAM
 * resources under their CloudFormation types and property names, a value
 * known only after deployment as `Deadbolt::Output` (`{ reason }`).
 */
export function readDocumentPrincipals(
  documents: readonly StackDocument[],
  options: TemplatePrincipalsOptions = {},
  notices: readonly string[] = [],
): TemplatePrincipals {
  return new PrincipalReader(documents, options).read(notices);
}

// ---------------------------------------------------------------------------------------------------------------------

/** A part of a string only known at deploy time. */
interface Hole {
  readonly hole: 'account' | 'region' | 'value';
  /** What it is, for messages. */
  readonly why: string;
}
type Part = string | Hole;

/** A value of a list-valued element, and the condition it exists under when an `Fn::If` decides it at deploy time. */
interface Item {
  readonly value: unknown;
  readonly when?: string;
}

/** How deep one reading of a value may go (names of resources whose names are references, `Fn::If` in `Fn::If`). */
const MAX_DEPTH = 16;

const ROLE = 'AWS::IAM::Role';
const USER = 'AWS::IAM::User';
const GROUP = 'AWS::IAM::Group';
const MANAGED_POLICY = 'AWS::IAM::ManagedPolicy';
const POLICY = 'AWS::IAM::Policy';
const ROLE_POLICY = 'AWS::IAM::RolePolicy';
const USER_POLICY = 'AWS::IAM::UserPolicy';
const GROUP_POLICY = 'AWS::IAM::GroupPolicy';
const USER_TO_GROUP = 'AWS::IAM::UserToGroupAddition';
const IAM_TYPES = new Set([
  ROLE,
  USER,
  GROUP,
  MANAGED_POLICY,
  POLICY,
  ROLE_POLICY,
  USER_POLICY,
  GROUP_POLICY,
  USER_TO_GROUP,
]);

/** What an ARN or name is built from: the resource's partition, region, account and physical name. */
interface ArnParts {
  readonly p: string;
  readonly r: Part[];
  readonly a: Part[];
  readonly name: Part[];
  /** IAM only: the path (`/`, `/service-role/`) the ARN carries before the name. */
  readonly path: string;
}

/**
 * How a type's `Ref` and `Fn::GetAtt <X>.Arn` read, for the types whose ARN
 * format is documented. A name CloudFormation generates is a hole (`*` in an
 * `Allow`); IAM resources are named by their logical id, as their principals are.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
interface TypeArn {
  /** The property that names the resource. */
  readonly nameProperty?: string;
  /** RDS stores identifiers in lowercase. */
  readonly lowercase?: boolean;
  readonly ref: (x: ArnParts) => Part[];
  readonly attributes: Readonly<Record<string, (x: ArnParts) => Part[]>>;
}

const generated = (why: string): Hole => ({ hole: 'value', why });
const arn = (x: ArnParts, service: string, regional: boolean, resource: Part[]): Part[] => [
  `arn:${x.p}:${service}:`,
  ...(regional ? x.r : []),
  ':',
  ...(regional ? x.a : []),
  ':',
  ...resource,
];
const regionalArn =
  (service: string, prefix: string, suffix: Part[] = []) =>
  (x: ArnParts): Part[] =>
    arn(x, service, true, [prefix, ...x.name, ...suffix]);
const iamArn =
  (kind: string) =>
  (x: ArnParts): Part[] => [`arn:${x.p}:iam::`, ...x.a, `:${kind}${x.path}`, ...x.name];
const nameOf = (x: ArnParts): Part[] => x.name;

const TYPE_ARNS: Readonly<Record<string, TypeArn>> = {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-arn-format.html
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: nameOf,
    attributes: { Arn: (x) => [`arn:${x.p}:s3:::`, ...x.name] },
  },
  'AWS::DynamoDB::Table': {
    nameProperty: 'TableName',
    ref: nameOf,
    attributes: {
      Arn: regionalArn('dynamodb', 'table/'),
      StreamArn: regionalArn('dynamodb', 'table/', ['/stream/', generated('the stream label')]),
    },
  },
  'AWS::DynamoDB::GlobalTable': {
    nameProperty: 'TableName',
    ref: nameOf,
    attributes: {
      Arn: regionalArn('dynamodb', 'table/'),
      StreamArn: regionalArn('dynamodb', 'table/', ['/stream/', generated('the stream label')]),
    },
  },
  'AWS::RDS::DBInstance': {
    nameProperty: 'DBInstanceIdentifier',
    lowercase: true,
    ref: nameOf,
    attributes: { DBInstanceArn: regionalArn('rds', 'db:') },
  },
  'AWS::RDS::DBCluster': {
    nameProperty: 'DBClusterIdentifier',
    lowercase: true,
    ref: nameOf,
    attributes: { DBClusterArn: regionalArn('rds', 'cluster:') },
  },
  // DocumentDB and Neptune clusters are RDS resources.
  'AWS::DocDB::DBCluster': {
    nameProperty: 'DBClusterIdentifier',
    lowercase: true,
    ref: nameOf,
    attributes: {},
  },
  'AWS::Neptune::DBCluster': {
    nameProperty: 'DBClusterIdentifier',
    lowercase: true,
    ref: nameOf,
    attributes: {},
  },
  'AWS::IAM::Role': { nameProperty: 'RoleName', ref: nameOf, attributes: { Arn: iamArn('role') } },
  'AWS::IAM::User': { nameProperty: 'UserName', ref: nameOf, attributes: { Arn: iamArn('user') } },
  'AWS::IAM::Group': { nameProperty: 'GroupName', ref: nameOf, attributes: { Arn: iamArn('group') } },
  'AWS::IAM::ManagedPolicy': {
    nameProperty: 'ManagedPolicyName',
    ref: iamArn('policy'),
    attributes: { PolicyArn: iamArn('policy') },
  },
  'AWS::KMS::Key': {
    ref: () => [generated('the key id KMS assigns')],
    attributes: { Arn: (x) => arn(x, 'kms', true, ['key/', generated('the key id KMS assigns')]) },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: () => [generated('the queue URL')],
    attributes: { Arn: regionalArn('sqs', ''), QueueName: nameOf },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: regionalArn('sns', ''),
    attributes: { TopicArn: regionalArn('sns', ''), TopicName: nameOf },
  },
  'AWS::Lambda::Function': {
    nameProperty: 'FunctionName',
    ref: nameOf,
    attributes: { Arn: regionalArn('lambda', 'function:') },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: nameOf,
    attributes: { Arn: regionalArn('logs', 'log-group:', [':*']) },
  },
  // Secrets Manager appends six random characters to the name in the ARN.
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    ref: regionalArn('secretsmanager', 'secret:', ['-', generated('the suffix Secrets Manager adds')]),
    attributes: {
      Id: regionalArn('secretsmanager', 'secret:', ['-', generated('the suffix Secrets Manager adds')]),
    },
  },
  'AWS::Kinesis::Stream': { nameProperty: 'Name', ref: nameOf, attributes: { Arn: regionalArn('kinesis', 'stream/') } },
  'AWS::ECR::Repository': {
    nameProperty: 'RepositoryName',
    ref: nameOf,
    attributes: { Arn: regionalArn('ecr', 'repository/') },
  },
  'AWS::Backup::BackupVault': {
    nameProperty: 'BackupVaultName',
    ref: nameOf,
    attributes: { BackupVaultArn: regionalArn('backup', 'backup-vault:'), BackupVaultName: nameOf },
  },
  'AWS::EFS::FileSystem': {
    ref: () => [generated('the file system id EFS assigns')],
    attributes: {
      Arn: (x) => arn(x, 'elasticfilesystem', true, ['file-system/', generated('the file system id EFS assigns')]),
    },
  },
  'AWS::StepFunctions::StateMachine': {
    nameProperty: 'StateMachineName',
    ref: regionalArn('states', 'stateMachine:'),
    attributes: { Arn: regionalArn('states', 'stateMachine:'), Name: nameOf },
  },
};

/**
 * The condition keys whose value is the principal's own identity. Where the
 * model's ARN is not the deployed one (a name CloudFormation generates, an
 * account not known), a condition on them cannot be judged.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principal-properties
 */
const NAME_KEYS = new Set(['aws:principalarn', 'aws:username']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount']);
/** Assigned by IAM at creation (`AROA…`), never in a template. */
const ID_KEYS = new Set(['aws:userid']);

/** The partition a region is in; `aws` unless the region says otherwise. */
function partitionOf(region: string | undefined): string {
  // https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  if (region?.startsWith('us-iso-')) return 'aws-iso';
  if (region?.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function hasHoles(parts: readonly Part[]): boolean {
  return parts.some((p) => typeof p !== 'string');
}

function holeWhy(parts: readonly Part[]): string {
  const h = parts.find((p): p is Hole => typeof p !== 'string');
  return h ? h.why : '';
}

/** Holes as `*`: every value the string may take at deploy time matches. */
function widen(parts: readonly Part[]): string {
  return parts
    .map((p) => (typeof p === 'string' ? p : '*'))
    .join('')
    .replace(/\*{2,}/g, '*');
}

/** The account and region as placeholders that match no concrete value; undefined when another part is unknown. */
function withPlaceholders(parts: readonly Part[]): string | undefined {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (p.hole === 'account') out += UNKNOWN_ACCOUNT;
    else if (p.hole === 'region') out += UNKNOWN_REGION;
    else return undefined;
  }
  return out;
}

/** A policy as it is found, before it is read for one principal. */
interface PolicySource {
  /** Identifies the policy, so one attached twice is listed once. */
  readonly key: string;
  readonly name: string;
  readonly arn?: string;
  /** `managed policy `X``, `inline policy `Y``: for unresolved entries. */
  readonly label: string;
  /** An AWS managed policy's literal document, or a template's policy document and its template. */
  readonly raw: unknown;
  readonly document: StackDocument;
  /** The condition the policy exists under (its resource's `Condition`), when decided at deploy time. */
  readonly when?: string;
  /** Set when the policy could not be read at all: why. */
  readonly missing?: string;
}

interface Attached {
  readonly source: PolicySource;
  readonly via: string;
  /** The condition the attachment exists under. */
  readonly when?: string;
}

interface GroupRecord {
  readonly resource: NormalisedResource;
  readonly name: string;
  readonly literalName: boolean;
  readonly when?: string;
  readonly policies: Attached[];
  readonly unresolved: string[];
}

interface PrincipalRecord {
  readonly kind: PrincipalKind;
  readonly resource: NormalisedResource;
  readonly name: string;
  /** The name is the one the model uses, not the deployed one (CloudFormation generates it). */
  readonly approximateName: boolean;
  readonly literalName: boolean;
  readonly path: string;
  readonly accountId: string;
  readonly arn: string;
  readonly when?: string;
  readonly policies: Attached[];
  readonly groups: { readonly group: GroupRecord; readonly when?: string }[];
  boundary?: Attached;
  readonly unresolved: string[];
}

class PrincipalReader {
  private readonly model: ResourceModel;
  private readonly notes: string[] = [];
  private readonly principals = new Map<NormalisedResource, PrincipalRecord>();
  private readonly groups = new Map<NormalisedResource, GroupRecord>();
  private readonly converted = new Map<string, { document?: PolicyDocument; unresolved: string[] }>();

  constructor(
    private readonly documents: readonly StackDocument[],
    private readonly options: TemplatePrincipalsOptions,
  ) {
    this.model = { documents };
  }

  read(notices: readonly string[]): TemplatePrincipals {
    this.notes.push(...notices);
    for (const doc of this.documents) this.noteUnread(doc);
    // Principals and groups first, so that policies can find what they attach to.
    for (const doc of this.documents) {
      for (const r of doc.resources.values()) {
        if (r.type === ROLE || r.type === USER) this.readPrincipal(r);
        else if (r.type === GROUP) this.readGroup(r);
      }
    }
    for (const doc of this.documents) {
      for (const r of doc.resources.values()) {
        if (!IAM_TYPES.has(r.type)) continue;
        const when = this.creation(r);
        if (when === false) continue;
        if (r.type === POLICY || r.type === MANAGED_POLICY) this.readAttachableMany(r, when);
        else if (r.type === ROLE_POLICY || r.type === USER_POLICY || r.type === GROUP_POLICY)
          this.readAttachableOne(r, when);
        else if (r.type === USER_TO_GROUP) this.readGroupAddition(r, when);
      }
    }
    const out: IamPrincipal[] = [];
    const arns = new Map<string, string>();
    for (const p of this.principals.values()) {
      const built = this.build(p);
      const other = arns.get(built.arn);
      if (other !== undefined) {
        this.notes.push(
          `${built.source} and ${other} are both read as \`${built.arn}\`: CloudFormation gives each a name of its own at deploy time, but the audit cannot tell them apart by ARN.`,
        );
      } else arns.set(built.arn, built.source ?? built.name);
      out.push(built);
    }
    return { principals: out, notes: [...new Set(this.notes)] };
  }

  // ---- where things are -------------------------------------------------------------------------------------------

  private display(doc: StackDocument): string {
    return doc.templatePath ?? doc.id;
  }

  private where(r: NormalisedResource): string {
    return `${this.display(r.document)} (${r.location.path ?? `logical id ${r.logicalId}`})`;
  }

  /** Parts of the template Deadbolt does not read, which may create principals or grant rights. */
  private noteUnread(doc: StackDocument): void {
    for (const u of doc.unexpanded ?? []) {
      this.notes.push(
        `${this.display(doc)}: ${u.what} (at ${u.location}) is expanded only at deploy time; IAM principals and policies it adds were not read.`,
      );
    }
    for (const e of doc.embedded ?? []) {
      const iam = [...e.resources.values()].filter((r) => r.type === ROLE || r.type === USER).length;
      if (iam > 0) {
        this.notes.push(
          `${this.display(doc)}: stack set \`${e.embeddedIn?.logicalId ?? e.id}\` creates ${iam} IAM role(s) or user(s) in the accounts it targets; they are not part of this audit.`,
        );
      }
    }
  }

  /**
   * Whether a resource is created: true (always), false (its condition is false
   * before deployment), or the condition, in words, decided at deploy time.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
   */
  private creation(r: NormalisedResource): string | false | undefined {
    if (r.condition === undefined) return undefined;
    const c = evaluateCondition({ Condition: r.condition }, r.document);
    if (c === true) return undefined;
    if (c === false) return false;
    return `condition \`${r.condition}\` holds`;
  }

  // ---- values -----------------------------------------------------------------------------------------------------

  /** A string value as parts: literal text and what is known only at deploy time. Null: `AWS::NoValue`. */
  private parts(expr: unknown, doc: StackDocument, depth = 0): Part[] | null {
    if (depth > MAX_DEPTH) return [generated('a value nested too deeply to read')];
    if (typeof expr === 'string') return [expr];
    if (typeof expr === 'number' || typeof expr === 'boolean') return [String(expr)];
    const fn = intrinsicName(expr);
    if (!fn) return [generated(`${quote(expr, 60)}, which is not a string`)];
    const arg = (expr as Record<string, unknown>)[fn];
    if (fn === 'Ref' && arg === 'AWS::NoValue') return null;
    if (fn === 'Fn::If') {
      if (Array.isArray(arg) && arg.length === 3 && typeof arg[0] === 'string') {
        const c = evaluateCondition({ Condition: arg[0] }, doc);
        if (c !== undefined) return this.parts(c ? arg[1] : arg[2], doc, depth + 1);
        return [generated(`a value chosen by condition \`${arg[0]}\` at deploy time`)];
      }
      return [generated('a malformed Fn::If')];
    }
    // A Terraform or Pulumi value known only after apply: its reason is the hole's.
    if (fn === PROVIDER_OUTPUT_INTRINSIC) {
      const reason = isObject(arg) && typeof arg.reason === 'string' ? arg.reason : undefined;
      return [generated(reason ?? 'a value known only after deployment')];
    }
    // Literal lookups (`Fn::FindInMap`, `Fn::Select` of a literal list) the value reader already knows.
    const known = resolveValue(expr, doc);
    if (known.kind === 'known' && (typeof known.value === 'string' || typeof known.value === 'number'))
      return [String(known.value)];
    const out: Part[] = [];
    for (const p of stringParts(expr, doc, 0, this.model)) {
      if (typeof p === 'string') out.push(p);
      else if ('pseudo' in p) out.push(...this.pseudo(p.pseudo, doc));
      else if ('resource' in p) {
        const owner = p.document ?? doc;
        const r = owner.resources.get(p.resource);
        if (!r) out.push(generated(`\`${p.resource}\`, which the template does not define`));
        else out.push(...this.resourceValue(r, p.attribute, depth + 1));
      } else
        out.push(
          generated(
            p.unknown.startsWith('parameter')
              ? `${p.unknown}, chosen at deploy time`
              : `${p.unknown} (${quote(expr, 60)})`,
          ),
        );
    }
    return out;
  }

  /**
   * A pseudo parameter: the stack's account and region when its environment
   * names them, the partition from the region (`aws` by default).
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
   */
  private pseudo(name: string, doc: StackDocument): Part[] {
    switch (name) {
      case 'AWS::Partition':
        return [partitionOf(doc.region)];
      case 'AWS::AccountId':
        return [doc.account ?? { hole: 'account', why: "the stack's account, which its environment does not name" }];
      case 'AWS::Region':
        return [doc.region ?? { hole: 'region', why: "the stack's region, which its environment does not name" }];
      case 'AWS::URLSuffix':
        return [partitionOf(doc.region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'];
      case 'AWS::StackName':
        // A nested stack's name is generated from its parent's.
        return doc.parent || doc.embeddedIn ? [generated('the nested stack name')] : [doc.name];
      case 'AWS::NoValue':
        return [];
      default:
        return [generated(`${name}, known only at deploy time`)];
    }
  }

  /** What `Ref` (no attribute) or `Fn::GetAtt` of a resource reads as. */
  private resourceValue(r: NormalisedResource, attribute: string | undefined, depth: number): Part[] {
    const spec = TYPE_ARNS[r.type];
    const what = attribute ? `attribute ${attribute} of \`${r.logicalId}\`` : `the Ref of \`${r.logicalId}\``;
    const read = spec && (attribute === undefined ? spec.ref : spec.attributes[attribute]);
    if (!read) return [generated(`${what} (${r.type}), known only after deployment`)];
    const doc = r.document;
    return read({
      p: partitionOf(doc.region),
      r: this.pseudo('AWS::Region', doc),
      a: this.pseudo('AWS::AccountId', doc),
      name: this.physicalName(r, spec, depth),
      path: this.iamPath(r),
    });
  }

  /** A resource's physical name: its name property, or (IAM) its logical id, or a hole for the name CloudFormation generates. */
  private physicalName(r: NormalisedResource, spec: TypeArn, depth: number): Part[] {
    const iam = r.type.startsWith('AWS::IAM::');
    const written = spec.nameProperty ? r.properties[spec.nameProperty] : undefined;
    if (written !== undefined) {
      const parts = this.parts(written, r.document, depth + 1);
      // An IAM resource whose name cannot be read is named by its logical id, as its principal is (readPrincipal).
      if (parts && (!iam || withPlaceholders(parts) !== undefined))
        return spec.lowercase ? parts.map((p) => (typeof p === 'string' ? p.toLowerCase() : p)) : parts;
    }
    if (iam) return [r.logicalId];
    return [generated(`the name CloudFormation generates for \`${r.logicalId}\``)];
  }

  /** The path of an IAM role, user, group or managed policy (`/` unless written); empty for other types. */
  private iamPath(r: NormalisedResource): string {
    if (r.type !== MANAGED_POLICY && r.type !== ROLE && r.type !== USER && r.type !== GROUP) return '';
    return this.literal(r.properties.Path, r.document) ?? '/';
  }

  /** A value as a string when nothing in it is unknown. */
  private literal(expr: unknown, doc: StackDocument): string | undefined {
    if (expr === undefined) return undefined;
    const parts = this.parts(expr, doc);
    return parts && !hasHoles(parts) ? parts.join('') : undefined;
  }

  /** The ways a value may come out: `Fn::If` decided now takes its branch; one decided at deploy time gives both. */
  private branches(value: unknown, doc: StackDocument, when?: string, depth = 0): Item[] {
    if (depth > MAX_DEPTH) return [{ value, when }];
    const fn = intrinsicName(value);
    if (fn === 'Ref' && (value as Record<string, unknown>).Ref === 'AWS::NoValue') return [];
    if (fn !== 'Fn::If') return [{ value, when }];
    const arg = (value as Record<string, unknown>)[fn];
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return [{ value, when }];
    const c = evaluateCondition({ Condition: arg[0] }, doc);
    if (c !== undefined) return this.branches(c ? arg[1] : arg[2], doc, when, depth + 1);
    const also = when ? `${when} and condition \`${arg[0]}\` decides` : `condition \`${arg[0]}\` decides`;
    return [
      ...this.branches(arg[1], doc, also.replace(/decides$/, 'holds'), depth + 1),
      ...this.branches(arg[2], doc, also.replace(/decides$/, 'does not hold'), depth + 1),
    ];
  }

  /** The items of a list-valued element (a string, a list, or an `Fn::If` of either). */
  private items(value: unknown, doc: StackDocument, when?: string): Item[] {
    if (value === undefined) return [];
    const out: Item[] = [];
    for (const b of this.branches(value, doc, when)) {
      if (Array.isArray(b.value)) {
        for (const v of b.value) out.push(...this.branches(v, doc, b.when));
      } else out.push(b);
    }
    return out;
  }

  // ---- principals, groups, policies -------------------------------------------------------------------------------

  private readPrincipal(r: NormalisedResource): void {
    const when = this.creation(r);
    if (when === false) return;
    const kind: PrincipalKind = r.type === ROLE ? 'role' : 'user';
    const doc = r.document;
    const unresolved: string[] = [];
    const label = `${kind} \`${r.logicalId}\``;
    const nameProp = kind === 'role' ? 'RoleName' : 'UserName';
    let name = r.logicalId;
    let literalName = false;
    let approximateName = true;
    if (r.properties[nameProp] !== undefined) {
      const parts = this.parts(r.properties[nameProp], doc);
      const shown = parts ? withPlaceholders(parts) : undefined;
      if (parts && shown !== undefined) {
        name = shown;
        literalName = !hasHoles(parts);
        approximateName = !literalName;
      } else {
        unresolved.push(
          `${label}: ${nameProp} ${quote(r.properties[nameProp], 80)} could not be resolved (${parts ? holeWhy(parts) : 'no value'}); the ${kind} is named by its logical id here.`,
        );
      }
    }
    let path = '/';
    if (r.properties.Path !== undefined) {
      const p = this.literal(r.properties.Path, doc);
      if (p !== undefined) path = p;
      else unresolved.push(`${label}: Path ${quote(r.properties.Path, 80)} could not be resolved; \`/\` is assumed.`);
    }
    const accountId = doc.account ?? UNKNOWN_ACCOUNT;
    const record: PrincipalRecord = {
      kind,
      resource: r,
      name,
      approximateName: approximateName || doc.account === undefined,
      literalName,
      path,
      accountId,
      arn: `arn:${partitionOf(doc.region)}:iam::${accountId}:${kind}${path}${name}`,
      when,
      policies: [],
      groups: [],
      unresolved,
    };
    if (when) this.notes.push(`${this.where(r)}: the ${kind} \`${name}\` is created only when ${when}.`);
    const via = (how: 'inline in' | 'attached to') => `${how} ${kind} \`${name}\``;
    this.inlinePolicies(r, via('inline in'), record.policies, unresolved);
    this.managedPolicyArns(r, via('attached to'), record.policies, unresolved);
    if (r.properties.PermissionsBoundary !== undefined) {
      const found = this.managedPolicy(r.properties.PermissionsBoundary, doc, undefined);
      if ('source' in found && found.when === undefined && found.source.when === undefined) {
        record.boundary = { source: found.source, via: `permissions boundary of ${kind} \`${name}\`` };
      } else {
        // A boundary only takes rights away: one that cannot be read is left out (fail closed), and said so.
        unresolved.push(
          `${label}: its permissions boundary ${quote(r.properties.PermissionsBoundary, 80)} ${'source' in found ? `exists only when ${found.when ?? found.source.when}` : `could not be read (${found.missing})`}; it is not applied.`,
        );
      }
    }
    if (kind === 'user') {
      for (const item of this.items(r.properties.Groups, doc)) {
        const g = this.target(item.value, doc, GROUP);
        if ('record' in g) record.groups.push({ group: g.record as GroupRecord, when: item.when });
        else
          unresolved.push(
            `${label}: it is a member of group ${quote(item.value, 80)}, which ${g.missing}; that group's policies were not read.`,
          );
      }
    }
    this.principals.set(r, record);
  }

  private readGroup(r: NormalisedResource): void {
    const when = this.creation(r);
    if (when === false) return;
    const doc = r.document;
    const literal = this.literal(r.properties.GroupName, doc);
    const record: GroupRecord = {
      resource: r,
      name: literal ?? r.logicalId,
      literalName: literal !== undefined,
      when,
      policies: [],
      unresolved: [],
    };
    const via = (how: string) => `${how} group \`${record.name}\``;
    this.inlinePolicies(r, via('inline in'), record.policies, record.unresolved);
    this.managedPolicyArns(r, via('attached to'), record.policies, record.unresolved);
    this.groups.set(r, record);
  }

  /** The `Policies` property of a role, user or group: inline policies. */
  private inlinePolicies(r: NormalisedResource, via: string, into: Attached[], unresolved: string[]): void {
    const doc = r.document;
    let i = 0;
    for (const item of this.items(r.properties.Policies, doc)) {
      i++;
      const p = item.value;
      const name = isObject(p) ? this.literal(p.PolicyName, doc) : undefined;
      const policyName = name ?? `${r.logicalId}.Policies[${i - 1}]`;
      if (!isObject(p)) {
        unresolved.push(`inline policy ${quote(p, 80)} (${via}) could not be read.`);
        continue;
      }
      into.push({
        source: {
          key: `${r.key}#Policies/${policyName}/${i}`,
          name: policyName,
          label: `inline policy \`${policyName}\``,
          raw: p.PolicyDocument,
          document: doc,
        },
        via,
        when: item.when,
      });
    }
  }

  /** The `ManagedPolicyArns` property of a role, user or group. */
  private managedPolicyArns(r: NormalisedResource, via: string, into: Attached[], unresolved: string[]): void {
    for (const item of this.items(r.properties.ManagedPolicyArns, r.document)) {
      const found = this.managedPolicy(item.value, r.document, item.when);
      if ('source' in found) into.push({ source: found.source, via, when: found.when });
      else unresolved.push(`managed policy ${quote(item.value, 100)} (${via}): ${found.missing}.`);
    }
  }

  /**
   * The managed policy an ARN expression names: a `Ref` (or `PolicyArn`) of an
   * `AWS::IAM::ManagedPolicy` of the templates, followed across exports and
   * nested stacks; an AWS managed policy, read with `resolveAwsManagedPolicy`;
   * or a customer managed policy ARN that names one of the templates' policies.
   */
  private managedPolicy(
    expr: unknown,
    doc: StackDocument,
    when: string | undefined,
  ): { source: PolicySource; when?: string } | { missing: string } {
    const sp = stringParts(expr, doc, 0, this.model);
    if (sp.length === 1 && typeof sp[0] === 'object' && 'resource' in sp[0]) {
      const part = sp[0];
      const r = (part.document ?? doc).resources.get(part.resource);
      if (r?.type === MANAGED_POLICY && (part.attribute === undefined || part.attribute === 'PolicyArn'))
        return this.templateManagedPolicy(r, when);
    }
    const parts = this.parts(expr, doc);
    if (!parts) return { missing: 'it is AWS::NoValue' };
    const shown = withPlaceholders(parts);
    if (shown === undefined)
      return { missing: `it could not be resolved (${holeWhy(parts)}), so its statements were not read` };
    const m = /^arn:([^:]+):iam::([^:]*):policy(\/(?:.*\/)?)([^/]+)$/.exec(shown);
    if (!m) return { missing: `\`${shown}\` is not a managed policy ARN` };
    const [, , account, path, name] = m;
    if (account === 'aws') {
      const document = this.options.resolveAwsManagedPolicy?.(shown);
      if (!document)
        return { missing: `the AWS managed policy \`${shown}\` is not known, so its statements were not read` };
      return {
        source: { key: shown, name, arn: shown, label: `AWS managed policy \`${name}\``, raw: document, document: doc },
        when,
      };
    }
    for (const d of this.documents) {
      if (d.account !== undefined && account !== UNKNOWN_ACCOUNT && d.account !== account) continue;
      for (const r of d.resources.values()) {
        if (r.type !== MANAGED_POLICY) continue;
        if (this.literal(r.properties.ManagedPolicyName, d) !== name) continue;
        if ((this.literal(r.properties.Path, d) ?? '/') !== path) continue;
        return this.templateManagedPolicy(r, when);
      }
    }
    return {
      missing: `the customer managed policy \`${shown}\` is not created by these templates, so its statements were not read`,
    };
  }

  private templateManagedPolicy(
    r: NormalisedResource,
    when: string | undefined,
  ): { source: PolicySource; when?: string } {
    const created = this.creation(r);
    const name = this.literal(r.properties.ManagedPolicyName, r.document) ?? r.logicalId;
    const arnParts = this.resourceValue(r, undefined, 0);
    return {
      source: {
        key: r.key,
        name,
        arn: withPlaceholders(arnParts) ?? widen(arnParts),
        label: `managed policy \`${name}\``,
        raw: r.properties.PolicyDocument,
        document: r.document,
        when: created === false ? undefined : created,
      },
      when,
    };
  }

  /**
   * What a `Roles`/`Users`/`Groups` entry (or `RoleName`…) names: a `Ref` of the
   * templates' principal or group (followed across exports and nested stacks),
   * or a literal name one of them has.
   */
  private target(
    expr: unknown,
    doc: StackDocument,
    type: string,
  ): { record: PrincipalRecord | GroupRecord } | { missing: string; name?: string } {
    const sp = stringParts(expr, doc, 0, this.model);
    if (sp.length === 1 && typeof sp[0] === 'object' && 'resource' in sp[0] && sp[0].attribute === undefined) {
      const r = (sp[0].document ?? doc).resources.get(sp[0].resource);
      const record = r && (type === GROUP ? this.groups.get(r) : this.principals.get(r));
      if (r?.type === type && record) return { record };
      if (r?.type === type) return { missing: 'is never created (its condition is false)' };
    }
    const parts = this.parts(expr, doc);
    const name = parts ? withPlaceholders(parts) : undefined;
    if (name === undefined || !parts || hasHoles(parts))
      return { missing: `could not be resolved (${parts ? holeWhy(parts) : 'AWS::NoValue'})` };
    const candidates =
      type === GROUP
        ? [...this.groups.values()].filter((g) => g.literalName && g.name === name)
        : [...this.principals.values()].filter((p) => p.resource.type === type && p.literalName && p.name === name);
    const same = candidates.filter((c) => {
      const a = c.resource.document.account;
      return a === undefined || doc.account === undefined || a === doc.account;
    });
    if (same.length === 1) return { record: same[0] };
    if (same.length > 1) return { missing: `is the name of ${same.length} resources of these templates`, name };
    return { missing: 'is not created by these templates', name };
  }

  /** `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy`: attached by `Roles`, `Users` and `Groups` lists. */
  private readAttachableMany(r: NormalisedResource, when: string | undefined): void {
    const doc = r.document;
    const managed = r.type === MANAGED_POLICY;
    let source: PolicySource;
    if (managed) source = this.templateManagedPolicy(r, undefined).source;
    else {
      const name = this.literal(r.properties.PolicyName, doc) ?? r.logicalId;
      source = {
        key: r.key,
        name,
        label: `inline policy \`${name}\``,
        raw: r.properties.PolicyDocument,
        document: doc,
        when,
      };
    }
    const lists: Array<[string, string]> = [
      ['Roles', ROLE],
      ['Users', USER],
      ['Groups', GROUP],
    ];
    for (const [property, type] of lists) {
      for (const item of this.items(r.properties[property], doc)) this.attach(r, source, managed, item, type);
    }
  }

  /** `AWS::IAM::RolePolicy`, `UserPolicy`, `GroupPolicy`: one inline policy of one principal or group. */
  private readAttachableOne(r: NormalisedResource, when: string | undefined): void {
    const doc = r.document;
    const [property, type] =
      r.type === ROLE_POLICY ? ['RoleName', ROLE] : r.type === USER_POLICY ? ['UserName', USER] : ['GroupName', GROUP];
    const name = this.literal(r.properties.PolicyName, doc) ?? r.logicalId;
    const source: PolicySource = {
      key: r.key,
      name,
      label: `inline policy \`${name}\``,
      raw: r.properties.PolicyDocument,
      document: doc,
      when,
    };
    for (const item of this.items(r.properties[property], doc)) this.attach(r, source, false, item, type);
  }

  private attach(r: NormalisedResource, source: PolicySource, managed: boolean, item: Item, type: string): void {
    const found = this.target(item.value, r.document, type);
    const noun = type === ROLE ? 'role' : type === USER ? 'user' : 'group';
    if (!('record' in found)) {
      this.notes.push(
        `${this.where(r)}: ${source.label} attaches to ${noun} ${'name' in found && found.name ? `\`${found.name}\`` : quote(item.value, 80)}, which ${found.missing}; that ${noun} is not part of this audit.`,
      );
      return;
    }
    const record = found.record;
    const via = `${managed ? 'attached to' : 'inline in'} ${noun} \`${record.name}\``;
    record.policies.push({ source, via, when: item.when });
  }

  private readGroupAddition(r: NormalisedResource, when: string | undefined): void {
    const doc = r.document;
    const group = this.target(r.properties.GroupName, doc, GROUP);
    for (const item of this.items(r.properties.Users, doc)) {
      const user = this.target(item.value, doc, USER);
      if (!('record' in user)) {
        this.notes.push(
          `${this.where(r)}: adds user ${quote(item.value, 80)}, which ${user.missing}, to a group; that user is not part of this audit.`,
        );
        continue;
      }
      const u = user.record as PrincipalRecord;
      const w = [when, item.when].filter((x) => x !== undefined).join(' and ') || undefined;
      if ('record' in group) u.groups.push({ group: group.record as GroupRecord, when: w });
      else
        u.unresolved.push(
          `user \`${u.name}\`: ${this.where(r)} adds it to group ${quote(r.properties.GroupName, 80)}, which ${group.missing}; that group's policies were not read.`,
        );
    }
  }

  // ---- building the model -----------------------------------------------------------------------------------------

  private build(p: PrincipalRecord): IamPrincipal {
    const r = p.resource;
    const doc = r.document;
    const unresolved = [...p.unresolved];
    const policies: NamedPolicy[] = [];
    const seen = new Set<string>();
    const add = (a: Attached, extra?: string) => {
      if (seen.has(a.source.key)) return;
      seen.add(a.source.key);
      const w = [extra, a.when].filter((x) => x !== undefined).join(' and ') || undefined;
      const named = this.materialise(a, w, unresolved);
      if (named) policies.push(this.forIdentity(named, p, unresolved));
    };
    for (const a of p.policies) add(a);
    for (const { group, when } of p.groups) {
      unresolved.push(...group.unresolved.map((u) => `group \`${group.name}\`: ${u}`));
      const w = [when, group.when].filter((x) => x !== undefined).join(' and ') || undefined;
      for (const a of group.policies) add(a, w);
    }
    let boundary: NamedPolicy | undefined;
    if (p.boundary) {
      const named = this.materialise(p.boundary, undefined, unresolved);
      if (named) boundary = this.forIdentity(named, p, unresolved);
    }
    const tags = this.tags(r, unresolved);
    let trustPolicy: PolicyDocument | undefined;
    if (p.kind === 'role') {
      const label = `trust policy of role \`${p.name}\``;
      const t = this.convert(r.properties.AssumeRolePolicyDocument, doc, label, undefined, unresolved);
      trustPolicy = t;
    }
    return {
      kind: p.kind,
      arn: p.arn,
      name: p.name,
      accountId: p.accountId,
      path: p.path,
      policies,
      ...(boundary ? { boundary } : {}),
      tags,
      ...(trustPolicy ? { trustPolicy } : {}),
      source: this.where(r),
      ...(unresolved.length > 0 ? { unresolved: [...new Set(unresolved)] } : {}),
    };
  }

  private tags(r: NormalisedResource, unresolved: string[]): Record<string, string> {
    // CloudFormation propagates stack-level tags to the resources it creates; the resource's own win.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html
    const out: Record<string, string> = { ...r.document.tags };
    for (const item of this.items(r.properties.Tags, r.document)) {
      const t = item.value;
      const key = isObject(t) ? this.literal(t.Key, r.document) : undefined;
      const value = isObject(t) ? this.literal(t.Value, r.document) : undefined;
      if (key !== undefined && value !== undefined && item.when === undefined) out[key] = value;
      else
        unresolved.push(
          `tag ${quote(t, 80)} could not be resolved; conditions on \`aws:PrincipalTag\` cannot be judged for it.`,
        );
    }
    return out;
  }

  /** A policy as the principal gets it, or undefined (its unresolved entry recorded) when it cannot be read. */
  private materialise(a: Attached, when: string | undefined, unresolved: string[]): NamedPolicy | undefined {
    const s = a.source;
    const w = [when, s.when].filter((x) => x !== undefined).join(' and ') || undefined;
    const document = this.convert(s.raw, s.document, `${s.label} (${a.via})`, w, unresolved);
    if (!document) return undefined;
    return { name: s.name, ...(s.arn ? { arn: s.arn } : {}), via: a.via, document };
  }

  /** Reads a policy document once per condition it exists under; its unresolved entries go to each principal. */
  private convert(
    raw: unknown,
    doc: StackDocument,
    label: string,
    when: string | undefined,
    unresolved: string[],
  ): PolicyDocument | undefined {
    const key = `${doc.id}\n${label}\n${when ?? ''}\n${JSON.stringify(raw ?? null)}`;
    let c = this.converted.get(key);
    if (!c) {
      const notes: string[] = [];
      c = { document: new DocumentReader(this, doc, label, notes).document(raw, when), unresolved: notes };
      this.converted.set(key, c);
    }
    unresolved.push(...c.unresolved);
    return c.document;
  }

  /**
   * Conditions on the principal's own identity, where the model's identity is
   * not the deployed one: an `Allow` loses the condition (it may apply), a
   * `Deny` is not counted (it may not).
   */
  private forIdentity(policy: NamedPolicy, p: PrincipalRecord, unresolved: string[]): NamedPolicy {
    const unsure = (key: string): boolean => {
      const k = key.toLowerCase();
      return (
        ID_KEYS.has(k) ||
        (NAME_KEYS.has(k) && p.approximateName) ||
        (ACCOUNT_KEYS.has(k) && p.accountId === UNKNOWN_ACCOUNT)
      );
    };
    const statements = statementsOf(policy.document);
    let changed = false;
    const out: PolicyStatement[] = [];
    for (const s of statements) {
      const keys = Object.values(s.Condition ?? {}).flatMap((tests) => Object.keys(tests));
      const bad = keys.filter(unsure);
      if (bad.length === 0) {
        out.push(s);
        continue;
      }
      changed = true;
      const why = p.approximateName
        ? `the deployed ${p.kind}'s ARN is not known before deployment (\`${p.arn}\` here)`
        : 'IAM assigns it at creation';
      const keysShown = [...new Set(bad)].map((k) => `\`${k}\``).join(', ');
      if (s.Effect === 'Deny') {
        unresolved.push(
          `${policy.name} (${policy.via}): Deny${s.Sid ? ` \`${s.Sid}\`` : ''} depends on ${keysShown}, which cannot be judged (${why}); it is not counted.`,
        );
        continue;
      }
      const condition: Record<string, Record<string, unknown>> = {};
      for (const [op, tests] of Object.entries(s.Condition ?? {})) {
        const kept = Object.fromEntries(Object.entries(tests).filter(([k]) => !unsure(k)));
        if (Object.keys(kept).length > 0) condition[op] = kept;
      }
      unresolved.push(
        `${policy.name} (${policy.via}): Allow${s.Sid ? ` \`${s.Sid}\`` : ''} depends on ${keysShown}, which cannot be judged (${why}); it is read without that condition.`,
      );
      const kept: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { ...s };
      delete kept.Condition;
      if (Object.keys(condition).length > 0) kept.Condition = condition;
      out.push(kept);
    }
    return changed ? { ...policy, document: { ...policy.document, Statement: out } } : policy;
  }

  /** Exposed to `DocumentReader`. */
  partsOf(expr: unknown, doc: StackDocument): Part[] | null {
    return this.parts(expr, doc);
  }
  itemsOf(value: unknown, doc: StackDocument, when?: string): Item[] {
    return this.items(value, doc, when);
  }
  branchesOf(value: unknown, doc: StackDocument, when?: string): Item[] {
    return this.branches(value, doc, when);
  }
}

type Element = 'Action' | 'NotAction' | 'Resource' | 'NotResource';

/**
 * Reads one policy document of a template. Each statement is read so that it
 * allows at least, and denies at most, what it may at deploy time.
 */
class DocumentReader {
  constructor(
    private readonly reader: PrincipalReader,
    private readonly doc: StackDocument,
    private readonly label: string,
    private readonly unresolved: string[],
  ) {}

  document(raw: unknown, when: string | undefined): PolicyDocument | undefined {
    if (raw === undefined) {
      this.unresolved.push(`${this.label}: it has no policy document.`);
      return undefined;
    }
    const docs = this.reader.branchesOf(raw, this.doc, when);
    const statements: PolicyStatement[] = [];
    let version: string | undefined;
    for (const d of docs) {
      let body = d.value;
      if (typeof body === 'string') {
        try {
          body = JSON.parse(body);
        } catch {
          body = undefined;
        }
      }
      // A whole document given by a reference (`Ref` of a parameter, an unknown output) is not a document: its
      // statements are unknown, never none.
      if (!isObject(body) || intrinsicName(body) !== undefined) {
        this.unresolved.push(`${this.label}: the policy document ${quote(d.value, 80)} could not be read.`);
        continue;
      }
      if (typeof body.Version === 'string') version = body.Version;
      for (const item of this.reader.itemsOf(body.Statement, this.doc, d.when)) {
        const s = this.statement(item.value, item.when);
        if (s) statements.push(s);
      }
    }
    return { ...(version ? { Version: version } : {}), Statement: statements };
  }

  private record(sid: string | undefined, effect: string, what: string): void {
    this.unresolved.push(`${this.label}: ${effect}${sid ? ` \`${sid}\`` : ''}: ${what}`);
  }

  private statement(raw: unknown, when: string | undefined): PolicyStatement | undefined {
    if (!isObject(raw)) {
      this.unresolved.push(`${this.label}: statement ${quote(raw, 80)} could not be read.`);
      return undefined;
    }
    const sid = typeof raw.Sid === 'string' ? raw.Sid : undefined;
    const effectParts = this.reader.partsOf(raw.Effect, this.doc);
    const effectText = effectParts && !hasHoles(effectParts) ? effectParts.join('') : undefined;
    let effect: 'Allow' | 'Deny';
    if (effectText === 'Allow' || effectText === 'Deny') effect = effectText;
    else {
      effect = 'Allow';
      this.record(sid, 'statement', `its Effect ${quote(raw.Effect, 60)} could not be read; it is read as Allow.`);
    }
    const allow = effect === 'Allow';
    if (!allow && when) {
      this.record(sid, 'Deny', `it applies only when ${when}, decided at deploy time; it is not counted.`);
      return undefined;
    }
    const out: { -readonly [K in keyof PolicyStatement]: PolicyStatement[K] } = { Effect: effect };
    if (sid) out.Sid = sid;
    for (const element of ['Action', 'NotAction', 'Resource', 'NotResource'] as const) {
      if (raw[element] === undefined) continue;
      const read = this.element(raw[element], element, allow, sid);
      if (read === 'drop') return undefined;
      out[element] = read;
    }
    // An Allow whose NotAction lost every entry allows every action.
    if (allow && Array.isArray(out.NotAction) && out.NotAction.length === 0) {
      delete out.NotAction;
      out.Action = '*';
    }
    for (const element of ['Principal', 'NotPrincipal'] as const) {
      if (raw[element] === undefined) continue;
      const read = this.principal(raw[element], (element === 'Principal') === allow, sid, effect);
      if (read === 'drop') return undefined;
      out[element] = read;
    }
    if (raw.Condition !== undefined) {
      const read = this.condition(raw.Condition, allow, sid);
      if (read === 'drop') return undefined;
      if (read) out.Condition = read;
    }
    return out;
  }

  /**
   * One of Action, NotAction, Resource, NotResource. Where the statement may
   * grant more with an unknown value (Allow's Action and Resource, Deny's
   * NotAction and NotResource) an unknown part is `*`; elsewhere an unknown
   * action is left out and an unknown resource matches nothing.
   */
  private element(
    value: unknown,
    element: Element,
    allow: boolean,
    sid: string | undefined,
  ): string | string[] | 'drop' {
    const negative = element.startsWith('Not');
    const wide = allow !== negative;
    const isAction = element.endsWith('Action');
    const effect = allow ? 'Allow' : 'Deny';
    const out: string[] = [];
    for (const item of this.reader.itemsOf(value, this.doc)) {
      if (item.when && !wide) {
        this.record(
          sid,
          effect,
          `${element} entry ${quote(item.value, 80)} exists only when ${item.when}; it is left out.`,
        );
        continue;
      }
      const parts = this.reader.partsOf(item.value, this.doc);
      if (!parts) continue;
      if (!hasHoles(parts)) {
        out.push(parts.join(''));
        continue;
      }
      const why = holeWhy(parts);
      if (wide) {
        const w = widen(parts);
        out.push(w);
        this.record(
          sid,
          effect,
          `${element} ${quote(item.value, 100)} could not be resolved (${why}); it is read as \`${w}\`.`,
        );
      } else if (isAction) {
        this.record(
          sid,
          effect,
          `${element} ${quote(item.value, 100)} could not be resolved (${why}); it is left out.`,
        );
      } else {
        out.push(UNRESOLVED_RESOURCE);
        this.record(
          sid,
          effect,
          `${element} ${quote(item.value, 100)} could not be resolved (${why}); it matches nothing here.`,
        );
      }
    }
    const unique = [...new Set(out)];
    if (unique.length === 0 && !allow && element === 'Action') {
      this.record(sid, 'Deny', 'none of its actions could be read; it is not counted.');
      return 'drop';
    }
    if (unique.length === 0 && !allow && element === 'Resource')
      return Array.isArray(value) ? [UNRESOLVED_RESOURCE] : UNRESOLVED_RESOURCE;
    return !Array.isArray(value) && unique.length === 1 ? unique[0] : unique;
  }

  /**
   * Principal or NotPrincipal (trust policies). The account and region of an
   * environment-agnostic stack read as placeholders, as in the principals' own
   * ARNs; any other unknown value is `*` where it may grant more and left out
   * where it may grant less.
   */
  private principal(
    value: unknown,
    wide: boolean,
    sid: string | undefined,
    effect: string,
  ): '*' | Record<string, string | string[]> | 'drop' {
    if (value === '*') return '*';
    if (!isObject(value) || intrinsicName(value) !== undefined) {
      const parts = this.reader.partsOf(value, this.doc);
      if (parts && !hasHoles(parts) && parts.join('') === '*') return '*';
      this.record(
        sid,
        effect,
        `its principal ${quote(value, 80)} could not be read; ${wide ? 'it is read as `*`' : 'it is not counted'}.`,
      );
      return wide ? '*' : 'drop';
    }
    const out: Record<string, string | string[]> = {};
    for (const [type, v] of Object.entries(value)) {
      const list: string[] = [];
      for (const item of this.reader.itemsOf(v, this.doc)) {
        if (item.when && !wide) {
          this.record(sid, effect, `principal ${quote(item.value, 80)} exists only when ${item.when}; it is left out.`);
          continue;
        }
        const parts = this.reader.partsOf(item.value, this.doc);
        if (!parts) continue;
        const shown = withPlaceholders(parts);
        if (shown !== undefined) list.push(shown);
        else if (wide) {
          list.push('*');
          this.record(
            sid,
            effect,
            `principal ${quote(item.value, 100)} could not be resolved (${holeWhy(parts)}); it is read as \`*\`.`,
          );
        } else
          this.record(
            sid,
            effect,
            `principal ${quote(item.value, 100)} could not be resolved (${holeWhy(parts)}); it is left out.`,
          );
      }
      if (list.length > 0) out[type] = !Array.isArray(v) && list.length === 1 ? list[0] : [...new Set(list)];
    }
    if (Object.keys(out).length === 0 && !wide) return 'drop';
    return out;
  }

  /**
   * The Condition block. A test whose value cannot be resolved is dropped from
   * an Allow (it may hold) and drops a Deny (it may not).
   */
  private condition(
    value: unknown,
    allow: boolean,
    sid: string | undefined,
  ): Record<string, Record<string, unknown>> | undefined | 'drop' {
    const effect = allow ? 'Allow' : 'Deny';
    const branches = this.reader.branchesOf(value, this.doc);
    if (
      branches.length !== 1 ||
      branches[0].when ||
      !isObject(branches[0].value) ||
      intrinsicName(branches[0].value) !== undefined
    ) {
      if (branches.length === 0) return undefined;
      this.record(
        sid,
        effect,
        allow
          ? `its Condition ${quote(value, 80)} could not be read; it is read without it.`
          : `its Condition ${quote(value, 80)} could not be read; it is not counted.`,
      );
      return allow ? undefined : 'drop';
    }
    const out: Record<string, Record<string, unknown>> = {};
    for (const [op, tests] of Object.entries(branches[0].value)) {
      if (!isObject(tests)) {
        this.record(
          sid,
          effect,
          `condition operator \`${op}\` has no tests; ${allow ? 'it is left out' : 'it is not counted'}.`,
        );
        if (!allow) return 'drop';
        continue;
      }
      const kept: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(tests)) {
        const read = this.conditionValue(v);
        if (read.ok) {
          kept[key] = read.value;
          continue;
        }
        this.record(
          sid,
          effect,
          `condition \`${op}\` on \`${key}\` compares with ${quote(v, 80)}, which could not be resolved (${read.why}); ${allow ? 'the test is left out' : 'it is not counted'}.`,
        );
        if (!allow) return 'drop';
      }
      if (Object.keys(kept).length > 0) out[op] = kept;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  private conditionValue(v: unknown): { ok: true; value: unknown } | { ok: false; why: string } {
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      return { ok: true, value: v };
    const items = this.reader.itemsOf(v, this.doc);
    const out: unknown[] = [];
    for (const item of items) {
      if (item.when) return { ok: false, why: `it exists only when ${item.when}` };
      if (typeof item.value === 'boolean' || typeof item.value === 'number') {
        out.push(item.value);
        continue;
      }
      const parts = this.reader.partsOf(item.value, this.doc);
      if (!parts) continue;
      if (hasHoles(parts)) return { ok: false, why: holeWhy(parts) };
      out.push(parts.join(''));
    }
    return { ok: true, value: Array.isArray(v) || out.length !== 1 ? out : out[0] };
  }
}
