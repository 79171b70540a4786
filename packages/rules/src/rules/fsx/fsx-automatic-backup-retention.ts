import { asNumber, labelOf, locationOf, readProperty, requireProperty } from '../../engine/read';
import { defineRule, type RuleContext, type Violation } from '../../engine/rule';
import type { FixText, NormalisedResource } from '../../model';
import { settingsJudgedBy } from '../../protection/table';
import { plural } from '../../text/plural';
import {
  CONFIGURATION,
  L1_CONFIGURATION,
  PULUMI_CLASS,
  TERRAFORM_TYPE,
  cloudFormationVariant,
  inCloudFormationShape,
  lustreWithoutBackups,
  providerVariant,
  type FsxVariant,
} from './variant';

const RULE_ID = 'fsx-automatic-backup-retention';
const TYPE = 'AWS::FSx::FileSystem';

/**
 * The Terraform/Pulumi provider's own defaults where they differ from the
 * service's: `aws_fsx_windows_file_system` sends 7 days when the argument is
 * unset; the other variants leave it to the API.
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/fsx_windows_file_system
 */
const PROVIDER_DEFAULT: Partial<Record<FsxVariant, number>> = { WINDOWS: 7 };

/**
 * FSx file systems keep automatic daily backups for at least the minimum
 * retention (`minimumBackupRetentionDays`, 7 days unless configured).
 *
 * `<Variant>Configuration.AutomaticBackupRetentionDays` defaults to 30 days for
 * Windows File Server, NetApp ONTAP and OpenZFS, and to 0 (no automatic
 * backups) for Lustre; 0 turns them off on every variant. A scratch Lustre file
 * system, or one linked to an S3 data repository, supports no backups and is
 * left to the general rules. The path and default of each variant come from
 * the protection table.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-lustreconfiguration.html#cfn-fsx-filesystem-lustreconfiguration-automaticbackupretentiondays
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-fsx-filesystem-windowsconfiguration.html#cfn-fsx-filesystem-windowsconfiguration-automaticbackupretentiondays
 * @see https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-backups.html
 */
export default defineRule({
  id: RULE_ID,
  title: 'FSx file systems keep automatic backups for at least the minimum retention',
  why: 'Automatic backups older than the retention period are deleted, so data lost or corrupted earlier than that cannot be restored, and with a retention of 0 there are no automatic backups at all.',
  fix: 'Set <Variant>Configuration.AutomaticBackupRetentionDays to at least the minimum retention (7 days by default).',
  severity: 'error',
  resourceTypes: [TYPE],
  cloudformation: judgeTemplate,
  awsProvider(resource, ctx) {
    if (inCloudFormationShape(resource)) return judgeTemplate(resource, ctx);
    return judge(resource, ctx, providerVariant(resource)!, []);
  },
});

/** A resource in CloudFormation's shape: the variant is `FileSystemType`, its settings are in its configuration. */
function judgeTemplate(resource: NormalisedResource, ctx: RuleContext): Violation | Violation[] | undefined {
  const reading = cloudFormationVariant(resource);
  if (reading.kind === 'known') return judge(resource, ctx, reading.variant, [CONFIGURATION[reading.variant]]);
  // The variant cannot be told: judge every configuration the resource writes, and fail closed without one.
  const written = (Object.keys(CONFIGURATION) as FsxVariant[]).filter(
    (v) => readProperty(resource, CONFIGURATION[v]).kind !== 'absent',
  );
  if (written.length === 0) {
    return {
      fix: fixFor('WINDOWS', ctx, [CONFIGURATION.WINDOWS]),
      location: 'Properties/FileSystemType',
      unresolved: true,
      message: `${reading.why}, and the resource writes no variant configuration, so its automatic backup retention cannot be proven at least ${plural(ctx.options.minimumBackupRetentionDays, 'day')}.`,
    };
  }
  return written.flatMap((v) => violationsOf(judge(resource, ctx, v, [CONFIGURATION[v]], CONFIGURATION[v])));
}

function violationsOf(v: Violation | undefined): Violation[] {
  return v ? [v] : [];
}

/** Judges one variant's retention, at `prefix` (`[]`: a provider resource, whose argument is top-level). */
function judge(
  resource: NormalisedResource,
  ctx: RuleContext,
  variant: FsxVariant,
  prefix: readonly string[],
  detail?: string,
): Violation | undefined {
  if (variant === 'LUSTRE' && lustreWithoutBackups(resource, ctx.model, prefix)) return undefined;
  const min = ctx.options.minimumBackupRetentionDays;
  const path = [...prefix, 'AutomaticBackupRetentionDays'];
  const fix = fixFor(variant, ctx, prefix);
  const setting = settingsJudgedBy(TYPE, RULE_ID).find(
    (s) => s.cloudformation?.[0] === `${CONFIGURATION[variant]}.AutomaticBackupRetentionDays`,
  );
  const provider = prefix.length === 0;
  // Every variant has a setting in the table; a missing one fails closed (as 0).
  const absent = (provider ? PROVIDER_DEFAULT[variant] : undefined) ?? asNumber(setting?.absent) ?? 0;
  const r = readProperty(resource, ...path);
  if (r.kind === 'known' && asNumber(r.value) === 0) {
    return {
      fix,
      detail,
      location: locationOf(resource, path),
      message: `${labelOf(resource, path)} is ${JSON.stringify(r.value)}, which turns automatic backups off; it must be at least ${plural(min, 'day')}.`,
    };
  }
  return requireProperty(resource, {
    path,
    want: `at least ${plural(min, 'day')}`,
    test: (v) => (asNumber(v) ?? -1) >= min,
    absentMeans:
      absent >= min
        ? undefined
        : absent === 0
          ? '0, automatic backups off'
          : `${plural(absent, 'day')}, under the minimum of ${plural(min, 'day')}`,
    fix,
    detail,
  });
}

function fixFor(variant: FsxVariant, ctx: RuleContext, prefix: readonly string[]): FixText {
  const min = ctx.options.minimumBackupRetentionDays;
  const config = CONFIGURATION[variant];
  return {
    cloudformation: `Set \`${config}.AutomaticBackupRetentionDays: ${min}\` (or more, up to 90) on the file system.`,
    cdk:
      variant === 'LUSTRE'
        ? `Pass \`lustreConfiguration: { automaticBackupRetention: Duration.days(${min}), … }\` (or more) to the \`LustreFileSystem\` (or set \`lustreConfiguration.automaticBackupRetentionDays\` on the L1 \`CfnFileSystem\`).`
        : `Set \`${L1_CONFIGURATION[variant]}.automaticBackupRetentionDays = ${min}\` (or more) on the L1 \`CfnFileSystem\`.`,
    pulumi:
      prefix.length === 0
        ? `Pass \`automaticBackupRetentionDays: ${min}\` (or more) to the \`${PULUMI_CLASS[variant]}\`.`
        : `Set \`${L1_CONFIGURATION[variant]}.automaticBackupRetentionDays\` to ${min} (or more) in the resource args.`,
    terraform: `Set \`automatic_backup_retention_days = ${min}\` (or more) on the \`${TERRAFORM_TYPE[variant]}\`.`,
  };
}
