import spec from '../spec/cloudformation-types.generated.json';
import { DATA_STORES } from '../spec/data-stores';
import { CONTAINER_TYPES, STATEFUL_TYPES, TRANSIENT_TYPES } from '../spec/stateful-types';
import { CATALOGUE, ruleById } from '../rules';
import { protects, MINIMUM_RETENTION } from './setting';
import { OUT_OF_SCOPE, outOfScopeReason, PROTECTION_TABLE, protectionOf, supportsSnapshot } from './table';

const decided = (t: string) => protectionOf(t) !== undefined || outOfScopeReason(t) !== undefined;

describe('the protection table', () => {
  test('every type the CloudFormation specification marks stateful has a decision', () => {
    expect(spec.stateful.filter((t) => !decided(t))).toEqual([]);
  });

  test('every type with a property named like a data protection has a decision', () => {
    expect(Object.keys(spec.dataProperties).filter((t) => !decided(t))).toEqual([]);
  });

  test('every data store the agent hook knows has a decision', () => {
    const hookTypes = DATA_STORES.flatMap((s) => s.types).filter((t) => !CONTAINER_TYPES.has(t));
    expect(hookTypes.filter((t) => !decided(t))).toEqual([]);
  });

  test('a type is covered or out of scope, never both, and out-of-scope reasons are written', () => {
    for (const o of OUT_OF_SCOPE) {
      expect({ type: o.type, covered: protectionOf(o.type) !== undefined }).toEqual({ type: o.type, covered: false });
      expect(o.reason.length).toBeGreaterThan(20);
    }
  });

  test('the catalogue judges exactly the covered types as data', () => {
    expect([...STATEFUL_TYPES].sort()).toEqual(
      [...new Set([...spec.stateful, ...PROTECTION_TABLE.filter((s) => !s.protectsOnly).map((s) => s.type)])]
        .filter((t) => outOfScopeReason(t) === undefined)
        .sort(),
    );
    expect(Object.keys(TRANSIENT_TYPES).sort()).toEqual(
      PROTECTION_TABLE.filter((s) => s.transient)
        .map((s) => s.type)
        .sort(),
    );
  });

  test('a type that only protects data held elsewhere (a backup plan, an instance) is not a data store', () => {
    for (const s of PROTECTION_TABLE.filter((x) => x.protectsOnly)) {
      expect({ type: s.type, stateful: STATEFUL_TYPES.includes(s.type) }).toEqual({ type: s.type, stateful: false });
      expect(s.settings.length).toBeGreaterThan(0);
    }
  });

  test('Snapshot is supported by the types CloudFormation documents, and no others', () => {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html
    expect(
      PROTECTION_TABLE.filter((s) => s.snapshot)
        .map((s) => s.type)
        .sort(),
    ).toEqual([
      'AWS::DocDB::DBCluster',
      'AWS::EC2::Volume',
      'AWS::ElastiCache::CacheCluster',
      'AWS::ElastiCache::ReplicationGroup',
      'AWS::Neptune::DBCluster',
      'AWS::RDS::DBCluster',
      'AWS::RDS::DBInstance',
      'AWS::Redshift::Cluster',
    ]);
    expect(supportsSnapshot('AWS::DynamoDB::Table')).toBe(false);
  });

  test("each setting names a rule of the catalogue that judges the setting's type", () => {
    for (const store of PROTECTION_TABLE) {
      for (const s of store.settings) {
        if (!s.ruleId) continue;
        const rule = ruleById(s.ruleId);
        expect({ type: store.type, rule: s.ruleId, exists: rule !== undefined }).toEqual({
          type: store.type,
          rule: s.ruleId,
          exists: true,
        });
        expect({ type: store.type, rule: s.ruleId, judges: rule!.resourceTypes.includes(store.type) }).toEqual({
          type: store.type,
          rule: s.ruleId,
          judges: true,
        });
      }
    }
  });

  test('every rule that judges a covered type through one of its settings is in the table', () => {
    // The general and cross-resource rules judge policies and relations, not settings. This is the AWS table:
    // Google Cloud's stores (stores/google.ts) are keyed by Terraform path, without rule ids.
    const settingRules = CATALOGUE.filter(
      (r) =>
        r.google === undefined &&
        !/^(general|backup|stack|template|s3-(cross-account|no-auto|bucket-deployment)|ec2-no-delete-on-termination|rds-customer-managed-key|dynamodb-replica)/.test(
          r.id,
        ),
    );
    const named = new Set(PROTECTION_TABLE.flatMap((s) => s.settings.map((x) => x.ruleId)));
    expect(settingRules.map((r) => r.id).filter((id) => !named.has(id))).toEqual([]);
  });

  test('a safe value protects and a service default is judged as the service applies it', () => {
    const rds = protectionOf('AWS::RDS::DBInstance')!;
    const [deletion, retention, keptBackups] = rds.settings;
    expect(protects(deletion, true, 7)).toBe(true);
    expect(protects(deletion, undefined, 7)).toBe(false);
    expect(protects(deletion, 'true', 7)).toBe(true);
    expect(protects(deletion, { Ref: 'P' }, 7)).toBe(false);
    expect(retention.safe).toBe(MINIMUM_RETENTION);
    expect(protects(retention, 7, 7)).toBe(true);
    expect(protects(retention, 3, 7)).toBe(false);
    expect(protects(retention, undefined, 1)).toBe(true);
    expect(protects(keptBackups, false, 7)).toBe(true);
    expect(protects(keptBackups, undefined, 7)).toBe(false);
    const pool = protectionOf('AWS::Cognito::UserPool')!.settings[0];
    expect(protects(pool, 'ACTIVE', 7)).toBe(true);
    expect(protects(pool, 'active', 7)).toBe(false);
    expect(protects(pool, undefined, 7)).toBe(false);
  });

  test('a cluster member names its cluster; DocumentDB and Neptune instances always do', () => {
    expect(protectionOf('AWS::RDS::DBInstance')!.member).toMatchObject({ required: false });
    expect(protectionOf('AWS::DocDB::DBInstance')!.member).toMatchObject({ required: true });
    expect(protectionOf('AWS::Neptune::DBInstance')!.member).toMatchObject({ required: true });
  });
});
