/**
 * `deadbolt iam AUTH_DETAILS.json | cdk.out | plan.json | preview.json`: which principals can destroy
 * data, through which route, and what stops them where they cannot. Exit 0
 * when no judged principal can, 1 when one can (and no written
 * acknowledgement accepts it), 2 for unreadable input, an unknown principal or
 * bad usage.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  auditAccount,
  InputError,
  PrincipalPolicies,
  refusal,
  maximumAcknowledgementDaysProblem,
  readAssemblyPrincipals,
  readAuthorizationDetails,
  providerPrincipalsFormat,
  readProviderPrincipals,
  readScpLevel,
  parseJsonValues,
  destructiveAction,
  type IamAccount,
  type IamPrincipal,
  type ScpLevel,
} from '@deadbolt/rules';
import { parse as parseYaml } from 'yaml';
import { listValues, parseCommandArgs } from '../args';
import type { Command, CommandContext } from '../command';
import { UsageError } from '../errors';
import {
  failing,
  formatIamSarif,
  iamJsonChunks,
  iamTextChunks,
  type IamReport,
  type IamAcknowledgement,
} from '../formatters/iam';
import { resolveAwsManagedPolicy, AWS_MANAGED_POLICIES_SOURCE } from '../input/aws-managed-policies';
import { displayPath } from '../paths';

export const IAM_FORMATS = ['text', 'json', 'sarif'] as const;
export type IamFormat = (typeof IAM_FORMATS)[number];

const USAGE = `Usage: deadbolt iam [options] INPUT

Who can destroy the data, and what stops them: for each IAM user and role, every
action that deletes data or lowers its protection (databases, tables, buckets,
object versions, file systems, volumes, snapshots, automated backups, recovery
points, vaults, keys, stacks, and the SCPs and boundaries that guard them) it can
perform, on which resources, and by which route; for each it cannot, the deny,
boundary or SCP that stops it.

INPUT is one of:
  aws iam get-account-authorization-details > auth.json
                     (the CLI's JSON, or the SDK's URL-encoded policy documents; several
                     pages as a list or one after another). AWS managed policies the export
                     leaves out are read from ${AWS_MANAGED_POLICIES_SOURCE}.
  cdk.out            a cloud assembly: the roles, users, groups and policies the app creates.
  terraform show -json tfplan > plan.json  (or a state: terraform show -json > state.json)
                     the roles, users, groups and policies as they are after the apply.
  pulumi preview --json > preview.json
                     the same for a Pulumi stack, after the update. A value known only after
                     the apply widens an Allow to \`*\` and drops a Deny (recorded, fail closed).

Routes followed: sts:AssumeRole into a role whose trust policy lets the principal in,
and CloudFormation acting with a service role (iam:PassRole plus CreateStack/UpdateStack/
CreateChangeSet, or updating or deleting a stack that already uses the role: CDK's
bootstrap deploys through its execution role), changing its own policies (putting or
attaching one on itself; deleting or detaching those that hold its denies), and taking
over another principal (iam:UpdateAssumeRolePolicy on a role; iam:CreateAccessKey,
CreateLoginProfile or UpdateLoginProfile on a user), and running code as a role of Lambda,
EC2, ECS, CodeBuild, Glue, Step Functions or SageMaker (iam:PassRole plus the call that
starts it, or changing what already runs with it: possible). A condition the audit cannot decide
offline makes an Allow "possible" (reported) and a Deny "not certain" (it stops nothing):
the audit never reports "cannot destroy" on a guess.

Options:
      --principal ARN      Judge this principal only (an ARN, a name, a construct path in a
                           cdk.out, a Terraform address or a Pulumi URN or resource name).
                           Repeatable. Default: every user and role.
      --scp FILE           One level of the AWS Organizations hierarchy above the account, root
                           first (repeatable: every level must allow). FILE holds a policy
                           document, the output of aws organizations describe-policy, or a
                           list of either (several SCPs attached at that level).
      --management-account ID
                           The organization's management account: SCPs do not apply to its
                           principals.
      --resource ARN       Judge only these resources (repeatable). Default: any resource.
      --resource-tag KEY=VALUE
                           Tags the audited data carries (repeatable), so denies conditioned on
                           aws:ResourceTag are decided: --resource-tag deadbolt:protected=true
                           for resources tagged as AgentGuardrailPolicy expects.
      --acknowledgements FILE
                           Accepted capabilities, with a reason: a YAML or JSON list of
                           { principal: ARN, action: ACTION or "*", reason: "…", expires: YYYY-MM-DD }
                           (expires optional). An accepted capability is reported, not failed.
      --max-acknowledgement-days DAYS
                           How far ahead an acknowledgement's expiry may be (default 90, at most 365).
  -f, --format FORMAT      text (default), json or sarif.
  -o, --output-file FILE   Write the report to FILE instead of standard output.
  -h, --help               Show this help.

Service-linked roles are listed but not judged: only their AWS service can use them.

Exit codes: 0 no judged principal can destroy data, 1 one can, 2 unreadable input,
an unknown principal or bad usage.
`;

export interface IamOptions {
  readonly input?: string;
  readonly principals: readonly string[];
  readonly scps: readonly string[];
  readonly managementAccount?: string;
  readonly resources: readonly string[];
  readonly resourceTags: Readonly<Record<string, string>>;
  readonly acknowledgements?: string;
  readonly maximumAcknowledgementDays: number;
  readonly format: IamFormat;
  readonly outputFile?: string;
  readonly help: boolean;
}

export function parseIamOptions(args: readonly string[]): IamOptions {
  const { values, positionals } = parseCommandArgs('iam', args, {
    principal: { type: 'string', multiple: true },
    scp: { type: 'string', multiple: true },
    'management-account': { type: 'string' },
    resource: { type: 'string', multiple: true },
    'resource-tag': { type: 'string', multiple: true },
    acknowledgements: { type: 'string' },
    'max-acknowledgement-days': { type: 'string' },
    format: { type: 'string', short: 'f' },
    'output-file': { type: 'string', short: 'o' },
    help: { type: 'boolean', short: 'h' },
  });
  const format = (values.format ?? 'text') as IamFormat;
  if (!IAM_FORMATS.includes(format))
    throw new UsageError(`iam: unknown format \`${values.format}\`; use ${IAM_FORMATS.join(', ')}.`);
  const management = values['management-account'];
  if (management !== undefined && !/^\d{12}$/.test(management))
    throw new UsageError(`iam: \`--management-account\` must be a 12-digit AWS account id, got \`${management}\`.`);
  for (const r of values.resource ?? []) {
    if (!r.startsWith('arn:')) throw new UsageError(`iam: \`--resource\` takes an ARN (arn:aws:rds:…), got \`${r}\`.`);
  }
  const resourceTags: Record<string, string> = {};
  for (const t of values['resource-tag'] ?? []) {
    const m = /^([^=]+)=(.*)$/.exec(t);
    if (!m) throw new UsageError(`iam: \`--resource-tag\` takes KEY=VALUE, got \`${t}\`.`);
    resourceTags[m[1]] = m[2];
  }
  let maximumAcknowledgementDays = 90;
  const maxAck = values['max-acknowledgement-days'];
  if (maxAck !== undefined) {
    const problem = maximumAcknowledgementDaysProblem(
      /^\d+$/.test(maxAck) ? Number(maxAck) : maxAck,
      '--max-acknowledgement-days',
    );
    if (problem) throw new UsageError(`iam: ${problem}`);
    maximumAcknowledgementDays = Number(maxAck);
  }
  if (!values.help && positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? 'iam: name the INPUT: the output of `aws iam get-account-authorization-details`, a cdk.out directory, a Terraform plan or state (`terraform show -json`) or a Pulumi preview (`pulumi preview --json`). See `npx deadbolt iam --help`.'
        : `iam: takes one INPUT, got ${positionals.length}. See \`npx deadbolt iam --help\`.`,
    );
  return {
    input: positionals[0],
    principals: listValues(values.principal),
    scps: values.scp ?? [],
    managementAccount: management,
    resources: values.resource ?? [],
    resourceTags,
    acknowledgements: values.acknowledgements,
    maximumAcknowledgementDays,
    format,
    outputFile: values['output-file'],
    help: values.help ?? false,
  };
}

/** Largest export read (an account with thousands of roles is tens of MB). */
const MAX_INPUT_BYTES = 512 * 1024 * 1024;

function readText(file: string, what: string): string {
  try {
    if (fs.statSync(file).size > MAX_INPUT_BYTES) throw new InputError(`the ${what} is over 512 MB.`, file);
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `the ${what} does not exist.` : `the ${what} cannot be read (${code}).`,
      file,
    );
  }
}

/** Reads the input and the SCP files into the audit's model. */
export function loadIamAccount(options: IamOptions, cwd: string): IamAccount {
  const input = path.resolve(cwd, options.input as string);
  const shown = displayPath(input, cwd);
  let principals: IamPrincipal[];
  let notes: string[];
  const isDir = fs.existsSync(input) && fs.statSync(input).isDirectory();
  if (isDir) {
    if (!fs.existsSync(path.join(input, 'manifest.json')))
      throw new InputError(
        'a directory must be a cloud assembly (cdk.out, with a manifest.json); for an account, give the output of `aws iam get-account-authorization-details`.',
        shown,
      );
    ({ principals, notes } = readAssemblyPrincipals(input, { resolveAwsManagedPolicy }));
    // Templates are named by absolute path inside the assembly: show them as the user named the directory.
    principals = principals.map((p) =>
      p.source?.startsWith(input) ? { ...p, source: `${shown}${p.source.slice(input.length)}` } : p,
    );
    notes = [...notes, ...outsideTheAssembly(principals)];
  } else {
    const values = parseJsonValues(readText(input, 'input file'), shown);
    // A Terraform plan or state, or a Pulumi preview, is recognised by its content; anything else must be an export.
    if (values.length === 1 && providerPrincipalsFormat(values[0]) !== undefined) {
      ({ principals, notes } = readProviderPrincipals(values[0], shown, { resolveAwsManagedPolicy }));
    } else {
      ({ principals, notes } = readAuthorizationDetails(values.length === 1 ? values[0] : values, shown, {
        resolveAwsManagedPolicy,
        resolverName: AWS_MANAGED_POLICIES_SOURCE,
      }));
    }
  }
  const scpLevels: ScpLevel[] = options.scps.map((file) => {
    const abs = path.resolve(cwd, file);
    const label = displayPath(abs, cwd);
    const values = parseJsonValues(readText(abs, 'SCP file'), label);
    return readScpLevel(values.length === 1 ? values[0] : values, label);
  });
  return { principals, scpLevels, managementAccountId: options.managementAccount, notes };
}

/** Calls that act as a role the assembly does not hold (the CDK bootstrap's roles, the account's other roles). */
const ROUTES_OUT = ['sts:AssumeRole', 'iam:PassRole', 'cloudformation:UpdateStack', 'cloudformation:CreateChangeSet'];

/**
 * A cloud assembly holds the app's roles only. A principal that may assume roles, pass them, or update stacks
 * (which CloudFormation runs with the stack's service role, for a CDK app the bootstrap's execution role) can act
 * as roles the audit cannot see here: say so, and how to see them.
 */
function outsideTheAssembly(principals: readonly IamPrincipal[]): string[] {
  const account: IamAccount = { principals, scpLevels: [] };
  const reaching = principals.filter((p) => {
    const policies = new PrincipalPolicies(p, account);
    return ROUTES_OUT.some((a) => policies.decide(a).allowedOn.length > 0);
  });
  if (reaching.length === 0) return [];
  const names = reaching.slice(0, 3).map((p) => `\`${p.name}\``);
  return [
    `${names.join(', ')}${reaching.length > 3 ? ` and ${reaching.length - 3} more` : ''} may call sts:AssumeRole, iam:PassRole or update stacks: roles outside this app (the CDK bootstrap's deploy and execution roles, the account's other roles) are not in a cloud assembly. Audit the account's export too (\`aws iam get-account-authorization-details > auth.json\`, then \`npx deadbolt iam auth.json\`) to follow those routes.`,
  ];
}

/**
 * The principals `--principal` names: by ARN, name, construct path (cdk.out), Terraform address or Pulumi URN or
 * resource name. Unknown → exit 2.
 */
export function selectPrincipals(account: IamAccount, wanted: readonly string[]): IamPrincipal[] {
  if (wanted.length === 0) return [...account.principals];
  const out: IamPrincipal[] = [];
  for (const w of wanted) {
    const hits = account.principals.filter((p) => {
      if (p.arn === w || p.name === w) return true;
      // A cloud assembly's principal is shown as `template (Stack/Construct/Resource)`, a Terraform or Pulumi one as
      // `plan.json (address)` or `preview.json (urn)`: match what is in the parentheses.
      const at = p.source?.endsWith(')') ? p.source.indexOf(' (') : -1;
      const where = at >= 0 ? p.source!.slice(at + 2, -1) : undefined;
      if (where === undefined) return false;
      if (where === w || where === `${w}/Resource`) return true;
      // A Pulumi URN ends with the resource's name: `urn:pulumi:stack::project::type::name`.
      return where.startsWith('urn:pulumi:') && where.slice(where.lastIndexOf('::') + 2) === w;
    });
    if (hits.length === 0) {
      const near = account.principals
        .map((p) => p.arn)
        .filter((arn) => arn.toLowerCase().includes(w.toLowerCase().split('/').pop() ?? w.toLowerCase()))
        .slice(0, 3);
      throw new InputError(
        `no user or role \`${w}\` in the input${near.length ? `; did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : ` (it holds ${account.principals.length} principals; give an ARN, a name, a construct path, a Terraform address or a Pulumi URN).`}`,
      );
    }
    if (hits.length > 1 && !w.startsWith('arn:'))
      throw new InputError(
        `\`${w}\` names ${hits.length} principals (${hits.map((h) => `\`${h.arn}\``).join(', ')}); give the ARN.`,
      );
    for (const h of hits) if (!out.includes(h)) out.push(h);
  }
  return out;
}

/** Reads `--acknowledgements`: malformed entries are unreadable input; reasonless or expired ones are refused later. */
export function readIamAcknowledgements(file: string, cwd: string): IamAcknowledgement[] {
  const abs = path.resolve(cwd, file);
  const shown = displayPath(abs, cwd);
  const text = readText(abs, 'acknowledgements file');
  let doc: unknown;
  try {
    doc = /^\s*[[{]/.test(text) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new InputError(
      `the acknowledgements file is not valid JSON or YAML (${(e as Error).message.split('\n')[0]}).`,
      shown,
    );
  }
  const list =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? (doc as Record<string, unknown>).acknowledgements
      : doc;
  if (!Array.isArray(list))
    throw new InputError('the acknowledgements file must hold a list of { principal, action, reason } entries.', shown);
  if (list.length > 10_000) throw new InputError('the acknowledgements file holds over 10,000 entries.', shown);
  return list.map((raw, i) => {
    const where = `${shown} entry ${i + 1}`;
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
      throw new InputError(`entry ${i + 1} is not an object.`, shown);
    const e = raw as Record<string, unknown>;
    if (typeof e.principal !== 'string' || !e.principal.startsWith('arn:'))
      throw new InputError(`entry ${i + 1} needs \`principal\`: the principal's ARN.`, shown);
    if (typeof e.action !== 'string' || (e.action !== '*' && !destructiveAction(e.action)))
      throw new InputError(
        `entry ${i + 1}: \`action\` must be a destructive action Deadbolt judges (as \`deadbolt iam --format json\` lists them) or "*", got \`${String(e.action)}\`.`,
        shown,
      );
    let expires: string | undefined;
    if (e.expires !== undefined) {
      // YAML reads an unquoted date as a Date.
      expires = e.expires instanceof Date ? e.expires.toISOString().slice(0, 10) : String(e.expires);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(expires) || Number.isNaN(Date.parse(expires)))
        throw new InputError(`entry ${i + 1}: \`expires\` must be a date (YYYY-MM-DD), got \`${expires}\`.`, shown);
    }
    return {
      principal: e.principal,
      action: e.action === '*' ? '*' : (destructiveAction(e.action)?.action ?? e.action),
      reason: typeof e.reason === 'string' ? e.reason : '',
      expires,
      source: where,
    };
  });
}

/**
 * Why an acknowledgement is not honoured, or undefined when it is: the engine's own judgement (a written reason, not
 * expired, no further ahead than the maximum), so an IAM acknowledgement holds exactly as long as a rule's does.
 */
export function iamAcknowledgementRefusal(ack: IamAcknowledgement, now: Date, maxDays: number): string | undefined {
  const problem = refusal(
    // The source leads the message; the engine would name it again.
    { ruleId: `\`${ack.action}\` for ${ack.principal}`, reason: ack.reason, expires: ack.expires },
    now,
    { maximumDays: maxDays, maximumOption: '`--max-acknowledgement-days`' },
  );
  return problem && `${ack.source} is refused: ${problem}`;
}

export const iam: Command = {
  name: 'iam',
  summary: 'Audit who can destroy data: IAM users and roles, their routes, and what stops them.',
  usage: USAGE,
  async run(args: readonly string[], ctx: CommandContext): Promise<number> {
    const options = parseIamOptions(args);
    if (options.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    const account = loadIamAccount(options, ctx.cwd);
    const targets = selectPrincipals(account, options.principals);
    const acknowledgements = options.acknowledgements ? readIamAcknowledgements(options.acknowledgements, ctx.cwd) : [];
    const audit = auditAccount(account, { resources: options.resources, resourceTags: options.resourceTags }, targets);
    const now = new Date();
    const refusals: string[] = [];
    const honoured = acknowledgements.filter((a) => {
      const r = iamAcknowledgementRefusal(a, now, options.maximumAcknowledgementDays);
      if (r) refusals.push(r);
      return !r;
    });
    const report: IamReport = {
      audit,
      input: displayPath(path.resolve(ctx.cwd, options.input as string), ctx.cwd),
      scps: options.scps,
      resources: options.resources,
      resourceTags: options.resourceTags,
      acknowledgements: honoured,
      refusals,
      named: options.principals.length > 0,
    };
    const chunks: Iterable<string> =
      options.format === 'json'
        ? iamJsonChunks(report)
        : options.format === 'sarif'
          ? [formatIamSarif(report, { version: ctx.version })]
          : iamTextChunks(report);
    // Written a principal at a time: the report of a large account is hundreds of megabytes.
    if (options.outputFile) {
      const fd = fs.openSync(path.resolve(ctx.cwd, options.outputFile), 'w');
      try {
        // Gathered into writes of about a megabyte: one write per principal would be thousands of system calls.
        let pending: string[] = [];
        let size = 0;
        for (const chunk of chunks) {
          pending.push(chunk);
          size += chunk.length;
          if (size >= 1 << 20) {
            fs.writeSync(fd, pending.join(''));
            pending = [];
            size = 0;
          }
        }
        if (pending.length > 0) fs.writeSync(fd, pending.join(''));
      } finally {
        fs.closeSync(fd);
      }
    } else {
      for (const chunk of chunks) ctx.stdout.write(chunk);
    }
    for (const r of refusals) ctx.stderr.write(`deadbolt iam: ${r}\n`);
    return report.audit.principals.some((p) => failing(p, report).length > 0) ? 1 : 0;
  },
};
