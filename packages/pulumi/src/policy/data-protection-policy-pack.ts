import type {
  EnforcementLevel,
  PolicyPack,
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import {
  CATALOGUE,
  PULUMI_GCP_PROVIDER,
  type Finding,
  type ProviderDocumentInput,
  type ProviderResourceRecord,
  type Rule,
} from '@deadbolt/rules';
import {
  acknowledgementLine,
  checkJudgingArgs,
  describeResource,
  judgeStack,
  severityChoicesOf,
  singleAccount,
  stackOfUrn,
  unknownAccountNote,
  type DataProtectionJudgement,
  type DataProtectionJudgingArgs,
} from '../model/judging';
import {
  isDefaultProvider,
  isRecordedType,
  rawProps,
  recordFromPolicyResource,
  unprovenKeys,
} from '../model/policy-resources';
import { POLICY_PACK_NAME, type DataProtectionPolicyPackArgs } from './policy-pack-args';

const CALLER = 'dataProtectionPolicyPack';

/**
 * The Deadbolt catalogue as CrossGuard policies, one per rule: the policy's
 * name is the rule id, its description the rule's title, and it is
 * `mandatory` for error rules (`advisory` for warning rules, and for every rule
 * under `nonProduction`; `disabled` when `severities` turns the rule off).
 *
 * Every policy validates the whole stack, because many rules relate resources
 * (a backup selection and the database it lists, a bucket and its
 * `BucketVersioning`). The stack is judged once and each policy reports the
 * findings of its rule, on their resources' URNs.
 *
 * What CrossGuard hands a pack limits what it can see (see
 * `model/policy-resources.ts`): `retainOnDelete` is not passed, so it is judged
 * as not set, and `protect` is only seen when true.
 */
export function dataProtectionPolicies(args: DataProtectionPolicyPackArgs = {}): StackValidationPolicy[] {
  checkJudgingArgs(args, CALLER);
  const judge = stackJudge(args);
  return CATALOGUE.map((rule): StackValidationPolicy => {
    const enforcementLevel = levelOf(rule, args);
    return {
      name: rule.id,
      description: rule.title,
      enforcementLevel,
      validateStack: (stackArgs: StackValidationArgs, reportViolation: ReportViolation) => {
        const judgement = judge(stackArgs);
        for (const f of judgement.findings) {
          if (f.ruleId !== rule.id || !reported(f, enforcementLevel)) continue;
          const urn = judgement.records.some((r) => r.id === f.resource.logicalId) ? f.resource.logicalId : undefined;
          reportViolation(violationText(f, judgement.records, judgement), urn);
        }
      },
    };
  });
}

/**
 * Starts the Deadbolt policy pack (`PulumiPolicy.yaml`'s program):
 *
 * ```ts
 * import { dataProtectionPolicyPack } from '@deadbolt/pulumi/policy';
 * dataProtectionPolicyPack();
 * ```
 *
 * Enforcement is `mandatory`: an error finding fails `pulumi preview` and `pulumi up`.
 */
export function dataProtectionPolicyPack(args: DataProtectionPolicyPackArgs = {}): PolicyPack {
  const policies = dataProtectionPolicies(args);
  // Loaded here, not at the top: `@pulumi/policy` is an optional peer dependency,
  // needed only by programs that start a policy pack.
  const { PolicyPack: Pack } = require('@pulumi/policy') as typeof import('@pulumi/policy');
  return new Pack(args.name ?? POLICY_PACK_NAME, {
    policies,
    enforcementLevel: 'mandatory',
    description: 'Deadbolt: keeps infrastructure-as-code from destroying production data.',
    provider: 'aws',
  });
}

/** The enforcement level of a rule's policy under the pack's options. */
function levelOf(rule: Rule, args: DataProtectionPolicyPackArgs): EnforcementLevel {
  const override = severityChoicesOf(args).find((c) => c.ruleId === rule.id)?.severity;
  if (override === 'off') return 'disabled';
  const severity = override ?? rule.severity;
  return severity === 'error' && !args.nonProduction ? 'mandatory' : 'advisory';
}

/**
 * Which findings a policy reports. A mandatory policy reports errors only: a
 * finding the catalogue made a warning (a transient type, say) would otherwise
 * block. Acknowledged findings (`info`) are never violations.
 */
function reported(f: Finding, level: EnforcementLevel): boolean {
  if (f.severity === 'info') return false;
  return level === 'mandatory' ? f.severity === 'error' : true;
}

/** Findings whose message rests on `retainOnDelete`, which CrossGuard does not pass to packs. */
const RETAIN_LOCATIONS = new Set(['options/retainOnDelete']);

/** Rules whose findings rest on the stack's own account: without it, no copy is proven to leave it. */
const ACCOUNT_RULES: ReadonlySet<string> = new Set([
  'backup-cross-account-copy',
  'backup-plan-copy-destination',
  's3-cross-account-replication',
]);

/**
 * One violation: what is wrong on which resource, why it loses data, the fix,
 * and how to accept it; with what CrossGuard hides from the pack, when the
 * finding rests on it, and the account note (`judgement.notes`) when the
 * finding rests on the stack's account and it is not known.
 */
export function violationText(
  f: Finding,
  records: readonly ProviderResourceRecord[],
  judgement?: Pick<DataProtectionJudgement, 'notes'>,
): string {
  let limit =
    f.location && RETAIN_LOCATIONS.has(f.location)
      ? ' (CrossGuard does not pass `retainOnDelete` to policy packs, so Deadbolt judges it as not set; `protect: true` passes.)'
      : '';
  const key =
    f.ruleId === 'rds-customer-managed-key'
      ? unprovenKeys(records.find((r) => r.id === f.resource.logicalId))[0]
      : undefined;
  if (key) {
    const reported = key.reported ? `, here \`${key.reported}\`` : '';
    limit +=
      ` (CrossGuard shows a policy pack the key the provider reports${reported}; for a database given no key that is the AWS managed \`aws/rds\` key, ` +
      `whose ARN reads like any other key's. So only a \`${key.property}\` that depends on an \`aws.kms.Key\` (or a replica key, an external key or an alias) of this stack, such as \`${key.property}: key.arn\`, is proven customer managed.)`;
  }
  const account = ACCOUNT_RULES.has(f.ruleId)
    ? judgement?.notes.find((n) => n === unknownAccountNote(CALLER))
    : undefined;
  const note = account ? ` Note: ${account}` : '';
  const refused = f.acknowledgementRefused ? ` Acknowledgement refused: ${f.acknowledgementRefused}` : '';
  return `${f.message}${limit} Resource: ${describeResource(f, records)}. Why: ${f.why} Fix: ${f.fix}${refused}${note} To accept the risk with a written reason: ${acknowledgementLine(f, records, CALLER)}.`;
}

/**
 * Judges a stack once for all the policies. The policy server builds new
 * `StackValidationArgs` (and new resource objects) for every policy, so the
 * judgement is cached by the recorded stack's content, not by object.
 */
function stackJudge(args: DataProtectionPolicyPackArgs): (stackArgs: StackValidationArgs) => DataProtectionJudgement {
  const byArgs = new WeakMap<StackValidationArgs, DataProtectionJudgement>();
  let last: { key: string; judgement: DataProtectionJudgement } | undefined;
  return (stackArgs) => {
    const cached = byArgs.get(stackArgs);
    if (cached) return cached;
    const input = documentFromPolicyResources(stackArgs.resources, args);
    const key = JSON.stringify(input);
    const judgement = last?.key === key ? last.judgement : judgeStack(input, args, { caller: CALLER });
    last = { key, judgement };
    byArgs.set(stackArgs, judgement);
    return judgement;
  };
}

/**
 * The document CrossGuard's resources make: every AWS and Google Cloud resource
 * and explicit provider; the account and region of the stack's default AWS
 * provider (which the engine creates from `aws:` config) and the project of its
 * default `gcp` provider (from `gcp:project`) unless the options give them.
 */
export function documentFromPolicyResources(
  resources: readonly PolicyResource[],
  args: DataProtectionJudgingArgs = {},
): ProviderDocumentInput {
  const first = resources.find((r) => stackOfUrn(r.urn));
  const where = first ? stackOfUrn(first.urn)! : { project: 'project', stack: 'stack' };
  const defaults = resources.filter((r) => r.type === 'pulumi:providers:aws' && isDefaultProvider(r.urn));
  const accounts = new Set(defaults.map((p) => singleAccount(rawProps(p.props).allowedAccountIds)));
  const regions = new Set(
    defaults.map((p) => rawProps(p.props).region).filter((r): r is string => typeof r === 'string'),
  );
  const googleProjects = new Set(
    resources
      .filter((r) => r.type === PULUMI_GCP_PROVIDER && isDefaultProvider(r.urn))
      .map((p) => rawProps(p.props).project)
      .filter((p): p is string => typeof p === 'string' && p !== ''),
  );
  const project = args.project ?? (googleProjects.size === 1 ? [...googleProjects][0] : undefined);
  // The default `gcp` provider stays: the Google dialect reads its project and its default deletion policy, which
  // every resource without a provider of its own inherits. The AWS dialect takes the default's account and region
  // from the document instead.
  const records = resources
    .filter(
      (r) =>
        isRecordedType(r.type) &&
        !(r.type.startsWith('pulumi:providers:') && r.type !== PULUMI_GCP_PROVIDER && isDefaultProvider(r.urn)),
    )
    .map(recordFromPolicyResource);
  return {
    id: `${where.project}/${where.stack}`,
    name: where.stack,
    account: args.account ?? (accounts.size === 1 ? [...accounts][0] : undefined),
    region: args.region ?? (regions.size === 1 ? [...regions][0] : undefined),
    ...(project !== undefined ? { project } : {}),
    resources: records,
  };
}
