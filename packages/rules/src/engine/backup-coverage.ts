import { allResources, type NormalisedResource, type ResourceModel, type StackDocument } from '../model';
import { arnAccount, referencedResources, type AccountReading } from './references';
import { intrinsicName, resolvePath, resolveValue, type Resolved } from './values';

/** One copy action of one backup plan rule, with where its destination lives. */
export interface CopyDestination {
  readonly plan: NormalisedResource;
  readonly ruleName: string;
  readonly destination: unknown;
  readonly account: AccountReading;
}

/** What the app's backup plans do for one resource. */
export type CoverageVerdict =
  | { readonly status: 'isolated'; readonly plan: NormalisedResource; readonly selection: NormalisedResource; readonly account: string }
  | { readonly status: 'not-selected' }
  | {
      readonly status: 'no-isolated-copy';
      /** Plans that select the resource, and why none of their copies is proven to leave the account. */
      readonly reasons: readonly string[];
    };

/** Resource types AWS Backup can protect, for `*` selections. */
const BACKUP_SUPPORTED = new Set([
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable',
  'AWS::EFS::FileSystem', 'AWS::EC2::Volume', 'AWS::EC2::Instance', 'AWS::FSx::FileSystem',
  'AWS::DocDB::DBCluster', 'AWS::Neptune::DBCluster', 'AWS::S3::Bucket', 'AWS::Redshift::Cluster',
  'AWS::Timestream::Table', 'AWS::CloudFormation::Stack',
]);

/** How an ARN of each protectable type is spelled, for matching literal ARNs and wildcards. */
function arnOf(r: NormalisedResource): string | undefined {
  const doc = r.document;
  const region = doc.region ?? UNKNOWN;
  const account = doc.account ?? UNKNOWN;
  const name = (prop: string): string => {
    const v = resolvePath(r.properties, [prop], doc);
    return v.kind === 'known' && typeof v.value === 'string' ? v.value.toLowerCase() : UNKNOWN;
  };
  const tableName = (): string => {
    const v = resolvePath(r.properties, ['TableName'], doc);
    return v.kind === 'known' && typeof v.value === 'string' ? v.value : UNKNOWN;
  };
  const p = `arn:aws`;
  switch (r.type) {
    case 'AWS::RDS::DBInstance':
      return `${p}:rds:${region}:${account}:db:${name('DBInstanceIdentifier')}`;
    case 'AWS::RDS::DBCluster':
    case 'AWS::DocDB::DBCluster':
    case 'AWS::Neptune::DBCluster':
      return `${p}:rds:${region}:${account}:cluster:${name('DBClusterIdentifier')}`;
    case 'AWS::DynamoDB::Table':
    case 'AWS::DynamoDB::GlobalTable':
      return `${p}:dynamodb:${region}:${account}:table/${tableName()}`;
    case 'AWS::EFS::FileSystem':
      return `${p}:elasticfilesystem:${region}:${account}:file-system/${UNKNOWN}`;
    case 'AWS::FSx::FileSystem':
      return `${p}:fsx:${region}:${account}:file-system/${UNKNOWN}`;
    case 'AWS::EC2::Volume':
      return `${p}:ec2:${region}:${account}:volume/${UNKNOWN}`;
    case 'AWS::S3::Bucket':
      return `${p}:s3:::${name('BucketName')}`;
    case 'AWS::Redshift::Cluster':
      return `${p}:redshift:${region}:${account}:cluster:${name('ClusterIdentifier')}`;
    default:
      return undefined;
  }
}

/** Stands for a part of an ARN not known before deployment; only a wildcard matches it. */
const UNKNOWN = '\u0000';

/** AWS Backup ARN/tag patterns: `*` any run of characters, `?` one character. */
export function globMatches(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split('').map((c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}$`);
  return re.test(value);
}

/**
 * The tags a resource will carry: its own (`Tags` as a list or map,
 * `FileSystemTags`, GlobalTable replica tags) and its stack's, which
 * CloudFormation propagates. A tag whose key or value cannot be resolved is left
 * out: an unproven tag selects nothing.
 */
export function resourceTags(r: NormalisedResource): Map<string, string> {
  const tags = new Map<string, string>(Object.entries(r.document.tags));
  const addList = (list: Resolved) => {
    if (list.kind !== 'known') return;
    const v = list.value;
    if (Array.isArray(v)) {
      for (const t of v) {
        if (t && typeof t === 'object' && typeof (t as { Key?: unknown }).Key === 'string') {
          const value = (t as { Value?: unknown }).Value;
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
            tags.set((t as { Key: string }).Key, String(value));
          }
        }
      }
    } else if (v && typeof v === 'object') {
      for (const [k, val] of Object.entries(v)) if (typeof val === 'string') tags.set(k, val);
    }
  };
  // Tags are read one by one so that one unresolvable tag does not hide the others.
  for (const prop of ['Tags', 'FileSystemTags']) {
    const raw = r.properties[prop];
    if (Array.isArray(raw)) {
      raw.forEach((_t, i) => {
        const one = resolvePath(r.properties, [prop, i], r.document);
        if (one.kind === 'known') addList({ kind: 'known', value: [one.value] });
      });
    } else {
      addList(resolvePath(r.properties, [prop], r.document));
    }
  }
  return tags;
}

/**
 * Which backup selections in the model select which resources, and whether the
 * plans behind them copy to a vault in another account. Built once per
 * evaluation; every rule that asks about isolated copies shares it.
 */
export class BackupCoverage {
  private readonly verdicts = new Map<NormalisedResource, CoverageVerdict>();
  private readonly plans: NormalisedResource[];
  private readonly selections: NormalisedResource[];

  constructor(private readonly model: ResourceModel) {
    const all = allResources(model);
    this.plans = all.filter((r) => r.type === 'AWS::Backup::BackupPlan');
    this.selections = all.filter((r) => r.type === 'AWS::Backup::BackupSelection');
  }

  /** The copy actions of a plan, each with its destination's account. */
  copyDestinations(plan: NormalisedResource): { copies: CopyDestination[]; unresolved?: string } {
    const rules = resolvePath(plan.properties, ['BackupPlan', 'BackupPlanRule'], plan.document);
    if (rules.kind === 'unresolved') return { copies: [], unresolved: rules.reason };
    const raw = (plan.properties.BackupPlan as Record<string, unknown> | undefined)?.BackupPlanRule;
    if (!Array.isArray(raw)) return { copies: [] };
    const copies: CopyDestination[] = [];
    raw.forEach((_rule, i) => {
      const nameR = resolvePath(plan.properties, ['BackupPlan', 'BackupPlanRule', i, 'RuleName'], plan.document);
      const ruleName = nameR.kind === 'known' ? String(nameR.value) : `rule ${i + 1}`;
      const actions = ((raw[i] as Record<string, unknown>)?.CopyActions as unknown[] | undefined) ?? [];
      if (!Array.isArray(actions)) return;
      actions.forEach((action) => {
        const destination = (action as Record<string, unknown> | undefined)?.DestinationBackupVaultArn;
        copies.push({ plan, ruleName, destination, account: arnAccount(destination, plan.document) });
      });
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
    for (const selection of this.selections) {
      if (!this.selects(selection, resource)) continue;
      selected = true;
      const plan = this.planOf(selection);
      if (!plan) {
        reasons.push(`selection ${selection.logicalId} belongs to a backup plan outside this app, whose copy actions cannot be read`);
        continue;
      }
      const { copies, unresolved } = this.copyDestinations(plan);
      if (unresolved) {
        reasons.push(`the rules of plan ${plan.logicalId} cannot be read: ${unresolved}`);
        continue;
      }
      const source = resource.document.account;
      const good = copies.find((c) => BackupCoverage.crossAccount(c, source));
      if (good && good.account.kind === 'literal') {
        return { status: 'isolated', plan, selection, account: good.account.account };
      }
      if (copies.length === 0) reasons.push(`plan ${plan.logicalId} has no copy action`);
      for (const c of copies) reasons.push(describeCopy(c, source));
    }
    return selected ? { status: 'no-isolated-copy', reasons } : { status: 'not-selected' };
  }

  /** The plan a selection's `BackupPlanId` names, in this or another stack of the model. */
  planOf(selection: NormalisedResource): NormalisedResource | undefined {
    const id = selection.properties.BackupPlanId;
    return referencedResources(id, selection.document, this.model).find((r) => r.type === 'AWS::Backup::BackupPlan');
  }

  /** Does this selection pick this resource, proven from what the template says? */
  selects(selection: NormalisedResource, resource: NormalisedResource): boolean {
    const doc = selection.document;
    const sel = resolveShallowObject(selection.properties.BackupSelection, doc);
    if (!sel) return false;
    if (this.mayExclude(sel.NotResources, doc, resource)) return false;
    const hasBase = sel.Resources !== undefined || sel.ListOfTags !== undefined;
    const byArn = this.listMatches(sel.Resources, doc, resource);
    const byTag = tagListMatches(sel.ListOfTags, doc, resource);
    if (hasBase && !byArn && !byTag) return false;
    if (!hasBase && sel.Conditions === undefined) return false;
    return conditionsHold(sel.Conditions, doc, resource);
  }

  /**
   * Could `NotResources` exclude the resource? An entry that names another
   * resource by reference does not; one that cannot be resolved might, so it
   * counts as excluding (the selection is then not proven to cover the resource).
   */
  private mayExclude(list: unknown, doc: StackDocument, resource: NormalisedResource): boolean {
    if (list === undefined) return false;
    if (this.listMatches(list, doc, resource)) return true;
    const entries = Array.isArray(list) ? list : [list];
    return entries.some((entry) => {
      if (referencedResources(entry, doc, this.model).length > 0) return false;
      return resolveValue(entry, doc).kind === 'unresolved';
    });
  }

  /**
   * Does a `Resources`/`NotResources` list name the resource? By reference
   * (tied through Ref/GetAtt/ImportValue), by literal ARN, or by wildcard.
   * An entry that cannot be resolved matches nothing: it neither proves a
   * resource selected nor excluded.
   */
  private listMatches(list: unknown, doc: StackDocument, resource: NormalisedResource): boolean {
    if (list === undefined) return false;
    const entries = Array.isArray(list) ? list : [list];
    for (const entry of entries) {
      if (referencedResources(entry, doc, this.model).includes(resource)) return true;
      const r = resolveValue(entry, doc);
      if (r.kind !== 'known') continue;
      const values = Array.isArray(r.value) ? r.value : [r.value];
      for (const v of values) {
        if (typeof v !== 'string') continue;
        if (v === '*') {
          if (BACKUP_SUPPORTED.has(resource.type)) return true;
          continue;
        }
        const arn = arnOf(resource);
        if (arn && globMatches(v, arn)) return true;
      }
    }
    return false;
  }
}

function describeCopy(c: CopyDestination, source: string | undefined): string {
  const where = `plan ${c.plan.logicalId} (rule ${c.ruleName})`;
  switch (c.account.kind) {
    case 'same-as-stack':
      return `${where} copies to a vault in the same account`;
    case 'literal':
      return source === undefined
        ? `${where} copies to account ${c.account.account}, but the resource's own account is not known (an environment-agnostic stack), so the copy is not proven to leave it`
        : `${where} copies to account ${c.account.account}, the resource's own account`;
    case 'unknown':
      return `${where} copies to a destination whose account cannot be read: ${c.account.reason}`;
  }
}

function resolveShallowObject(v: unknown, doc: StackDocument): Record<string, unknown> | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v) && !intrinsicName(v)) return v as Record<string, unknown>;
  const r = resolveValue(v, doc);
  return r.kind === 'known' && r.value && typeof r.value === 'object' ? (r.value as Record<string, unknown>) : undefined;
}

function tagListMatches(list: unknown, doc: StackDocument, resource: NormalisedResource): boolean {
  const r = resolveValue(list, doc);
  if (r.kind !== 'known' || !Array.isArray(r.value)) return false;
  const tags = resourceTags(resource);
  return r.value.some((c) => {
    const cond = c as Record<string, unknown>;
    return (
      String(cond.ConditionType ?? '').toUpperCase() === 'STRINGEQUALS' &&
      typeof cond.ConditionKey === 'string' &&
      tags.get(cond.ConditionKey) === String(cond.ConditionValue)
    );
  });
}

/** `Conditions`: every listed condition must hold (AND), on `aws:ResourceTag/<key>`. */
function conditionsHold(conditions: unknown, doc: StackDocument, resource: NormalisedResource): boolean {
  if (conditions === undefined) return true;
  const r = resolveValue(conditions, doc);
  if (r.kind !== 'known' || !r.value || typeof r.value !== 'object') return false;
  const tags = resourceTags(resource);
  for (const [op, list] of Object.entries(r.value as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const key = String((c as Record<string, unknown>).ConditionKey ?? '').replace(/^aws:ResourceTag\//, '');
      const want = String((c as Record<string, unknown>).ConditionValue ?? '');
      const have = tags.get(key);
      const ok =
        op === 'StringEquals' ? have === want
        : op === 'StringNotEquals' ? have !== want
        : op === 'StringLike' ? have !== undefined && globMatches(want, have)
        : op === 'StringNotLike' ? have === undefined || !globMatches(want, have)
        : false;
      if (!ok) return false;
    }
  }
  return true;
}
