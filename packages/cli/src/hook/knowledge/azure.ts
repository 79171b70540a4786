/**
 * The Azure CLI (`az`): commands that delete databases, servers, storage
 * accounts, containers, file shares, key vaults, backups and resource groups,
 * remove locks, or switch soft delete off. Command names from the Azure CLI
 * reference (https://learn.microsoft.com/cli/azure/reference-index).
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';
import { commandPath, judgeByPath, type PathRule } from './command-paths';

const HUMAN_ONLY =
  'If it really has to go, a human runs it, after checking that a backup exists outside the resource (and its resource group).';
const KEEP_PROTECTION =
  'Keep the protection on; change it in the infrastructure code (Bicep, ARM, Terraform), where the change is reviewed.';

const deletes = (what: string): Verdict => ({ decision: 'deny', why: `deletes ${what}.`, instead: HUMAN_ONLY });
const asks = (why: string): Verdict => ({ decision: 'ask', why, instead: HUMAN_ONLY });
const protectionOff = (what: string): Verdict => ({
  decision: 'deny',
  why: `switches off ${what}, which keeps deleted data recoverable.`,
  instead: KEEP_PROTECTION,
});

const rule = (path: string, verdict: Verdict, extra: Partial<PathRule> = {}): PathRule => ({ path, verdict, ...extra });
const FALSE = /^(false|0|no|off|disabled?)$/i;

export const AZURE_RULES: readonly PathRule[] = [
  rule('group delete', deletes('a resource group and every resource in it, databases and storage accounts included')),
  rule('lock delete', protectionOff('a resource lock (a `CanNotDelete` lock is what stops a delete)')),
  rule('group lock delete', protectionOff('a resource lock (a `CanNotDelete` lock is what stops a delete)')),
  rule('resource lock delete', protectionOff('a resource lock (a `CanNotDelete` lock is what stops a delete)')),
  rule('account lock delete', protectionOff('a subscription lock (a `CanNotDelete` lock is what stops a delete)')),
  // Databases and servers
  ...[
    'sql db',
    'sql dw',
    'sql server',
    'sql mi',
    'sql midb',
    'sql db ltr-backup',
    'sql midb ltr-backup',
    'sql instance-pool',
  ].map((p) =>
    rule(
      `${p} delete`,
      deletes(`an Azure SQL ${p.split(' ').slice(1).join(' ')} (a database, a server with its databases, or a backup)`),
    ),
  ),
  ...[
    'mysql flexible-server',
    'mysql flexible-server db',
    'mysql server',
    'mysql db',
    'postgres flexible-server',
    'postgres flexible-server db',
    'postgres server',
    'postgres db',
    'mariadb server',
    'mariadb db',
    'postgres flexible-server backup',
  ].map((p) =>
    rule(
      `${p} delete`,
      deletes(
        `an Azure Database for ${p.startsWith('mysql') ? 'MySQL' : p.startsWith('postgres') ? 'PostgreSQL' : 'MariaDB'} ${p.includes(' db') ? 'database' : p.includes('backup') ? 'backup' : 'server and its databases'}`,
      ),
    ),
  ),
  rule('cosmosdb delete', deletes('an Azure Cosmos DB account and every database in it')),
  ...[
    'sql database',
    'sql container',
    'mongodb database',
    'mongodb collection',
    'cassandra keyspace',
    'cassandra table',
    'gremlin database',
    'gremlin graph',
    'table',
    'postgres cluster',
    'mongocluster',
  ].map((p) => rule(`cosmosdb ${p} delete`, deletes(`an Azure Cosmos DB ${p}`))),
  rule('redis delete', deletes('an Azure Cache for Redis instance')),
  rule('redisenterprise delete', deletes('an Azure Managed Redis (Enterprise) cluster')),
  rule('redisenterprise database delete', deletes('an Azure Managed Redis database')),
  rule('synapse workspace delete', deletes('a Synapse workspace and its pools')),
  rule('synapse sql pool delete', deletes('a Synapse dedicated SQL pool')),
  rule('kusto cluster delete', deletes('an Azure Data Explorer cluster')),
  rule('kusto database delete', deletes('an Azure Data Explorer database')),
  // Storage
  rule('storage account delete', deletes('a storage account and every blob, file share, queue and table in it')),
  rule('storage container delete', deletes('a blob container and every blob in it')),
  rule('storage container-rm delete', deletes('a blob container and every blob in it')),
  rule('storage share delete', deletes('a file share and its files')),
  rule('storage share-rm delete', deletes('a file share and its files')),
  rule('storage fs delete', deletes('a Data Lake Storage file system')),
  rule('storage fs directory delete', deletes('a Data Lake Storage directory')),
  rule('storage blob delete-batch', deletes('every matching blob in a container')),
  rule('storage file delete-batch', deletes('every matching file in a share')),
  rule('storage table delete', deletes('a storage table and its entities')),
  rule('storage blob delete', asks('deletes a blob (recoverable only while soft delete keeps it).')),
  rule('storage blob service-properties delete-policy update', protectionOff('blob soft delete'), {
    when: [{ option: '--enable', value: FALSE }],
  }),
  rule(
    'storage account blob-service-properties update',
    protectionOff('blob or container soft delete, or versioning'),
    {
      when: [
        { option: '--enable-delete-retention', value: FALSE },
        { option: '--enable-container-delete-retention', value: FALSE },
        { option: '--enable-versioning', value: FALSE },
      ],
    },
  ),
  rule('storage account file-service-properties update', protectionOff('file share soft delete'), {
    when: [{ option: '--enable-delete-retention', value: FALSE }],
  }),
  rule('storage account management-policy create', {
    decision: 'ask',
    why: "replaces the storage account's lifecycle rules; a delete rule removes blobs.",
    instead: KEEP_PROTECTION,
  }),
  rule('storage account management-policy update', {
    decision: 'ask',
    why: "changes the storage account's lifecycle rules; a delete rule removes blobs.",
    instead: KEEP_PROTECTION,
  }),
  // Disks and snapshots
  rule('disk delete', deletes('a managed disk')),
  rule('snapshot delete', deletes('a disk snapshot')),
  rule(
    'aks delete',
    asks(
      'deletes an AKS cluster: its workloads go, and the managed disks behind its PersistentVolumeClaims are deleted (reclaim policy Delete) or left orphaned.',
    ),
  ),
  rule('vm delete', asks('deletes a virtual machine; disks whose delete option is Delete go with it.')),
  // Key Vault: a purge is final; a deleted vault, key or secret can be purged by anyone allowed to.
  rule('keyvault purge', deletes('a deleted key vault for good')),
  ...['key', 'secret', 'certificate'].map((p) =>
    rule(`keyvault ${p} purge`, deletes(`a deleted key vault ${p} for good`)),
  ),
  rule(
    'keyvault delete',
    deletes('a key vault with its keys, secrets and certificates (recoverable only until it is purged)'),
  ),
  ...['key', 'secret', 'certificate'].map((p) =>
    rule(
      `keyvault ${p} delete`,
      asks(`deletes a key vault ${p}; data encrypted under a deleted key is unreadable once it is purged.`),
    ),
  ),
  // Backup
  rule('backup vault delete', deletes('a Recovery Services vault')),
  rule('backup protection disable', deletes('the backups of an item'), {
    when: [{ option: '--delete-backup-data', value: /^true$/i }],
    otherwise: asks('stops backing up an item: no new backups are taken.'),
  }),
  rule('backup item delete', deletes('the backups of an item')),
  rule(
    'backup vault backup-properties set',
    protectionOff('soft delete or immutability of a Recovery Services vault'),
    {
      when: [
        { option: '--soft-delete-feature-state', value: /^disable/i },
        { option: '--immutability-state', value: /^disabled$/i },
      ],
    },
  ),
  rule('dataprotection backup-vault delete', deletes('a Backup vault')),
  rule('dataprotection backup-instance delete', deletes('a backup instance and its recovery points')),
  rule('dataprotection backup-vault update', protectionOff('soft delete or immutability of a Backup vault'), {
    when: [
      { option: '--soft-delete-state', value: /^off$/i },
      { option: '--immutability-state', value: /^disabled$/i },
    ],
  }),
  rule('netappfiles volume delete', deletes('an Azure NetApp Files volume')),
  rule('netappfiles account delete', deletes('an Azure NetApp Files account')),
  rule('resource delete', asks('deletes resources by id; Deadbolt cannot tell whether they hold data.')),
  rule(
    'deployment group create',
    asks('deploys in Complete mode: every resource in the group that the template does not list is deleted.'),
    { when: [{ option: '--mode', value: /^complete$/i }] },
  ),
];

const AZ_VALUE_FLAGS = new Set([
  '--subscription',
  '-o',
  '--output',
  '--query',
  '-g',
  '--resource-group',
  '-n',
  '--name',
]);

const AZ_UNKNOWN: Verdict = {
  decision: 'ask',
  why: 'names its command or options with values computed when the line runs, so Deadbolt cannot tell what it deletes.',
  instead: 'Write the command and options out literally.',
};

/** Services where an unlisted `delete` or `purge` deletes data: a person decides. */
const DATA_GROUPS = new Set([
  'sql',
  'mysql',
  'postgres',
  'mariadb',
  'cosmosdb',
  'storage',
  'keyvault',
  'backup',
  'dataprotection',
  'redis',
  'redisenterprise',
  'netappfiles',
  'synapse',
  'kusto',
]);

/** `az` arguments. */
export function judgeAzure(args: readonly Arg[]): Verdict | undefined {
  const verdict = judgeByPath(args, AZURE_RULES, AZ_VALUE_FLAGS, AZ_UNKNOWN);
  if (verdict) return verdict;
  const path = commandPath(args, AZ_VALUE_FLAGS);
  const last = path[path.length - 1]?.value;
  if (
    path[0]?.value !== undefined &&
    DATA_GROUPS.has(path[0].value) &&
    (last === 'delete' || last === 'purge') &&
    !args.some((a) => a.value === '--help' || a.value === '-h')
  ) {
    return asks('deletes something in a service that stores data.');
  }
  return undefined;
}
