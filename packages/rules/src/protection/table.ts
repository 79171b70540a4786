/**
 * The protection table: for every data store, the settings that keep its data
 * (with the service default, the safe value and the rule that judges each),
 * whether CloudFormation can snapshot it, what a replacement does, and whether
 * a resource of the type can be a member of a cluster that holds the data.
 *
 * Read by the catalogue (which types hold data, which are transient, cluster
 * membership, `Snapshot` support), the plan gate (`protectionLowerings`: does a
 * change lower a protection), `ProtectStatefulResources` in `@deadbolt/cdk`
 * (what to set) and the Pulumi components (what to force). Adding a type is one
 * entry in `stores/` and its test; `table.test.ts` fails while a type the
 * CloudFormation specification marks stateful, or that has a protection-named
 * property, has no decision here (covered, or out of scope with a reason).
 */
import { DYNAMODB_STORES } from './stores/dynamodb';
import { KEY_LOG_AND_QUEUE_STORES } from './stores/keys-logs-and-queues';
import { RELATIONAL_STORES } from './stores/relational';
import { STORAGE_STORES } from './stores/storage';
import { WAREHOUSE_AND_CACHE_STORES } from './stores/warehouses-and-caches';
import { PROTECTING_TYPES } from './stores/protecting-types';
import type { ProtectiveSetting } from './setting';
import type { OutOfScope, StoreProtection } from './store';

export const PROTECTION_TABLE: readonly StoreProtection[] = [
  ...RELATIONAL_STORES,
  ...DYNAMODB_STORES,
  ...WAREHOUSE_AND_CACHE_STORES,
  ...STORAGE_STORES,
  ...KEY_LOG_AND_QUEUE_STORES,
  ...PROTECTING_TYPES,
];

/**
 * Types the CloudFormation specification marks stateful, or that carry a
 * property named like a protection, which Deadbolt decided do not hold data a
 * user cannot recreate.
 */
export const OUT_OF_SCOPE: readonly OutOfScope[] = [
  {
    type: 'AWS::CloudFormation::Stack',
    reason:
      "a nested stack holds no data itself: its resources carry their own policies and are judged in the nested stack's template",
  },
  { type: 'AWS::AppConfig::ConfigurationProfile', reason: 'application configuration, kept in source control' },
  { type: 'AWS::AppConfig::Environment', reason: 'a deployment target for configuration; holds no data' },
  {
    type: 'AWS::AutoScaling::AutoScalingGroup',
    reason: 'compute; its instances keep data on volumes judged as volumes',
  },
  {
    // Write-through: DAX acknowledges a write only after DynamoDB has it, so the cluster never holds the only copy.
    // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/DAX.consistency.html
    type: 'AWS::DAX::Cluster',
    reason:
      'a write-through cache in front of DynamoDB: a write reaches the table before DAX acknowledges it, so the cluster holds no data the table lacks (the table is judged)',
  },
  { type: 'AWS::EKS::Cluster', reason: "a control plane; workloads' data lives in volumes, databases and buckets" },
  { type: 'AWS::CloudTrail::Dashboard', reason: 'a view over an event data store, which is judged' },
  { type: 'AWS::IoTAnalytics::Dataset', reason: 'derived from a data store by a query; it can be recomputed' },
  { type: 'AWS::OpsWorksCM::Server', reason: 'a configuration management server (end of life); its state is in code' },
  { type: 'AWS::Synthetics::Canary', reason: 'a monitoring script; its run artifacts are diagnostics' },
  { type: 'AWS::VerifiedPermissions::PolicyStore', reason: 'authorization policies, kept in source control' },
  { type: 'AWS::Rbin::Rule', reason: 'a Recycle Bin retention rule: a protection, not data' },
  { type: 'AWS::SMSVOICE::PhoneNumber', reason: 'a phone number registration; holds no data' },
  { type: 'AWS::SMSVOICE::Pool', reason: 'a pool of origination identities; holds no data' },
  { type: 'AWS::SMSVOICE::ProtectConfiguration', reason: 'a messaging configuration; holds no data' },
  { type: 'AWS::SMSVOICE::SenderId', reason: 'a sender registration; holds no data' },
  { type: 'AWS::WellArchitected::AgentProfile', reason: 'a review agent configuration; holds no data' },
];

const BY_TYPE: ReadonlyMap<string, StoreProtection> = (() => {
  const m = new Map<string, StoreProtection>();
  for (const store of PROTECTION_TABLE) {
    if (m.has(store.type)) throw new Error(`The protection table has two entries for ${store.type}.`);
    m.set(store.type, store);
  }
  return m;
})();

const OUT: ReadonlyMap<string, string> = new Map(OUT_OF_SCOPE.map((o) => [o.type, o.reason]));

/** The table's entry for a CloudFormation type, or undefined when the type is not a data store. */
export function protectionOf(type: string): StoreProtection | undefined {
  return BY_TYPE.get(type);
}

/** Why a stateful-looking type is not judged as data, or undefined. */
export function outOfScopeReason(type: string): string | undefined {
  return OUT.get(type);
}

/** Every data store type the table covers, in table order (not the types that only protect data held elsewhere). */
export const PROTECTED_TYPES: readonly string[] = PROTECTION_TABLE.filter((s) => !s.protectsOnly).map((s) => s.type);

/** True when CloudFormation honours `DeletionPolicy: Snapshot` / `UpdateReplacePolicy: Snapshot` for the type. */
export function supportsSnapshot(type: string): boolean {
  return BY_TYPE.get(type)?.snapshot === true;
}

/** The types that support `Snapshot`, as a list for messages. */
export const SNAPSHOT_TYPES_TEXT: string = PROTECTION_TABLE.filter((s) => s.snapshot)
  .map((s) => s.type)
  .join(', ');

/** The protective settings of every covered type that has any, by CloudFormation type (the gate's view). */
export const PROTECTIVE_PROPERTIES: Readonly<Record<string, readonly ProtectiveSetting[]>> = Object.fromEntries(
  PROTECTION_TABLE.filter((s) => s.settings.length > 0).map((s) => [s.type, s.settings]),
);

/** The settings of `type` that `ruleId` judges. */
export function settingsJudgedBy(type: string, ruleId: string): readonly ProtectiveSetting[] {
  return (BY_TYPE.get(type)?.settings ?? []).filter((s) => s.ruleId === ruleId);
}

/**
 * The safe value of the setting of `type` at the Terraform path `terraformPath`,
 * in the provider's form: what the Pulumi components force. Throws when the
 * table has no such setting or no safe value for it, so a component cannot
 * force a setting the table does not know.
 */
export function providerSafeValue(type: string, terraformPath: string): unknown {
  const setting = BY_TYPE.get(type)?.settings.find((s) => s.terraform?.includes(terraformPath));
  const value = setting?.providerSafe !== undefined ? setting.providerSafe : setting?.safe;
  if (value === undefined || typeof value === 'symbol') {
    throw new Error(`The protection table has no literal safe value for ${type} \`${terraformPath}\`.`);
  }
  return value;
}
