/**
 * Reads one level of the service control policy chain (root → OU → account)
 * for the IAM audit: the SCPs attached at that level. An action is allowed
 * only if every level allows it:
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_evaluation.html
 *
 * A file holds a policy document, the output of `aws organizations
 * describe-policy --policy-id p-...`
 * (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribePolicy.html),
 * or a JSON list of either (several SCPs attached at the same level).
 */
import { InputError } from '../dialects/errors';
import { asRecord, parseJsonValues, readPolicyDocument } from './document-reader';
import { statementsOf, type NamedPolicy, type ScpLevel } from './model';

const HOW_TO_EXPORT = 'aws organizations describe-policy --policy-id p-... > scp.json';

/**
 * One SCP level.
 *
 * @param json the parsed JSON, or the file's text (which may then hold several
 *   JSON values one after the other, one per SCP)
 * @param source the file, for messages; it names the level
 */
export function readScpLevel(json: unknown, source: string): ScpLevel {
  let items: unknown[];
  if (typeof json === 'string') {
    const values = parseJsonValues(json, source);
    items = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
  } else {
    items = Array.isArray(json) ? json : [json];
  }
  if (items.length === 0) {
    // A level with no SCP denies everything; an empty file is far likelier a mistake than that.
    throw new InputError(
      `no service control policy: expected at least one (produce one with: ${HOW_TO_EXPORT})`,
      source,
    );
  }
  const policies = items.map((item, i) => readScp(item, items.length > 1 ? `item ${i + 1}` : undefined, source));
  return { name: source, policies };
}

function readScp(item: unknown, at: string | undefined, source: string): NamedPolicy {
  const prefix = at ? `${at}: ` : '';
  const o = asRecord(item);
  if (!o) throw wrongKind(`${prefix}expected a JSON object`, source);
  const via = `SCP in ${source}`;
  if ('Statement' in o) {
    const name = typeof o.Id === 'string' ? o.Id : at ? `${source} (${at})` : source;
    return { name, via, document: scpDocument(o, `${prefix}SCP`, source) };
  }
  const policy = asRecord(o.Policy) ?? ('PolicySummary' in o ? o : undefined);
  if (!policy) {
    if (Array.isArray(o.Policies)) {
      throw new InputError(
        `${prefix}this lists policies without their content (\`list-policies\` / \`list-policies-for-target\` output); ` +
          `describe each SCP attached at this level: ${HOW_TO_EXPORT}`,
        source,
      );
    }
    throw wrongKind(`${prefix}${Object.keys(o).length === 0 ? 'an empty JSON object' : 'not a policy'}`, source);
  }
  const summary = asRecord(policy.PolicySummary);
  if (!summary) throw new InputError(`${prefix}\`Policy.PolicySummary\` is missing`, source);
  const type = summary.Type;
  if (type === 'RESOURCE_CONTROL_POLICY') {
    throw new InputError(
      `${prefix}a resource control policy (RCP): RCPs are not supported yet; give only service control policies with --scp`,
      source,
    );
  }
  if (type !== undefined && type !== 'SERVICE_CONTROL_POLICY') {
    throw new InputError(
      `${prefix}a policy of type ${String(type)}, not a service control policy (SERVICE_CONTROL_POLICY)`,
      source,
    );
  }
  const name = typeof summary.Name === 'string' ? summary.Name : typeof summary.Id === 'string' ? summary.Id : source;
  const arn = typeof summary.Arn === 'string' ? summary.Arn : undefined;
  if (policy.Content === undefined) throw new InputError(`${prefix}SCP \`${name}\` has no \`Content\``, source);
  return {
    name,
    ...(arn ? { arn } : {}),
    via,
    document: scpDocument(policy.Content, `${prefix}SCP \`${name}\``, source),
  };
}

/**
 * An SCP's document. SCPs name no principal (they apply to the accounts they
 * are attached to): a `Principal` means the file is a trust or resource policy.
 * https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_syntax.html
 */
function scpDocument(value: unknown, where: string, source: string) {
  const document = readPolicyDocument(value, where, source);
  if (statementsOf(document).some((s) => s.Principal !== undefined || s.NotPrincipal !== undefined)) {
    throw new InputError(`${where}: an SCP has no \`Principal\`; this looks like a trust or resource policy`, source);
  }
  return document;
}

function wrongKind(what: string, source: string): InputError {
  return new InputError(
    `${what}: expected a service control policy (a policy document, or the output of \`${HOW_TO_EXPORT}\`, or a list of them)`,
    source,
  );
}
