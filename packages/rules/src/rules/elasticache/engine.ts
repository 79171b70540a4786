import { resourceTags } from '../../engine/backup-coverage';
import { readProperty } from '../../engine/read';
import type { NormalisedResource } from '../../model';
import { isClusterMember } from '../../protection/membership';
import { DATA_TAG_KEY } from '../../spec/stateful-types';

/**
 * Memcached keeps nothing it cannot rebuild: a serverless cache or a cluster
 * whose engine is memcached is a cache, and the retention and final snapshot
 * rules leave it alone. An engine that cannot be read is judged: fail closed.
 * @see https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/SelectEngine.html
 */
export function isMemcached(resource: NormalisedResource): boolean {
  const engine = readProperty(resource, 'Engine');
  return engine.kind === 'known' && typeof engine.value === 'string' && engine.value.toLowerCase() === 'memcached';
}

/**
 * An `AWS::ElastiCache::CacheCluster` (a memcached cluster, or a single legacy
 * Valkey/Redis OSS node) is a cache unless it is tagged `deadbolt:data` =
 * `true`, on itself or its stack; a tag list that cannot be read may say so,
 * and counts as the tag (fail closed). A node of a replication group (the
 * provider's `replication_group_id`) holds its group's data, which the group's
 * own settings govern: it is judged through the group, never on its own.
 */
export function cacheClusterHoldsData(resource: NormalisedResource): boolean {
  if (isMemcached(resource) || isClusterMember(resource)) return false;
  if (resourceTags(resource).get(DATA_TAG_KEY) === 'true') return true;
  const raw = resource.properties.Tags;
  if (raw === undefined) return false;
  if (!Array.isArray(raw)) return readProperty(resource, 'Tags').kind === 'unresolved';
  return raw.slice(0, 64).some((_t, i) => {
    const key = readProperty(resource, 'Tags', i, 'Key');
    if (key.kind === 'unresolved') return true;
    return (
      key.kind === 'known' &&
      key.value === DATA_TAG_KEY &&
      readProperty(resource, 'Tags', i, 'Value').kind === 'unresolved'
    );
  });
}
