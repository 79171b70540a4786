import { asNumber, locationOf, readProperty } from '../../engine/read';
import { arnAccount, referencedResources, stringParts } from '../../engine/references';
import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import { quote } from '../../engine/values';
import { nameOf, type FixText, type NormalisedResource, type StackDocument } from '../../model';
import { plural } from '../../text/plural';
import { planRules, type Retention } from './plan-rules';

const VAULT_TYPES = ['AWS::Backup::BackupVault', 'AWS::Backup::LogicallyAirGappedBackupVault'];

/**
 * Backup plan retention fits the lock of every vault it writes to.
 *
 * A vault lock (`LockConfiguration` of an `AWS::Backup::BackupVault`, always on
 * an `AWS::Backup::LogicallyAirGappedBackupVault`) makes the vault fail every
 * backup or copy job whose retention is shorter than its `MinRetentionDays` or
 * longer than its `MaxRetentionDays` (a rule without `DeleteAfterDays` keeps
 * recovery points indefinitely, longer than any maximum). The rule or copy
 * action then makes no recovery points at all, and nothing in the deployment
 * says so. Judged for the target vault of each rule and the destination of each
 * copy action when that vault is in the app: referenced (through an export too),
 * named by a literal name in a stack of the same account, or by a literal ARN
 * whose account and name are those of a vault of the app (a backup account's
 * stack checked with the workload's). A target or destination that may be
 * several vaults (`Fn::If`) is judged against each. A vault named literally but
 * outside the app cannot be read and is not judged (`backup-plan-copy-retention`
 * keeps copies to it at least 7 days); a target or destination that cannot be
 * read before deployment (a parameter, an import from outside the app) names no
 * vault whose lock can be read, and is a finding. A retention or a lock limit
 * that cannot be read is not proven to fit (fail closed).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_PutBackupVaultLockConfiguration.html
 */
export default defineRule({
  id: 'backup-plan-vault-lock-retention',
  title: 'Backup plan retention fits the lock of every vault it writes to',
  why: "A locked vault fails every backup or copy job whose retention is outside the lock's minimum and maximum, so a rule or copy action that does not fit makes no recovery points at all.",
  fix: "Set the rule's or copy action's Lifecycle.DeleteAfterDays within the vault lock's MinRetentionDays and MaxRetentionDays.",
  severity: 'error',
  resourceTypes: ['AWS::Backup::BackupPlan'],
  cloudformation(plan, ctx) {
    const read = planRules(plan);
    // An unreadable plan is reported by backup-plan-retention; without rules there is nothing to fit.
    if (read.kind === 'unresolved') return;
    const out: Violation[] = [];
    for (const rule of read.rules) {
      const targetPath = [...rule.path, 'TargetBackupVault'];
      const targets = vaultsOf(rule.target, targetPath, plan, ctx);
      if (targets.kind === 'unresolved') {
        out.push(unreadable(plan, targetPath, `The target vault of ${rule.name}`, `backups of ${rule.name}`, targets));
      } else {
        for (const target of targets.vaults) {
          const subject = `backups of ${rule.name} in vault ${nameOf(target)}`;
          const v = judge(rule.retention, target, subject, 'backup');
          if (v)
            out.push({
              ...v,
              detail: subject,
              location: locationOf(plan, [...rule.path, 'Lifecycle', 'DeleteAfterDays']),
            });
        }
      }
      for (const copy of rule.copies) {
        // A list of copy actions that cannot be read is reported by the retention rules.
        if (typeof copy.path[copy.path.length - 1] !== 'number') continue;
        const destinationPath = [...copy.path, 'DestinationBackupVaultArn'];
        const destinations = vaultsOf(copy.destination, destinationPath, plan, ctx);
        if (destinations.kind === 'unresolved') {
          out.push(
            unreadable(
              plan,
              destinationPath,
              `The destination of the copies of ${rule.name}`,
              `copies of ${rule.name}`,
              destinations,
            ),
          );
          continue;
        }
        for (const destination of destinations.vaults) {
          const subject = `copies of ${rule.name} to vault ${nameOf(destination)}`;
          const v = judge(
            copy.retention,
            destination,
            `${subject}${copy.inherited ? " (which take the rule's lifecycle: the copy action has none)" : ''}`,
            'copy',
          );
          if (v)
            out.push({
              ...v,
              detail: subject,
              location: locationOf(plan, [...copy.path, 'Lifecycle', 'DeleteAfterDays']),
            });
        }
      }
    }
    return out;
  },
});

type VaultReading =
  | { readonly kind: 'vaults'; readonly vaults: readonly NormalisedResource[] }
  | { readonly kind: 'unresolved'; readonly shown: string; readonly reason: string };

/** Bounds the vaults one target or destination may be (an `Fn::If` of `Fn::If`s). */
const MAX_VAULTS = 16;

/**
 * The vaults of the app an expression may name: every vault it refers to, or
 * the vaults a literal name or ARN names. No vaults: a literal name of a vault
 * outside the app. Unresolved: the expression cannot be read before deployment.
 */
function vaultsOf(
  expression: unknown,
  path: readonly (string | number)[],
  plan: NormalisedResource,
  ctx: RuleContext,
): VaultReading {
  if (expression === undefined) return { kind: 'vaults', vaults: [] };
  const referenced = referencedResources(expression, plan.document, ctx.model).filter((r) =>
    VAULT_TYPES.includes(r.type),
  );
  if (referenced.length > 0) return { kind: 'vaults', vaults: referenced.slice(0, MAX_VAULTS) };
  const literal = literalVault(expression, path, plan);
  if ('reason' in literal) return { kind: 'unresolved', ...literal };
  return { kind: 'vaults', vaults: namedVaults(literal, plan, ctx).slice(0, MAX_VAULTS) };
}

interface LiteralVault {
  readonly name: string;
  /** The account of an ARN; undefined for a name, or an ARN in the plan's own account. */
  readonly account?: string;
  readonly region?: string;
}

const VAULT_ARN = /^arn:[^:]+:backup:([^:]*):(\d{12}):backup-vault:([^:/]+)$/;

/** The name (and account) an expression spells out, or why it cannot be read. */
function literalVault(
  expression: unknown,
  path: readonly (string | number)[],
  plan: NormalisedResource,
): LiteralVault | { readonly shown: string; readonly reason: string } {
  const r =
    typeof expression === 'string' ? { kind: 'known' as const, value: expression } : readProperty(plan, ...path);
  if (r.kind === 'known' && typeof r.value === 'string') {
    const arn = VAULT_ARN.exec(r.value);
    if (!arn) return { name: r.value };
    return { name: arn[3], region: arn[1] || undefined, account: arn[2] };
  }
  // An ARN built around tokens (`arn:\${AWS::Partition}:backup:\${AWS::Region}:222222222222:backup-vault:central`) still names its vault.
  const parts = stringParts(expression, plan.document);
  const last = parts[parts.length - 1];
  const name = typeof last === 'string' ? /:backup-vault:([A-Za-z0-9_.-]+)$/.exec(last)?.[1] : undefined;
  if (name) {
    const account = arnAccount(expression, plan.document);
    if (account.kind === 'literal') return { name, account: account.account };
    if (account.kind === 'same-as-stack') return { name };
  }
  if (r.kind === 'unresolved') return { shown: quote(r.expression, 60), reason: r.reason };
  return { shown: quote(expression, 60), reason: 'it is not a vault name or ARN' };
}

/**
 * The vaults of the app with this name: in the plan's own stack, or in a stack
 * of the account (and region) the name or ARN says. Several stacks of one
 * account may each hold a vault of that name (one per region): each is judged.
 */
function namedVaults(v: LiteralVault, plan: NormalisedResource, ctx: RuleContext): NormalisedResource[] {
  const own = plan.document;
  const account = v.account ?? own.account;
  const region = v.region ?? (v.account === undefined ? own.region : undefined);
  const documents = ctx.model.documents.filter((d) =>
    d === own
      ? own.account === undefined || v.account === undefined || own.account === v.account
      : account !== undefined &&
        d.account === account &&
        (region === undefined || d.region === undefined || d.region === region),
  );
  const out: NormalisedResource[] = [];
  for (const d of documents) {
    for (const r of vaultsIn(d, ctx)) {
      const n = readProperty(r, 'BackupVaultName');
      if (n.kind === 'known' && n.value === v.name) out.push(r);
    }
  }
  return out;
}

/** The vaults of each document of a model, found once: every plan of a large estate asks. */
const vaultsByModel = new WeakMap<RuleContext['model'], Map<StackDocument, NormalisedResource[]>>();

function vaultsIn(d: StackDocument, ctx: RuleContext): NormalisedResource[] {
  let byDocument = vaultsByModel.get(ctx.model);
  if (!byDocument) vaultsByModel.set(ctx.model, (byDocument = new Map()));
  let vaults = byDocument.get(d);
  if (!vaults) byDocument.set(d, (vaults = [...d.resources.values()].filter((r) => VAULT_TYPES.includes(r.type))));
  return vaults;
}

/** A target or destination whose vault cannot be read: no lock can be checked. */
function unreadable(
  plan: NormalisedResource,
  path: readonly (string | number)[],
  what: string,
  jobs: string,
  r: { readonly shown: string; readonly reason: string },
): Violation {
  return {
    fix: UNREADABLE_FIX,
    location: locationOf(plan, path),
    detail: what.replace(/^The /, ''),
    unresolved: true,
    message: `${what} is ${r.shown} (${r.reason}), so the vault it names, and its lock, cannot be read: the ${jobs} cannot be proven to fit the lock, and a locked vault fails every job outside its limits. Name a vault the check can read: the vault resource itself, or its literal name or ARN.`,
  };
}

const UNREADABLE_FIX: FixText = {
  cloudformation:
    'Refer to the vault resource (`TargetBackupVault: !Ref Vault`, `DestinationBackupVaultArn: !GetAtt Vault.BackupVaultArn`), or write its name or ARN literally (`arn:aws:backup:<region>:<account>:backup-vault:<name>`), not a parameter; a vault of another stack is read through its export when that stack is checked with this one (`deadbolt check` on both templates, or the cloud assembly).',
  cdk: "Pass the `BackupVault` itself (`backupVault: vault`, `destinationBackupVault: vault`), or `BackupVault.fromBackupVaultName(this, 'Vault', '<name>')` / `BackupVault.fromBackupVaultArn(this, 'Dest', 'arn:aws:backup:<region>:<account>:backup-vault:<name>')` with a literal, not a `CfnParameter`.",
  pulumi:
    "Set `targetVaultName: vault.name` and `destinationVaultArn: vault.arn` from the `aws.backup.Vault` of the program (with the backup account's provider for a destination there), or a literal name or ARN.",
  terraform:
    'Set `target_vault_name = aws_backup_vault.<name>.name` and `destination_vault_arn = aws_backup_vault.<name>.arn`, or a literal name or ARN, not a variable without a value.',
};

type Limit =
  | { readonly kind: 'none' }
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'unresolved'; readonly shown: string };

function limit(vault: NormalisedResource, field: 'MinRetentionDays' | 'MaxRetentionDays'): Limit {
  const path = vault.type === 'AWS::Backup::BackupVault' ? ['LockConfiguration', field] : [field];
  const r = readProperty(vault, ...path);
  if (r.kind === 'absent' || (r.kind === 'known' && r.value === null)) return { kind: 'none' };
  if (r.kind === 'unresolved') return { kind: 'unresolved', shown: `${quote(r.expression, 60)} (${r.reason})` };
  const n = asNumber(r.value);
  return n === undefined ? { kind: 'unresolved', shown: quote(r.value) } : { kind: 'days', days: n };
}

function judge(
  retention: Retention,
  vault: NormalisedResource,
  what: string,
  job: 'backup' | 'copy',
): Omit<Violation, 'location'> | undefined {
  const min = limit(vault, 'MinRetentionDays');
  const max = limit(vault, 'MaxRetentionDays');
  if (min.kind === 'none' && max.kind === 'none') return;
  const kept =
    retention.kind === 'forever'
      ? 'are kept indefinitely (no DeleteAfterDays)'
      : retention.kind === 'days'
        ? `are kept ${plural(retention.days, 'day')}`
        : `are kept ${quote(retention.expression, 60)} days (${retention.reason})`;
  const fails = `the vault fails every such ${job} job, so none of them is made`;
  const f = fix(min, max);
  if (retention.kind === 'unresolved') {
    return {
      fix: f,
      unresolved: true,
      message: `The ${what} ${kept}, which cannot be proven to fit the vault's lock; if it does not, ${fails}.`,
    };
  }
  if (min.kind === 'days' && retention.kind === 'days' && retention.days < min.days) {
    return {
      fix: f,
      message: `The ${what} ${kept}, less than the vault's lock allows (MinRetentionDays: ${min.days}): ${fails}.`,
    };
  }
  if (max.kind === 'days' && (retention.kind === 'forever' || retention.days > max.days)) {
    return {
      fix: f,
      message: `The ${what} ${kept}, more than the vault's lock allows (MaxRetentionDays: ${max.days}): ${fails}.`,
    };
  }
  const unreadable = [min, max].find((l): l is Extract<Limit, { kind: 'unresolved' }> => l.kind === 'unresolved');
  if (unreadable) {
    return {
      fix: f,
      unresolved: true,
      message: `The ${what} ${kept}, and the vault's lock has a limit of ${unreadable.shown} that cannot be read, so they cannot be proven to fit it; if they do not, ${fails}.`,
    };
  }
  return undefined;
}

function fix(min: Limit, max: Limit): FixText {
  const range =
    min.kind === 'days' && max.kind === 'days'
      ? `from ${min.days} to ${max.days}`
      : min.kind === 'days'
        ? `${min.days} or more`
        : max.kind === 'days'
          ? `${max.days} or less`
          : "within the vault lock's limits";
  return {
    cloudformation: `Set \`Lifecycle: { DeleteAfterDays: … }\` ${range} on the rule or copy action (a copy action without \`Lifecycle\` takes its rule's), or send it to a vault whose lock allows its retention.`,
    cdk: `Pass \`deleteAfter: Duration.days(…)\` ${range} to the \`BackupPlanRule\` or its \`copyActions\` entry, or send it to a vault whose lock allows its retention.`,
    pulumi: `Set \`lifecycle: { deleteAfter: … }\` ${range} on the rule of the \`aws.backup.Plan\` or its \`copyActions\` entry, or send it to a vault whose lock allows its retention.`,
    terraform: `Set \`lifecycle { delete_after = … }\` ${range} in the \`rule\` of the \`aws_backup_plan\` or its \`copy_action\`, or send it to a vault whose lock allows its retention.`,
  };
}
