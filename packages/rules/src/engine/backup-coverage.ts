import {
  allResources,
  nameOf,
  unknownAccount,
  type NormalisedResource,
  type ResourceModel,
  type StackDocument,
} from '../model';
import {
  arnAccount,
  followNested,
  importedExport,
  partResource,
  stringParts,
  type AccountReading,
  type StringPart,
} from './references';
import { isTerraformResource } from '../dialects/terraform-json-names';
import { documentLabel } from '../text/idiom-words';
import { globMatches } from './glob';
import { evaluateCondition, intrinsicName, quote, resolvePath, resolveValue } from './values';

/** One copy action of one backup plan rule, with where its destination lives. */
export interface CopyDestination {
  readonly plan: NormalisedResource;
  readonly ruleName: string;
  readonly destination: unknown;
  readonly account: AccountReading;
}

/** What the app's backup plans do for one resource. */
export type CoverageVerdict =
  | {
      readonly status: 'isolated';
      readonly plan: NormalisedResource;
      readonly selection: NormalisedResource;
      readonly account: string;
    }
  | { readonly status: 'not-selected' }
  | {
      readonly status: 'no-isolated-copy';
      /** Plans that select (or may select) the resource, and why none of their copies is proven to leave the account. */
      readonly reasons: readonly string[];
      /** True when some reason is a value known only at deploy time (or outside the app), not a proven fact. */
      readonly unresolved: boolean;
      /**
       * Exports that a selection judging the resource imports (its plan, its
       * `Resources`) and that no stack of the model defines: the rest of the
       * backup set-up is in a stack this evaluation did not see.
       */
      readonly missingExports: readonly string[];
    };

/**
 * Whether a selection picks a resource: `yes` when proven from the templates,
 * `no` when proven not to, `maybe` when it depends on something known only at
 * deploy time. Inclusion needs `yes`; an exclusion counts unless it is `no`.
 */
type Match = { readonly kind: 'yes' } | { readonly kind: 'no' } | { readonly kind: 'maybe'; readonly reason: string };

const YES: Match = { kind: 'yes' };
const NO: Match = { kind: 'no' };
const maybe = (reason: string): Match => ({ kind: 'maybe', reason });

/** Any of the matches (OR): proven when one is proven. */
function anyOf(matches: readonly Match[]): Match {
  if (matches.some((m) => m.kind === 'yes')) return YES;
  return matches.find((m) => m.kind === 'maybe') ?? NO;
}

/** All of the matches (AND): disproven when one is disproven. */
function allOf(matches: readonly Match[]): Match {
  if (matches.some((m) => m.kind === 'no')) return NO;
  return matches.find((m) => m.kind === 'maybe') ?? YES;
}

function negate(m: Match): Match {
  return m.kind === 'yes' ? NO : m.kind === 'no' ? YES : m;
}

/** The two branches of an undecided `Fn::If`: known only when they agree. */
function bothBranches(a: Match, b: Match, reason: string): Match {
  return a.kind === b.kind && a.kind !== 'maybe' ? a : a.kind === 'maybe' ? a : b.kind === 'maybe' ? b : maybe(reason);
}

/** Resource types AWS Backup can protect, for `*` selections and tag selections. */
const BACKUP_SUPPORTED = new Set([
  'AWS::RDS::DBInstance',
  'AWS::RDS::DBCluster',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::GlobalTable',
  'AWS::EFS::FileSystem',
  'AWS::EC2::Volume',
  'AWS::EC2::Instance',
  'AWS::FSx::FileSystem',
  'AWS::DocDB::DBCluster',
  'AWS::Neptune::DBCluster',
  'AWS::S3::Bucket',
  'AWS::Redshift::Cluster',
  'AWS::Timestream::Table',
  'AWS::CloudFormation::Stack',
]);

/**
 * How the ARN of each protectable type is built from the resource's `Ref`, and
 * which `Fn::GetAtt` attribute returns the ARN: this is how a selection entry
 * written as `arn:${AWS::Partition}:rds:…:db:${Db}` (what CDK's
 * `BackupResource.fromRdsDatabaseInstance` renders) or `Table.Arn` is tied to
 * the resource, and `Table.StreamArn` or `…:table/${Table}/index/*` is not.
 */
const ARN_SHAPES: Readonly<
  Record<
    string,
    { readonly service: string; readonly marker: string; readonly attribute?: string; readonly global?: boolean }
  >
> = {
  'AWS::RDS::DBInstance': { service: 'rds', marker: 'db:', attribute: 'DBInstanceArn' },
  'AWS::RDS::DBCluster': { service: 'rds', marker: 'cluster:', attribute: 'DBClusterArn' },
  'AWS::DocDB::DBCluster': { service: 'rds', marker: 'cluster:' },
  'AWS::Neptune::DBCluster': { service: 'rds', marker: 'cluster:' },
  'AWS::DynamoDB::Table': { service: 'dynamodb', marker: 'table/', attribute: 'Arn' },
  'AWS::DynamoDB::GlobalTable': { service: 'dynamodb', marker: 'table/', attribute: 'Arn' },
  'AWS::EFS::FileSystem': { service: 'elasticfilesystem', marker: 'file-system/', attribute: 'Arn' },
  'AWS::FSx::FileSystem': { service: 'fsx', marker: 'file-system/' },
  'AWS::EC2::Volume': { service: 'ec2', marker: 'volume/' },
  'AWS::EC2::Instance': { service: 'ec2', marker: 'instance/' },
  'AWS::Redshift::Cluster': { service: 'redshift', marker: 'cluster:' },
  'AWS::S3::Bucket': { service: 's3', marker: '', attribute: 'Arn', global: true },
};

/** Stands for a part of an ARN not known before deployment; only a wildcard matches it. */
const UNKNOWN = '\u0000';

function partitionOf(doc: StackDocument): string {
  if (!doc.region) return UNKNOWN;
  return doc.region.startsWith('cn-') ? 'aws-cn' : doc.region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** How an ARN of each protectable type is spelled, for matching literal ARNs and wildcards. */
function arnOf(r: NormalisedResource): string | undefined {
  const doc = r.document;
  const region = doc.region ?? UNKNOWN;
  const account = doc.account ?? UNKNOWN;
  const name = (prop: string, lower = true): string => {
    const v = resolvePath(r.properties, [prop], doc);
    return v.kind === 'known' && typeof v.value === 'string' ? (lower ? v.value.toLowerCase() : v.value) : UNKNOWN;
  };
  const p = `arn:${partitionOf(doc)}`;
  switch (r.type) {
    case 'AWS::RDS::DBInstance':
      return `${p}:rds:${region}:${account}:db:${name('DBInstanceIdentifier')}`;
    case 'AWS::RDS::DBCluster':
    case 'AWS::DocDB::DBCluster':
    case 'AWS::Neptune::DBCluster':
      return `${p}:rds:${region}:${account}:cluster:${name('DBClusterIdentifier')}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return `${p}:dynamodb:${region}:${account}:table/${name('TableName', false)}`;
    case 'AWS::EFS::FileSystem':
      return `${p}:elasticfilesystem:${region}:${account}:file-system/${UNKNOWN}`;
    case 'AWS::FSx::FileSystem':
      return `${p}:fsx:${region}:${account}:file-system/${UNKNOWN}`;
    case 'AWS::EC2::Volume':
      return `${p}:ec2:${region}:${account}:volume/${UNKNOWN}`;
    case 'AWS::EC2::Instance':
      return `${p}:ec2:${region}:${account}:instance/${UNKNOWN}`;
    case 'AWS::S3::Bucket':
      return `${p}:s3:::${name('BucketName', false)}`;
    case 'AWS::Redshift::Cluster':
      return `${p}:redshift:${region}:${account}:cluster:${name('ClusterIdentifier')}`;
    default:
      return undefined;
  }
}

/** AWS Backup ARN/tag patterns (linear time: see `glob.ts`). */
export { globMatches };

/** The value of a property once the `Fn::If`s that can be decided before deployment are followed. */
type Decided =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'undecided'; readonly condition: string; readonly branches: readonly [unknown, unknown] };

/**
 * Follows `Fn::If` on conditions decidable from literals, and `AWS::NoValue`;
 * nothing else is resolved. `assumed` conditions are taken as true: those the
 * judged resource exists under, so that a selection written
 * `Fn::If: [C, <the resource>, AWS::NoValue]` beside a resource created under
 * `C` selects it whenever it exists.
 */
function decide(value: unknown, doc: StackDocument, assumed?: ReadonlySet<string>): Decided {
  let v = value;
  for (let i = 0; i < 16; i++) {
    if (v === undefined) return { kind: 'absent' };
    const fn = intrinsicName(v);
    if (fn === 'Ref' && (v as { Ref: unknown }).Ref === 'AWS::NoValue') return { kind: 'absent' };
    if (fn !== 'Fn::If') return { kind: 'value', value: v };
    const arg = (v as Record<string, unknown>)[fn];
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return { kind: 'value', value: v };
    const cond = assumed?.has(arg[0]) ? true : evaluateCondition({ Condition: arg[0] }, doc);
    if (cond === undefined) return { kind: 'undecided', condition: arg[0], branches: [arg[1], arg[2]] };
    v = cond ? arg[1] : arg[2];
  }
  return { kind: 'value', value: v };
}

const dependsOn = (what: string, condition: string) =>
  `${what} depends on condition "${condition}", decided at deploy time`;
const undecidedReason = (condition: string) => dependsOn('it', condition);

/** What a resource's tags are, as far as the templates prove them. */
export interface TagReading {
  /** Tags whose key and value are known: the stack's, overridden by the resource's own. */
  readonly tags: ReadonlyMap<string, string>;
  /** Keys whose value cannot be resolved before deployment. */
  readonly unresolvedKeys: ReadonlySet<string>;
  /** True when some tag's key cannot be resolved, so any key may be present. */
  readonly unknownKeys: boolean;
}

const tagReadings = new WeakMap<NormalisedResource, TagReading>();

/**
 * The tags a resource will carry: its stack's, which CloudFormation propagates,
 * then its own (`Tags` as a list or map, `FileSystemTags`, and for a DynamoDB
 * global table the `Tags` of the replica in the stack's region, where CDK's
 * `Tags.of(tableV2)` puts them). A tag that cannot be resolved is recorded as
 * such: it proves neither presence nor absence. Read once per resource.
 */
export function readTags(r: NormalisedResource): TagReading {
  let t = tagReadings.get(r);
  if (!t) tagReadings.set(r, (t = readTagsUncached(r)));
  return t;
}

function readTagsUncached(r: NormalisedResource): TagReading {
  const doc = r.document;
  const tags = new Map<string, string>(Object.entries(doc.tags));
  const unresolvedKeys = new Set<string>();
  let unknownKeys = false;
  const setTag = (key: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      tags.set(key, String(value));
      unresolvedKeys.delete(key);
    } else {
      tags.delete(key);
      unresolvedKeys.add(key);
    }
  };
  const readList = (path: readonly (string | number)[]) => {
    const raw = decide(resolveRawPath(r.properties, path, doc), doc);
    if (raw.kind === 'absent') return;
    if (raw.kind === 'undecided') {
      unknownKeys = true;
      return;
    }
    if (Array.isArray(raw.value)) {
      // Tags are read one by one so that one unresolvable tag does not hide the others.
      raw.value.forEach((_t, i) => {
        const entry = decide((raw.value as unknown[])[i], doc);
        if (entry.kind === 'absent') return;
        const key = resolvePath(r.properties, [...path, i, 'Key'], doc);
        if (key.kind === 'absent') return;
        if (key.kind !== 'known' || typeof key.value !== 'string') {
          unknownKeys = true;
          return;
        }
        const value = resolvePath(r.properties, [...path, i, 'Value'], doc);
        setTag(key.value, value.kind === 'known' ? value.value : undefined);
      });
      return;
    }
    const whole = resolvePath(r.properties, path, doc);
    if (whole.kind === 'known' && whole.value && typeof whole.value === 'object' && !Array.isArray(whole.value)) {
      for (const [k, val] of Object.entries(whole.value)) setTag(k, val);
    } else if (whole.kind === 'unresolved') {
      unknownKeys = true;
    }
  };
  readList(['Tags']);
  readList(['FileSystemTags']);
  if (r.type === 'AWS::DynamoDB::GlobalTable') {
    const replica = localReplica(r);
    if (replica === 'unknown') unknownKeys = true;
    else if (replica !== undefined) readList(['Replicas', replica, 'Tags']);
  }
  return { tags, unresolvedKeys, unknownKeys };
}

/** The resource's tags whose key and value are known (see `readTags`). */
export function resourceTags(r: NormalisedResource): Map<string, string> {
  return new Map(readTags(r).tags);
}

/** Index of the global table replica in the stack's own region, `unknown` when that cannot be told. */
function localReplica(r: NormalisedResource): number | 'unknown' | undefined {
  const replicas = r.properties.Replicas;
  if (!Array.isArray(replicas)) return replicas === undefined ? undefined : 'unknown';
  let uncertain = false;
  for (let i = 0; i < replicas.length; i++) {
    const raw = (replicas[i] as Record<string, unknown> | undefined)?.Region;
    if (intrinsicName(raw) === 'Ref' && (raw as { Ref: unknown }).Ref === 'AWS::Region') return i;
    const region = resolvePath(r.properties, ['Replicas', i, 'Region'], r.document);
    if (region.kind === 'known' && r.document.region !== undefined && region.value === r.document.region) return i;
    if (region.kind !== 'known' || r.document.region === undefined) uncertain = true;
  }
  return uncertain ? 'unknown' : undefined;
}

/** Walks a raw property path without resolving the values on the way (other than decidable `Fn::If`). */
function resolveRawPath(root: unknown, path: readonly (string | number)[], doc: StackDocument): unknown {
  let v: unknown = root;
  for (const step of path) {
    const d = decide(v, doc);
    if (d.kind !== 'value' || d.value === null || typeof d.value !== 'object')
      return d.kind === 'undecided' ? v : undefined;
    v = (d.value as Record<string | number, unknown>)[step];
  }
  return v;
}

/** Whether two documents deploy to the same account and region. */
function environment(a: StackDocument, b: StackDocument): 'same' | 'different' | 'unknown' {
  if (a === b) return 'same';
  if ((a.account && b.account && a.account !== b.account) || (a.region && b.region && a.region !== b.region))
    return 'different';
  if (a.account && b.account && a.region && b.region) return 'same';
  return 'unknown';
}

/**
 * The conditions that hold whenever `resource` exists: its own `Condition`,
 * and the conditions that one is the `Fn::And` of (transitively). Undefined for
 * a resource created unconditionally.
 */
function conditionsOf(resource: NormalisedResource): ReadonlySet<string> | undefined {
  if (resource.condition === undefined) return undefined;
  const out = new Set<string>();
  const add = (name: string, depth: number): void => {
    if (out.has(name) || depth > 16) return;
    out.add(name);
    const expr = resource.document.conditions[name];
    const parts = intrinsicName(expr) === 'Fn::And' ? (expr as { 'Fn::And': unknown })['Fn::And'] : [expr];
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      if (intrinsicName(part) === 'Condition') {
        const inner = (part as { Condition: unknown }).Condition;
        if (typeof inner === 'string') add(inner, depth + 1);
      }
    }
  };
  add(resource.condition, 0);
  return out;
}

/**
 * Does the resource exist, given its `Condition`? `assumed` holds the
 * conditions known to be true where the question is asked (those of the judged
 * resource, in its own stack): a selection or plan created under the same
 * condition as the resource exists whenever the resource does.
 */
function existence(r: NormalisedResource, assumed?: ReadonlySet<string>): Match {
  if (r.condition === undefined || assumed?.has(r.condition)) return YES;
  const c = evaluateCondition({ Condition: r.condition }, r.document);
  if (c === true) return YES;
  if (c === false) return NO;
  return maybe(`${nameOf(r)} is created only under condition "${r.condition}", decided at deploy time`);
}

/** Why a value that should be a list or an object cannot be read before deployment. */
function whyUnreadable(value: unknown, doc: StackDocument): string {
  const r = resolveValue(value, doc);
  return r.kind === 'unresolved' ? r.reason : 'it is not what CloudFormation expects here';
}

/**
 * Whose account a copy action's `DestinationBackupVaultArn` names. Beyond what
 * `arnAccount` reads from the ARN's text, an expression that resolves before
 * deployment (`Fn::Select` or `Fn::FindInMap` over literals) is read as its
 * value, and an undecided `Fn::If` as both branches (known when they agree).
 * Anything else is unknown, with the field, the expression and why.
 */
function destinationAccount(
  destination: unknown,
  doc: StackDocument,
  depth: number,
  model: ResourceModel,
): AccountReading {
  const unknown = (why: string): AccountReading => ({
    kind: 'unknown',
    reason: `DestinationBackupVaultArn is ${quote(destination, 100)}: ${why}`,
  });
  const d = decide(destination, doc);
  if (d.kind === 'absent') return unknown('it has no value');
  if (d.kind === 'undecided') {
    if (depth > 8) return unknown('it nests too deeply to evaluate');
    const [a, b] = d.branches.map((branch) => destinationAccount(branch, doc, depth + 1, model));
    if (a.kind === 'literal' && b.kind === 'literal' && a.account === b.account) return a;
    if (a.kind === 'same-as-stack' && b.kind === 'same-as-stack') return a;
    return unknown(undecidedReason(d.condition));
  }
  const reading = arnAccount(d.value, doc, model);
  if (reading.kind !== 'unknown') return reading;
  const r = resolveValue(d.value, doc);
  if (r.kind === 'known' && typeof r.value === 'string') {
    const literal = arnAccount(r.value, doc);
    return literal.kind === 'unknown' ? unknown(literal.reason) : literal;
  }
  // The ARN's own reading names the segment that cannot be read; a whole value that cannot says why.
  return unknown(
    r.kind === 'unresolved' && reading.reason === 'it is not an ARN whose account can be read'
      ? r.reason
      : reading.reason,
  );
}

/**
 * Which backup selections in the model select which resources, and whether the
 * plans behind them copy to a vault in another account. Built once per
 * evaluation; every rule that asks about isolated copies shares it.
 *
 * Selection follows AWS Backup: `Resources` (ARNs, patterns, `*`) OR
 * `ListOfTags` (StringEquals, OR), then AND every `Conditions` entry, minus
 * `NotResources`; `Conditions` alone select every supported resource that
 * matches them. A resource counts as selected only when that is proven from the
 * templates: unresolvable entries never select, and may exclude.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupSelection.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/assigning-resources-json.html
 */
export class BackupCoverage {
  private readonly verdicts = new Map<NormalisedResource, CoverageVerdict>();
  private readonly selections: NormalisedResource[];

  constructor(private readonly model: ResourceModel) {
    const all = allResources(model);
    this.selections = all.filter((r) => r.type === 'AWS::Backup::BackupSelection');
  }

  /**
   * The copy actions of a plan, each with its destination's account. A rule or
   * copy action under an undecidable condition is listed with an unknown account.
   */
  copyDestinations(plan: NormalisedResource): { copies: CopyDestination[]; unresolved?: string } {
    // Read once per plan: every resource a tag selection picks asks again about the same plan.
    let d = this.destinations.get(plan);
    if (!d) this.destinations.set(plan, (d = this.readCopyDestinations(plan)));
    return d;
  }

  private readonly destinations = new Map<NormalisedResource, { copies: CopyDestination[]; unresolved?: string }>();

  private readCopyDestinations(plan: NormalisedResource): { copies: CopyDestination[]; unresolved?: string } {
    const doc = plan.document;
    const body = decide(plan.properties.BackupPlan, doc);
    if (body.kind === 'undecided') return { copies: [], unresolved: undecidedReason(body.condition) };
    if (body.kind === 'absent') return { copies: [], unresolved: 'it has no `BackupPlan`' };
    if (!isPlainObject(body.value)) {
      const r = resolveValue(body.value, doc);
      return { copies: [], unresolved: r.kind === 'unresolved' ? r.reason : `\`BackupPlan\` is ${quote(body.value)}` };
    }
    const rules = decide(body.value.BackupPlanRule, doc);
    if (rules.kind === 'undecided') return { copies: [], unresolved: undecidedReason(rules.condition) };
    if (rules.kind === 'absent') return { copies: [] };
    if (!Array.isArray(rules.value)) {
      const r = resolveValue(rules.value, doc);
      return { copies: [], unresolved: r.kind === 'unresolved' ? r.reason : '`BackupPlanRule` is not a list' };
    }
    const copies: CopyDestination[] = [];
    const unknown = (ruleName: string, destination: unknown, reason: string) =>
      copies.push({ plan, ruleName, destination, account: { kind: 'unknown', reason } });
    rules.value.forEach((rawRule, i) => {
      const rule = decide(rawRule, doc);
      const fallback = `rule ${i + 1}`;
      if (rule.kind === 'absent') return;
      if (rule.kind === 'undecided') return unknown(fallback, rawRule, dependsOn('the rule', rule.condition));
      if (!isPlainObject(rule.value))
        return unknown(fallback, rawRule, `the rule is ${quote(rule.value)}, which cannot be read`);
      const nameR = resolveValue(rule.value.RuleName, doc);
      const ruleName = nameR.kind === 'known' ? String(nameR.value) : fallback;
      const actions = decide(rule.value.CopyActions, doc);
      if (actions.kind === 'absent') return;
      if (actions.kind === 'undecided')
        return unknown(ruleName, rule.value.CopyActions, dependsOn('its copy actions', actions.condition));
      if (!Array.isArray(actions.value))
        return unknown(
          ruleName,
          actions.value,
          `CopyActions is ${quote(actions.value)}: ${whyUnreadable(actions.value, doc)}`,
        );
      for (const rawAction of actions.value) {
        const action = decide(rawAction, doc);
        if (action.kind === 'absent') continue;
        if (action.kind === 'undecided') {
          unknown(ruleName, rawAction, dependsOn('the copy action', action.condition));
          continue;
        }
        if (!isPlainObject(action.value)) {
          unknown(
            ruleName,
            action.value,
            `a copy action is ${quote(action.value)}: ${whyUnreadable(action.value, doc)}`,
          );
          continue;
        }
        const destination = action.value.DestinationBackupVaultArn;
        if (destination === undefined) {
          unknown(ruleName, action.value, 'the copy action has no DestinationBackupVaultArn');
          continue;
        }
        copies.push({ plan, ruleName, destination, account: destinationAccount(destination, doc, 0, this.model) });
      }
    });
    return { copies };
  }

  /** Is the destination proven to be in another account than `source`? */
  static crossAccount(copy: CopyDestination, sourceAccount: string | undefined): boolean {
    return copy.account.kind === 'literal' && sourceAccount !== undefined && copy.account.account !== sourceAccount;
  }

  verdict(resource: NormalisedResource): CoverageVerdict {
    let v = this.verdicts.get(resource);
    if (!v) {
      v = this.compute(resource);
      this.verdicts.set(resource, v);
    }
    return v;
  }

  private compute(resource: NormalisedResource): CoverageVerdict {
    const reasons: string[] = [];
    let selected = false;
    let unresolved = false;
    const missingExports: string[] = [];
    const unsure = (reason: string, selection?: NormalisedResource) => {
      unresolved = true;
      reasons.push(reason);
      for (const name of selection ? this.missingImports(selection) : [])
        if (!missingExports.includes(name)) missingExports.push(name);
    };
    // What holds whenever the resource exists: a selection or plan under the same condition exists with it.
    const own = conditionsOf(resource);
    // A Terraform user's "plan" is `terraform plan`'s: an AWS Backup plan is called a backup plan.
    const terraform = isTerraformResource(resource);
    const planWord = terraform ? 'backup plan' : 'plan';
    for (const selection of this.candidates(resource)) {
      const assumed = selection.document === resource.document ? own : undefined;
      const m = this.selectionMatch(selection, resource, assumed);
      if (m.kind === 'no') continue;
      selected = true;
      // Written only when a reason needs it: most selections prove their plan.
      const where = () =>
        selection.document === resource.document
          ? `selection ${nameOf(selection)}`
          : `selection ${nameOf(selection)} (${documentLabel(selection.document)})`;
      if (m.kind === 'maybe') {
        unsure(`${where()} is not proven to select it: ${m.reason}`, selection);
        continue;
      }
      const { plans, unresolved: unknownPlan } = this.plansOf(selection, assumed);
      if (unknownPlan) {
        unsure(
          `${where()} is not proven to belong to a ${planWord} of this ${terraform ? 'configuration' : 'app'}: ${unknownPlan}`,
          selection,
        );
        continue;
      }
      if (plans.length > 1) {
        unsure(
          `${where()} names ${planWord} ${plans.map((p) => nameOf(p)).join(' or ')}, depending on a value known only at ${terraform ? 'apply' : 'deploy'} time`,
        );
        continue;
      }
      const plan = plans[0];
      const exists = existence(plan, plan.document === resource.document ? own : undefined);
      if (exists.kind !== 'yes') {
        if (exists.kind === 'no')
          reasons.push(`${planWord} ${nameOf(plan)} is not created (its condition "${plan.condition}" is false)`);
        else unsure(`${planWord} ${nameOf(plan)} is not proven to exist: ${exists.reason}`);
        continue;
      }
      const { copies, unresolved: unreadable } = this.copyDestinations(plan);
      if (unreadable) {
        unsure(`the rules of ${planWord} ${nameOf(plan)} cannot be read: ${unreadable}`);
        continue;
      }
      const source = resource.document.account;
      const good = copies.find((c) => BackupCoverage.crossAccount(c, source));
      if (good && good.account.kind === 'literal') {
        return { status: 'isolated', plan, selection, account: good.account.account };
      }
      if (copies.length === 0) reasons.push(`${planWord} ${nameOf(plan)} has no copy action`);
      for (const c of copies) {
        if (c.account.kind === 'unknown' || source === undefined) unsure(describeCopy(c, source, planWord));
        else reasons.push(describeCopy(c, source, planWord));
      }
    }
    if (!selected) return { status: 'not-selected' };
    return {
      status: 'no-isolated-copy',
      reasons: terraform ? reasons.map(inTerraformWords) : reasons,
      unresolved,
      missingExports,
    };
  }

  private readonly imports = new Map<NormalisedResource, readonly string[]>();

  /**
   * The export names a selection imports (`Fn::ImportValue` anywhere in its
   * properties, its name resolved) that no one stack of the model defines.
   * Read once per selection; the walk is bounded in depth and size.
   */
  private missingImports(selection: NormalisedResource): readonly string[] {
    let names = this.imports.get(selection);
    if (names) return names;
    const out: string[] = [];
    const doc = selection.document;
    let budget = 10_000;
    const walk = (v: unknown, depth: number): void => {
      if (depth > 32 || --budget < 0 || v === null || typeof v !== 'object') return;
      if (Array.isArray(v)) {
        for (const item of v) walk(item, depth + 1);
        return;
      }
      if (intrinsicName(v) === 'Fn::ImportValue') {
        const arg = (v as Record<string, unknown>)['Fn::ImportValue'];
        const name = resolveValue(arg, doc);
        if (name.kind === 'known' && typeof name.value === 'string' && !importedExport(arg, doc, this.model))
          if (!out.includes(name.value)) out.push(name.value);
        return;
      }
      for (const child of Object.values(v)) walk(child, depth + 1);
    };
    walk(selection.properties, 0);
    this.imports.set(selection, (names = out));
    return names;
  }

  /** Which selections may select which resources; built on the first verdict. */
  private index?: {
    /** Positions (in `selections`) of the selections that may select any resource. */
    readonly open: readonly number[];
    readonly byResource: ReadonlyMap<NormalisedResource, number[]>;
    readonly byArn: ReadonlyMap<string, number[]>;
  };

  /**
   * The selections that may select a resource, in model order. Most selections
   * (CDK's `BackupResource.fromX`, a Terraform `aws_backup_selection`'s
   * `resources`) name their resources by reference or by literal ARN only: for
   * any other resource the answer is no, so they are not read again for it.
   * Asking every selection of a large estate about every data store would cost
   * selections × resources.
   */
  private candidates(resource: NormalisedResource): NormalisedResource[] {
    if (!this.index) {
      const open: number[] = [];
      const byResource = new Map<NormalisedResource, number[]>();
      const byArn = new Map<string, number[]>();
      this.selections.forEach((selection, n) => {
        const summary = this.summary(selection);
        if (!summary) return void open.push(n);
        for (const r of summary.referenced) pushTo(byResource, r, n);
        for (const arn of summary.literals) pushTo(byArn, arn, n);
      });
      this.index = { open, byResource, byArn };
    }
    const { open, byResource, byArn } = this.index;
    const arn = byArn.size > 0 ? arnOf(resource) : undefined;
    const found = [...open, ...(byResource.get(resource) ?? []), ...((arn !== undefined && byArn.get(arn)) || [])];
    return [...new Set(found)].sort((a, b) => a - b).map((n) => this.selections[n]);
  }

  /**
   * When a selection's only base is a `Resources` list whose every entry is
   * made of references to resources of the model and literal text (no
   * parameter, `Fn::Select`, `Fn::If`, wildcard-only literal or tag), or is a
   * literal ARN without a wildcard: the resources it refers to and the ARNs it
   * names. Such a selection can select no other resource (a literal without a
   * wildcard matches only the resource whose ARN it is: see `matchesLiteral`).
   * Undefined for any other selection.
   */
  private summary(
    selection: NormalisedResource,
  ): { referenced: ReadonlySet<NormalisedResource>; literals: ReadonlySet<string> } | undefined {
    const body = selection.properties.BackupSelection;
    if (
      !isPlainObject(body) ||
      body.ListOfTags !== undefined ||
      !Array.isArray(body.Resources) ||
      body.Resources.length === 0
    )
      return undefined;
    const referenced = new Set<NormalisedResource>();
    const literals = new Set<string>();
    for (const entry of body.Resources as unknown[]) {
      if (typeof entry === 'string' && entry !== '' && !/[*?]/.test(entry)) {
        literals.add(entry);
        continue;
      }
      const refs = this.pureReferences(entry, selection.document, 0);
      if (!refs) return undefined;
      for (const r of refs) referenced.add(r);
    }
    return { referenced, literals };
  }

  /**
   * The resources an entry names when it is made only of references to them
   * (`Ref`, `Fn::GetAtt`, `${X}` in `Fn::Sub`, through `Fn::ImportValue` of an
   * export in the model), literal text and pseudo parameters; undefined when
   * any part is something else, which could name any resource at deploy time.
   */
  private pureReferences(entry: unknown, doc: StackDocument, depth: number): NormalisedResource[] | undefined {
    if (depth > 8) return undefined;
    const d = decide(entry, doc);
    if (d.kind !== 'value') return undefined;
    if (intrinsicName(d.value) === 'Fn::ImportValue') {
      const found = importedExport((d.value as Record<string, unknown>)['Fn::ImportValue'], doc, this.model);
      return found ? this.pureReferences(found.value, found.document, depth + 1) : undefined;
    }
    const out: NormalisedResource[] = [];
    for (const p of stringParts(d.value, doc, 0, this.model)) {
      if (typeof p === 'string' || 'pseudo' in p) continue;
      const r = partResource(p, doc);
      if (!r) return undefined;
      out.push(r);
    }
    return out.length > 0 ? out : undefined;
  }

  /** The plan a selection's `BackupPlanId` names, in this or another stack of the model, when it is one plan. */
  planOf(selection: NormalisedResource): NormalisedResource | undefined {
    const { plans, unresolved } = this.plansOf(selection, undefined);
    return plans.length === 1 && !unresolved ? plans[0] : undefined;
  }

  /**
   * The plans a selection's `BackupPlanId` may name: each branch of an
   * undecided `Fn::If` must be a plan's id (`Ref` or `Fn::GetAtt … BackupPlanId`
   * of a plan in the model, directly or through `Fn::ImportValue`). Anything
   * else (a parameter, a literal id, `Fn::Select`, an export from outside the
   * app) is `unresolved`, naming the field and the expression: a selection is
   * never counted against a plan it may not belong to.
   */
  private plansOf(
    selection: NormalisedResource,
    assumed: ReadonlySet<string> | undefined,
  ): { plans: NormalisedResource[]; unresolved?: string } {
    // Read once per selection for the resources that exist unconditionally (most of them).
    if (assumed !== undefined) return this.readPlansOf(selection, assumed);
    let read = this.plans.get(selection);
    if (!read) this.plans.set(selection, (read = this.readPlansOf(selection, undefined)));
    return read;
  }

  private readonly plans = new Map<NormalisedResource, { plans: NormalisedResource[]; unresolved?: string }>();

  private readPlansOf(
    selection: NormalisedResource,
    assumed: ReadonlySet<string> | undefined,
  ): { plans: NormalisedResource[]; unresolved?: string } {
    const plans: NormalisedResource[] = [];
    let unresolved: string | undefined;
    const problem = (expr: unknown, why: string) => (unresolved ??= `BackupPlanId is ${quote(expr, 100)}: ${why}`);
    const visit = (expr: unknown, doc: StackDocument, depth: number, local: boolean): void => {
      const d = decide(expr, doc, local ? assumed : undefined);
      if (d.kind === 'absent') return void problem(expr, 'it has no value');
      if (d.kind === 'undecided') {
        if (depth > 8) return void problem(expr, 'it nests too deeply to evaluate');
        for (const branch of d.branches) visit(branch, doc, depth + 1, local);
        return;
      }
      const v = d.value;
      // A plan in a nested stack (its id an output the parent reads), or in the parent (a parameter passed in).
      const across = followNested(v, doc, this.model);
      if (across?.kind === 'unfollowed') return void problem(expr, `it is ${across.what}`);
      if (across) {
        if (depth > 8) return void problem(expr, 'it nests too deeply to evaluate');
        // Conditions are named per stack: the other stack's are its own.
        return visit(across.value, across.document, depth + 1, false);
      }
      const fn = intrinsicName(v);
      const arg = fn ? (v as Record<string, unknown>)[fn] : undefined;
      let target: string | undefined;
      if (fn === 'Ref' && typeof arg === 'string') target = arg;
      else if (fn === 'Fn::GetAtt') {
        const [name, attribute] = Array.isArray(arg) ? arg : typeof arg === 'string' ? arg.split('.') : [];
        if (attribute === 'BackupPlanId' && typeof name === 'string') target = name;
      } else if (fn === 'Fn::Select' && Array.isArray(arg) && arg.length === 2 && Array.isArray(arg[1])) {
        // A literal list picked by a literal index is the picked entry.
        const index = resolveValue(arg[0], doc);
        const i = index.kind === 'known' ? Number(index.value) : NaN;
        if (Number.isInteger(i) && i >= 0 && i < arg[1].length && depth <= 8)
          return visit(arg[1][i], doc, depth + 1, local);
      } else if (fn === 'Fn::ImportValue') {
        const found = depth > 8 ? undefined : importedExport(arg, doc, this.model);
        if (found) return visit(found.value, found.document, depth + 1, false);
        {
          const name = resolveValue(arg, doc);
          return void problem(
            expr,
            name.kind === 'known' && typeof name.value === 'string'
              ? `it is imported from export "${name.value}", which no stack checked here (or more than one) defines`
              : 'it is imported from an export that no stack of the app (or more than one) defines',
          );
        }
      }
      const plan = target === undefined ? undefined : doc.resources.get(target);
      if (plan?.type === 'AWS::Backup::BackupPlan') {
        if (!plans.includes(plan)) plans.push(plan);
        return;
      }
      const r = resolveValue(v, doc);
      problem(
        expr,
        r.kind === 'known'
          ? `it names plan ${quote(r.value, 60)}, which is not in this app, so its copy actions cannot be read`
          : r.kind === 'unresolved'
            ? r.reason
            : 'it has no value',
      );
    };
    visit(selection.properties.BackupPlanId, selection.document, 0, true);
    return { plans, unresolved };
  }

  private selectionMatch(
    selection: NormalisedResource,
    resource: NormalisedResource,
    assumed: ReadonlySet<string> | undefined,
  ): Match {
    const doc = selection.document;
    const exists = existence(selection, assumed);
    if (exists.kind === 'no') return NO;
    const body = decide(selection.properties.BackupSelection, doc, assumed);
    if (body.kind === 'absent') return NO;
    if (body.kind === 'undecided') return maybe(dependsOn('its BackupSelection', body.condition));
    if (!isPlainObject(body.value)) {
      const r = resolveValue(body.value, doc);
      return maybe(`its BackupSelection cannot be read${r.kind === 'unresolved' ? `: ${r.reason}` : ''}`);
    }
    const sel = body.value;
    const env = environment(doc, resource.document);
    const supported = BACKUP_SUPPORTED.has(resource.type);
    // Tags and `Conditions` apply to the resources of the selection's own account and region.
    const sameAccount: Match =
      env === 'same'
        ? YES
        : env === 'different'
          ? NO
          : maybe(
              `${documentLabel(doc)} and ${documentLabel(resource.document)} are not proven to deploy to the same account and region`,
            );

    const hasBase = sel.Resources !== undefined || sel.ListOfTags !== undefined;
    let base: Match;
    if (hasBase) {
      base = anyOf([
        this.listMatch(sel.Resources, doc, resource, 'include', assumed),
        supported ? allOf([sameAccount, tagListMatch(sel.ListOfTags, doc, resource, assumed)]) : NO,
      ]);
    } else if (sel.Conditions !== undefined) {
      base = supported ? sameAccount : NO;
    } else {
      base = NO;
    }
    if (base.kind === 'no') return NO;
    const conditions = conditionsMatch(sel.Conditions, doc, resource, assumed);
    const excluded = this.listMatch(sel.NotResources, doc, resource, 'exclude', assumed);
    return allOf([
      exists,
      base,
      conditions,
      negate(excluded.kind === 'maybe' ? maybe(`it may be excluded: ${excluded.reason}`) : excluded),
    ]);
  }

  /** Does a `Resources`/`NotResources` list name the resource? */
  private listMatch(
    list: unknown,
    doc: StackDocument,
    resource: NormalisedResource,
    mode: 'include' | 'exclude',
    assumed: ReadonlySet<string> | undefined,
  ): Match {
    const d = decide(list, doc, assumed);
    if (d.kind === 'absent') return NO;
    if (d.kind === 'undecided') {
      return bothBranches(
        this.listMatch(d.branches[0], doc, resource, mode, assumed),
        this.listMatch(d.branches[1], doc, resource, mode, assumed),
        undecidedReason(d.condition),
      );
    }
    if (Array.isArray(d.value)) return anyOf(d.value.map((e) => this.entryMatch(e, doc, resource, mode, 0, assumed)));
    const r = resolveValue(d.value, doc);
    if (r.kind === 'known') {
      const values = Array.isArray(r.value) ? r.value : [r.value];
      return anyOf(values.map((e) => this.entryMatch(e, doc, resource, mode, 0, assumed)));
    }
    return r.kind === 'unresolved'
      ? maybe(`its ${fieldOf(mode)} is ${quote(d.value, 80)}, which cannot be resolved: ${r.reason}`)
      : NO;
  }

  /**
   * Does one ARN entry name the resource? By reference (its ARN built from its
   * `Ref`, or its ARN attribute, in this stack or through an `Fn::ImportValue`),
   * by literal ARN or by wildcard.
   */
  private entryMatch(
    entry: unknown,
    doc: StackDocument,
    resource: NormalisedResource,
    mode: 'include' | 'exclude',
    depth: number,
    assumed: ReadonlySet<string> | undefined,
  ): Match {
    const field = `its ${fieldOf(mode)} entry`;
    if (depth > 8) return maybe(`${field} ${quote(entry, 80)} nests too deeply to evaluate`);
    const d = decide(entry, doc, assumed);
    if (d.kind === 'absent') return NO;
    if (d.kind === 'undecided') {
      return bothBranches(
        this.entryMatch(d.branches[0], doc, resource, mode, depth + 1, assumed),
        this.entryMatch(d.branches[1], doc, resource, mode, depth + 1, assumed),
        dependsOn(`${field} ${quote(entry, 80)}`, d.condition),
      );
    }
    const value = d.value;
    if (intrinsicName(value) === 'Fn::ImportValue') {
      const arg = (value as Record<string, unknown>)['Fn::ImportValue'];
      const name = resolveValue(arg, doc);
      if (name.kind !== 'known' || typeof name.value !== 'string') {
        return maybe(
          `the export name of ${field} ${quote(value, 80)} cannot be resolved${name.kind === 'unresolved' ? `: ${name.reason}` : ''}`,
        );
      }
      const found = importedExport(name.value, doc, this.model);
      if (!found)
        return maybe(
          `${field} ${quote(value, 80)} is imported from export "${name.value}", which no stack in the app (or more than one) defines`,
        );
      // Conditions are named per stack: the exporting stack's are its own.
      return this.entryMatch(found.value, found.document, resource, mode, depth + 1, undefined);
    }
    // A nested stack's output read by its parent, or a parameter a parent passes in: read in that stack.
    const across = followNested(value, doc, this.model);
    if (across?.kind === 'unfollowed')
      return maybe(`${field} ${quote(value, 80)} cannot be resolved: it is ${across.what}`);
    if (across) return this.entryMatch(across.value, across.document, resource, mode, depth + 1, undefined);
    // An import or a nested stack's output inside the entry (CDK's `Fn::Join` around either) is read through it.
    const parts = stringParts(value, doc, 0, this.model);
    const refersToIt = parts.some((p) => partResource(p, doc) === resource);
    if (refersToIt) {
      return isArnOf(parts, doc, resource)
        ? YES
        : maybe(`${field} ${quote(value, 80)} refers to ${nameOf(resource)} but is not its ARN`);
    }
    const env = environment(doc, resource.document);
    const literal = literalOf(parts, resource.document, env) ?? known(resolveValue(value, doc));
    if (literal !== undefined) {
      if (!matchesLiteral(literal, resource)) return NO;
      if (env === 'same' || mode === 'exclude') return YES;
      return env === 'different'
        ? NO
        : maybe(
            `${field} ${quote(literal, 80)} is in ${documentLabel(doc)}, which is not proven to deploy to the account and region of ${documentLabel(resource.document)}`,
          );
    }
    // An entry built from other resources' references: the exact ARN of another
    // resource names that resource only. Anything else it might evaluate to (a
    // custom resource's attribute, a pattern around a name) never proves a
    // selection, and may exclude.
    const others = parts.flatMap((p) => (typeof p === 'object' && 'resource' in p ? [partResource(p, doc)] : []));
    if (others.length > 0) {
      if (mode === 'include') return NO;
      const [other] = others;
      if (other && others.every((o) => o === other) && isArnOf(parts, doc, other)) return NO;
    }
    // A reference across stacks that could not be followed says so; anything else says why it cannot be resolved.
    const unfollowed = parts.find((p) => typeof p === 'object' && 'unfollowed' in p);
    if (unfollowed && typeof unfollowed === 'object' && 'unknown' in unfollowed)
      return maybe(`${field} ${quote(value, 80)} cannot be resolved: part of it is ${unfollowed.unknown}`);
    const r = resolveValue(value, doc);
    return maybe(`${field} ${quote(value, 80)} cannot be resolved${r.kind === 'unresolved' ? `: ${r.reason}` : ''}`);
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const fieldOf = (mode: 'include' | 'exclude') => (mode === 'include' ? 'Resources' : 'NotResources');

function known(r: ReturnType<typeof resolveValue>): string | undefined {
  return r.kind === 'known' && typeof r.value === 'string' ? r.value : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !intrinsicName(v);
}

/**
 * The literal text of an ARN expression made of literal text and pseudo
 * parameters, with the pseudo parameters replaced by what they mean for the
 * resource (only when the selection's stack deploys where the resource's does).
 */
function literalOf(
  parts: readonly StringPart[],
  resourceDoc: StackDocument,
  env: 'same' | 'different' | 'unknown',
): string | undefined {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if ('pseudo' in p && env === 'same') {
      const d = resourceDoc;
      if (p.pseudo === 'AWS::AccountId') out += d.account ?? UNKNOWN;
      else if (p.pseudo === 'AWS::Region') out += d.region ?? UNKNOWN;
      else if (p.pseudo === 'AWS::Partition') out += partitionOf(d);
      else if (p.pseudo === 'AWS::URLSuffix') out += 'amazonaws.com';
      else return undefined;
    } else return undefined;
  }
  return out;
}

function matchesLiteral(pattern: string, resource: NormalisedResource): boolean {
  if (pattern === '*') return BACKUP_SUPPORTED.has(resource.type);
  const arn = arnOf(resource);
  return arn !== undefined && globMatches(pattern, arn);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Is this string expression exactly the resource's ARN: its ARN attribute, or
 * `arn:<partition>:<service>:<region>:<account>:<type marker>` followed by the
 * resource's `Ref` (and nothing after it), with the region and account those of
 * the resource's stack?
 */
function isArnOf(parts: readonly StringPart[], doc: StackDocument, resource: NormalisedResource): boolean {
  const shape = ARN_SHAPES[resource.type];
  if (!shape) return false;
  const isIt = (p: StringPart) => partResource(p, doc) === resource;
  if (parts.length === 1 && isIt(parts[0])) {
    const attribute = (parts[0] as { attribute?: string }).attribute;
    return attribute !== undefined && attribute === shape.attribute;
  }
  const last = parts[parts.length - 1];
  if (!isIt(last) || (last as { attribute?: string }).attribute !== undefined) return false;
  let prefix = '';
  for (const p of parts.slice(0, -1)) {
    if (typeof p === 'string') prefix += p;
    else if ('pseudo' in p) prefix += `\${${p.pseudo}}`;
    else return false;
  }
  const rdoc = resource.document;
  const partition = `(?:aws|aws-cn|aws-us-gov|\\$\\{AWS::Partition\\})`;
  if (shape.global) return new RegExp(`^arn:${partition}:${shape.service}:::$`).test(prefix);
  const region = `(?:${rdoc.region ? escapeRe(rdoc.region) + '|' : ''}\\$\\{AWS::Region\\})`;
  const account = `(?:${rdoc.account ? escapeRe(rdoc.account) + '|' : ''}\\$\\{AWS::AccountId\\})`;
  return new RegExp(`^arn:${partition}:${shape.service}:${region}:${account}:${escapeRe(shape.marker)}$`).test(prefix);
}

function describeCopy(c: CopyDestination, source: string | undefined, planWord: string): string {
  const where = `${planWord} ${nameOf(c.plan)} (rule ${c.ruleName})`;
  switch (c.account.kind) {
    case 'same-as-stack':
      return `${where} copies to a vault in the same account`;
    case 'literal':
      return source === undefined
        ? `${where} copies to account ${c.account.account}, but the resource's own account is not known (${unknownAccount(c.plan.document)}), so the copy is not proven to leave it`
        : `${where} copies to account ${c.account.account}, the resource's own account`;
    case 'unknown':
      return `${where} copies to a destination whose account cannot be read: ${c.account.reason}`;
  }
}

/**
 * The CloudFormation names the dialect reads a Terraform backup selection and plan into, as the
 * `aws_backup_selection` and `aws_backup_plan` arguments they come from, and the run as a configuration.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/backup_selection
 */
const TERRAFORM_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bBackupPlanId\b/g, '`plan_id`'],
  [/\bNotResources\b/g, '`not_resources`'],
  [/\bResources\b/g, '`resources`'],
  [/\bListOfTags\b/g, '`selection_tag`'],
  [/\bits BackupSelection\b/g, 'the selection'],
  [/\bit names plan\b/g, 'it names backup plan'],
  [/\bthis app\b/g, 'this configuration'],
  [/\bat deploy time\b/g, 'at apply time'],
];

function inTerraformWords(reason: string): string {
  let out = reason;
  for (const [pattern, words] of TERRAFORM_WORDS) out = out.replace(pattern, words);
  return out;
}

const TAG_PREFIX = 'aws:ResourceTag/';
const tagKey = (k: string) => (k.startsWith(TAG_PREFIX) ? k.slice(TAG_PREFIX.length) : k);

/** One tag test against what the templates prove about the resource's tags. */
function tagTest(op: string, key: string, want: string, reading: TagReading): Match {
  const have = reading.tags.get(key);
  const unsure = reading.unresolvedKeys.has(key)
    ? `the value of its tag "${key}" cannot be resolved`
    : have === undefined && reading.unknownKeys
      ? 'some of its tags cannot be resolved'
      : undefined;
  const positive = (ok: (v: string) => boolean): Match =>
    have !== undefined && ok(have) ? YES : unsure ? maybe(unsure) : NO;
  switch (op) {
    case 'StringEquals':
      return positive((v) => v === want);
    case 'StringLike':
      return positive((v) => globMatches(want, v));
    case 'StringNotEquals':
      return negate(positive((v) => v === want));
    case 'StringNotLike':
      return negate(positive((v) => globMatches(want, v)));
    default:
      return NO;
  }
}

/** `ListOfTags`: any entry (OR), StringEquals only; keys with or without `aws:ResourceTag/`. */
function tagListMatch(
  list: unknown,
  doc: StackDocument,
  resource: NormalisedResource,
  assumed: ReadonlySet<string> | undefined,
): Match {
  const d = decide(list, doc, assumed);
  if (d.kind === 'absent') return NO;
  if (d.kind === 'undecided') {
    return bothBranches(
      tagListMatch(d.branches[0], doc, resource, assumed),
      tagListMatch(d.branches[1], doc, resource, assumed),
      dependsOn('its ListOfTags', d.condition),
    );
  }
  const entries = Array.isArray(d.value)
    ? d.value
    : (() => {
        const r = resolveValue(d.value, doc);
        return r.kind === 'known' && Array.isArray(r.value) ? r.value : undefined;
      })();
  if (!entries)
    return maybe(`its ListOfTags is ${quote(d.value, 80)}, which cannot be resolved: ${whyUnreadable(d.value, doc)}`);
  const reading = readTags(resource);
  return anyOf(
    tagConditionsOf(entries, doc).map((c) =>
      'match' in c ? c.match : tagTest('StringEquals', c.key, c.want, reading),
    ),
  );
}

/** One `ListOfTags` entry, read: what it matches whatever the resource, or the tag it tests. */
type TagCondition = { readonly match: Match } | { readonly key: string; readonly want: string };

const tagConditions = new WeakMap<
  readonly unknown[],
  { readonly doc: StackDocument; readonly conditions: readonly TagCondition[] }
>();

/** The entries of a `ListOfTags`, read once per list: a tag selection is asked about every resource of its account. */
function tagConditionsOf(entries: readonly unknown[], doc: StackDocument): readonly TagCondition[] {
  const cached = tagConditions.get(entries);
  if (cached && cached.doc === doc) return cached.conditions;
  const conditions = entries.map((entry): TagCondition => {
    const r = resolveValue(entry, doc);
    if (r.kind === 'absent') return { match: NO };
    if (r.kind === 'unresolved')
      return { match: maybe(`its ListOfTags entry ${quote(entry, 60)} cannot be resolved: ${r.reason}`) };
    const c = r.value as Record<string, unknown>;
    if (String(c?.ConditionType ?? '').toUpperCase() !== 'STRINGEQUALS' || typeof c.ConditionKey !== 'string')
      return { match: NO };
    return { key: tagKey(c.ConditionKey), want: String(c.ConditionValue ?? '') };
  });
  tagConditions.set(entries, { doc, conditions });
  return conditions;
}

/** `Conditions`: every listed condition must hold (AND), on `aws:ResourceTag/<key>`. */
function conditionsMatch(
  conditions: unknown,
  doc: StackDocument,
  resource: NormalisedResource,
  assumed: ReadonlySet<string> | undefined,
): Match {
  const d = decide(conditions, doc, assumed);
  if (d.kind === 'absent') return YES;
  if (d.kind === 'undecided') {
    return bothBranches(
      conditionsMatch(d.branches[0], doc, resource, assumed),
      conditionsMatch(d.branches[1], doc, resource, assumed),
      dependsOn('its Conditions', d.condition),
    );
  }
  const r = resolveValue(d.value, doc);
  if (r.kind === 'unresolved')
    return maybe(`its Conditions is ${quote(d.value, 80)}, which cannot be resolved: ${r.reason}`);
  if (r.kind !== 'known' || !r.value || typeof r.value !== 'object') return YES;
  const reading = readTags(resource);
  const tests: Match[] = [];
  for (const [op, list] of Object.entries(r.value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const cond = c as Record<string, unknown>;
      tests.push(tagTest(op, tagKey(String(cond?.ConditionKey ?? '')), String(cond?.ConditionValue ?? ''), reading));
    }
  }
  return allOf(tests);
}
