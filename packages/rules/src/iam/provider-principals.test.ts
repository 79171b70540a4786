/** The Terraform and Pulumi readers of the IAM audit, on plan, state and preview JSON, judged by the real audit. */
import * as fs from 'fs';
import * as path from 'path';
import { InputError } from '../dialects/errors';
import { auditAccount } from './audit';
import type { IamPrincipal, PolicyDocument } from './model';
import { providerPrincipalsFormat, readProviderPrincipals } from './provider-principals';

const FIXTURES = path.join(__dirname, 'fixtures');
const load = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
const ADMIN: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const resolveAwsManagedPolicy = (arn: string) => (arn.endsWith('/AdministratorAccess') ? ADMIN : undefined);

function read(json: unknown, source = 'input.json'): IamPrincipal[] {
  return readProviderPrincipals(json, source, { resolveAwsManagedPolicy }).principals;
}

function canDelete(p: IamPrincipal, action: string): string | undefined {
  const audit = auditAccount({ principals: [p], scpLevels: [] }, {}, [p]);
  return audit.principals[0].destructive.find((d) => d.action === action) ? action : undefined;
}

const byName = (list: IamPrincipal[], name: string) => list.find((p) => p.name.startsWith(name))!;

describe('Terraform plan', () => {
  const principals = read(load('terraform-plan-iam.json'), 'plan.json');

  test('an attachment by role name (known at plan) gives the agent AdministratorAccess; the account is the provider’s', () => {
    const agent = byName(principals, 'coding-agent');
    expect(agent.arn).toBe('arn:aws:iam::111122223333:role/coding-agent');
    expect(agent.source).toBe('plan.json (aws_iam_role.agent)');
    expect(agent.policies.map((p) => p.arn)).toEqual(['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(agent.unresolved).toBeUndefined();
    expect(agent.tags).toEqual({ team: 'platform', 'managed-by': 'terraform' });
    expect(canDelete(agent, 'rds:DeleteDBInstance')).toBeDefined();
  });

  test('a policy document rendered at apply is rebuilt from the data source: unknown Allow resource → *, unknown Deny dropped', () => {
    const exporter = byName(principals, 'orders-exporter');
    const doc = exporter.policies.find((p) => p.name === 'write-exports')!.document;
    expect(doc.Statement).toEqual([
      expect.objectContaining({ Sid: 'WriteExports', Effect: 'Allow', Resource: '*' }),
      expect.objectContaining({
        Sid: 'KeepBucket',
        Effect: 'Deny',
        Resource: 'arn:deadbolt:unresolved:::matches-nothing',
      }),
    ]);
    expect(exporter.unresolved?.join('\n')).toMatch(/Deny `KeepBucket`.*statement\.1\.resources.*matches nothing/);
    // The Deny that cannot be placed stops nothing: the bucket can be deleted, as the plan may allow.
    expect(canDelete(exporter, 's3:DeleteBucket')).toBeDefined();
  });

  test('an attachment whose role is known only after apply and that no reference names may hold every role', () => {
    const plan = load('terraform-plan-iam.json') as Record<string, any>;
    const attachment = plan.resource_changes.find(
      (r: any) => r.address === 'aws_iam_role_policy_attachment.agent_admin',
    );
    attachment.change.after = { policy_arn: attachment.change.after.policy_arn };
    attachment.change.after_unknown = { id: true, role: true };
    const cfg = plan.configuration.root_module.resources.find((r: any) => r.address === attachment.address);
    cfg.expressions.role = { references: ['var.role_name'] };
    const list = read(plan);
    for (const p of list) expect(p.unresolved?.join('\n')).toMatch(/role known only after the apply/);
    expect(byName(list, 'coding-agent').policies).toEqual([]);
  });

  test('a policy ARN known only after apply follows its reference to the aws_iam_policy', () => {
    const plan = load('terraform-plan-iam.json') as Record<string, any>;
    plan.resource_changes.push({
      address: 'aws_iam_policy.ops',
      mode: 'managed',
      type: 'aws_iam_policy',
      name: 'ops',
      change: {
        actions: ['create'],
        before: null,
        after: {
          name: 'ops',
          path: '/',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 'dynamodb:DeleteTable', Resource: '*' }],
          }),
        },
        after_unknown: { arn: true, id: true },
      },
    });
    const attachment = plan.resource_changes.find(
      (r: any) => r.address === 'aws_iam_role_policy_attachment.agent_admin',
    );
    attachment.change.after = { role: 'orders-exporter' };
    attachment.change.after_unknown = { id: true, policy_arn: true };
    const cfg = plan.configuration.root_module.resources.find((r: any) => r.address === attachment.address);
    cfg.expressions.policy_arn = { references: ['aws_iam_policy.ops.arn', 'aws_iam_policy.ops'] };
    const exporter = byName(read(plan), 'orders-exporter');
    expect(exporter.policies.map((p) => p.arn)).toContain('arn:aws:iam::111122223333:policy/ops');
    expect(canDelete(exporter, 'dynamodb:DeleteTable')).toBeDefined();
  });

  test('a destroy plan leaves no principals; a state is read from `values`', () => {
    const plan = load('terraform-plan-iam.json') as Record<string, any>;
    for (const rc of plan.resource_changes) if (rc.mode === 'managed') rc.change.actions = ['delete'];
    plan.planned_values = { root_module: {} };
    expect(read(plan)).toEqual([]);
    const state = {
      format_version: '1.0',
      terraform_version: '1.9.8',
      values: {
        root_module: {
          resources: [
            {
              address: 'aws_iam_user.ci',
              mode: 'managed',
              type: 'aws_iam_user',
              name: 'ci',
              values: { name: 'ci', path: '/deploy/', tags: { team: 'ci' }, tags_all: { team: 'ci' } },
            },
            {
              address: 'aws_iam_user_policy.ci',
              mode: 'managed',
              type: 'aws_iam_user_policy',
              name: 'ci',
              values: {
                name: 'deploy',
                user: 'ci',
                policy: JSON.stringify({
                  Statement: [{ Effect: 'Allow', Action: 'rds:DeleteDBInstance', Resource: '*' }],
                }),
              },
            },
          ],
        },
      },
    };
    const [ci] = read(state, 'state.json');
    expect(ci).toMatchObject({
      kind: 'user',
      arn: 'arn:aws:iam::unknown-account:user/deploy/ci',
      source: 'state.json (aws_iam_user.ci)',
    });
    expect(canDelete(ci, 'rds:DeleteDBInstance')).toBeDefined();
  });
});

describe('Pulumi preview', () => {
  const principals = read(load('pulumi-preview-iam.json'), 'preview.json');

  test('an attachment whose role is unknown in the preview follows propertyDependencies to the role', () => {
    const agent = byName(principals, 'coding-agent');
    expect(agent.arn).toBe('arn:aws:iam::111122223333:role/coding-agent-4b1e9d2');
    expect(agent.source).toBe('preview.json (urn:pulumi:prod::orders::aws:iam/role:Role::coding-agent)');
    expect(agent.policies.map((p) => p.name)).toEqual(['AdministratorAccess']);
    expect(canDelete(agent, 'dynamodb:DeleteTable')).toBeDefined();
  });

  test('an unknown inline policy is recorded; an unknown Deny resource is not counted', () => {
    const exporter = byName(principals, 'orders-exporter');
    const text = exporter.unresolved?.join('\n') ?? '';
    expect(text).toMatch(
      /policy document `inline_policy\.0\.policy` of `orders-exporter` \(known after update\) could not be read/,
    );
    expect(text).toMatch(/Deny `KeepBucket`.*matches nothing/);
    expect(canDelete(exporter, 's3:DeleteBucket')).toBeDefined();
  });
});

describe('format detection', () => {
  test.each([
    ['terraform-plan-iam.json', 'terraform'],
    ['pulumi-preview-iam.json', 'pulumi'],
    ['account-authorization-details.json', undefined],
  ])('%s is %s', (file, format) => expect(providerPrincipalsFormat(load(file))).toBe(format));

  test('an errored plan or preview is unreadable input', () => {
    const plan = { ...(load('terraform-plan-iam.json') as object), errored: true };
    expect(() => read(plan)).toThrow(InputError);
    const preview = {
      ...(load('pulumi-preview-iam.json') as object),
      diagnostics: [{ severity: 'error', message: 'boom' }],
    };
    expect(() => read(preview)).toThrow(/reported an error/);
    expect(() => read({ format_version: '9.0', planned_values: {} })).toThrow(/format_version/);
  });
});
