/**
 * `ProtectStatefulResources` writes what the catalogue's protection table
 * prescribes, and what it writes satisfies the rule that judges it: for every
 * setting with a safe value, a resource of the type with the setting unset (and
 * with it set to the unsafe end) is fixed, and `DataProtectionChecks` then finds
 * nothing for that rule.
 */
import { App, AspectPriority, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import { PROTECTION_TABLE, parsePath, protectionLevel, type ProtectiveSetting } from '@deadbolt/rules';
import { DataProtectionChecks, ProtectStatefulResources } from '../../src';
import { ENV } from '../synth-helper';

/** Every (type, setting) the fixer writes: a safe value, a rule, a CloudFormation path outside a list, one variant. */
const CASES: [string, string, ProtectiveSetting][] = PROTECTION_TABLE.flatMap((store) =>
  store.settings
    .filter(
      (s) =>
        s.safe !== undefined &&
        s.ruleId !== undefined &&
        s.cloudformation?.length === 1 &&
        !s.cloudformation[0].includes('*') &&
        !store.member?.required,
    )
    .map((s): [string, string, ProtectiveSetting] => [store.type, `${s.ruleId} (${s.cloudformation![0]})`, s]),
);

/** The value at the other end of the setting's scale: off, skipped, 0. */
function unsafeValue(s: ProtectiveSetting): unknown {
  switch (s.kind) {
    case 'on-off':
      return typeof s.safe === 'string'
        ? s.safe === 'ACTIVE'
          ? 'INACTIVE'
          : s.safe === 'ENABLED'
            ? 'DISABLED'
            : 'Suspended'
        : false;
    case 'off-on':
      return true;
    default:
      return 0;
  }
}

function nested(path: string, value: unknown): Record<string, unknown> {
  const segs = parsePath(path) as string[];
  let v: unknown = value;
  for (const seg of [...segs].reverse()) v = { [seg]: v };
  return v as Record<string, unknown>;
}

function fixedFindings(type: string, setting: ProtectiveSetting, properties: Record<string, unknown>) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Data', { env: ENV, terminationProtection: true });
  const tags = setting.onlyWhenData ? { Tags: [{ Key: 'deadbolt:data', Value: 'true' }] } : {};
  new CfnResource(stack, 'Store', { type, properties: { ...properties, ...tags } });
  const fixer = new ProtectStatefulResources();
  Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  const checks = new DataProtectionChecks();
  Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
  app.synth();
  return { fixer, findings: checks.findings.filter((f) => f.ruleId === setting.ruleId) };
}

describe('ProtectStatefulResources writes the protection table', () => {
  test('there is something to test', () => {
    expect(CASES.length).toBeGreaterThan(15);
  });

  test.each(CASES)('%s: %s, not set, is fixed and then passes its rule', (type, _name, setting) => {
    const { fixer, findings } = fixedFindings(type, setting, {});
    expect(findings.map((f) => f.message)).toEqual([]);
    // A setting whose service default already protects needs no change.
    const top = parsePath(setting.cloudformation![0])[0];
    const defaultProtects =
      setting.absent !== undefined &&
      protectionLevel(setting.kind, setting.absent) !== undefined &&
      protectionLevel(setting.kind, setting.absent)! >=
        (protectionLevel(
          setting.kind,
          setting.safe === undefined ? 1 : typeof setting.safe === 'symbol' ? 7 : setting.safe,
        ) ?? Infinity);
    const changed = fixer.changes.some((c) => c.property === top && c.ruleId === setting.ruleId);
    if (!defaultProtects) expect(changed).toBe(true);
  });

  test.each(CASES)('%s: %s, set to its unsafe end, is fixed and then passes its rule', (type, _name, setting) => {
    const { fixer, findings } = fixedFindings(type, setting, nested(setting.cloudformation![0], unsafeValue(setting)));
    expect(findings.map((f) => f.message)).toEqual([]);
    const top = parsePath(setting.cloudformation![0])[0];
    expect(fixer.changes.some((c) => c.property === top && c.ruleId === setting.ruleId)).toBe(true);
  });
});

test('a memcached cache tagged as data is retained, but gets no snapshot retention (memcached has no snapshots)', () => {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Cache', { env: ENV });
  new CfnResource(stack, 'Sessions', {
    type: 'AWS::ElastiCache::CacheCluster',
    properties: {
      Engine: 'memcached',
      CacheNodeType: 'cache.t3.micro',
      NumCacheNodes: 1,
      Tags: [{ Key: 'deadbolt:data', Value: 'true' }],
    },
  });
  const fixer = new ProtectStatefulResources();
  Aspects.of(app).add(fixer, { priority: AspectPriority.MUTATING });
  app.synth();
  expect(fixer.changes.map((c) => c.property).sort()).toEqual(['DeletionPolicy', 'UpdateReplacePolicy']);
});
