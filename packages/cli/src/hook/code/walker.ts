/**
 * What the Python and JavaScript readers share: the effects found so far,
 * the reading budget (nodes visited, time spent), and AWS SDK and Pulumi
 * calls turned into the CLI commands that do the same.
 */
import { mentionsGuardedTool } from './inline-scan';
import { awsArgv, cliOperation, cliService, isCatalogueOperation } from './aws-sdk';
import { LIMITS, excerpt, type ArgValue, type Effect } from './effects';
import { sdkParams, type Value } from './values';
import type { SdkValue } from './aws-sdk';
import type { CodeNode } from './grammars';

/** boto3 resource actions and the API operation each one calls (the resource model's `request.operation`). */
const RESOURCE_ACTIONS: Readonly<
  Record<string, readonly [service: string, operation: string, params?: Record<string, unknown>]>
> = {
  'Table.delete': ['dynamodb', 'DeleteTable'],
  'Bucket.delete': ['s3', 'DeleteBucket'],
  'objects.delete': ['s3', 'DeleteObjects'],
  'object_versions.delete': ['s3', 'DeleteObjects'],
  'Object.delete': ['s3', 'DeleteObject'],
  'ObjectSummary.delete': ['s3', 'DeleteObject'],
  'ObjectVersion.delete': ['s3', 'DeleteObject'],
  'BucketVersioning.suspend': ['s3', 'PutBucketVersioning', { VersioningConfiguration: { Status: 'Suspended' } }],
  'BucketLifecycleConfiguration.put': ['s3', 'PutBucketLifecycleConfiguration'],
  'Volume.delete': ['ec2', 'DeleteVolume'],
  'Snapshot.delete': ['ec2', 'DeleteSnapshot'],
  'Instance.terminate': ['ec2', 'TerminateInstances'],
  'instances.terminate': ['ec2', 'TerminateInstances'],
  'volumes.delete': ['ec2', 'DeleteVolume'],
  'snapshots.delete': ['ec2', 'DeleteSnapshot'],
  'Vault.delete': ['glacier', 'DeleteVault'],
  'Archive.delete': ['glacier', 'DeleteArchive'],
  'Stack.delete': ['cloudformation', 'DeleteStack'],
};

/**
 * Collections of a boto3 resource or resource object (`s3.buckets`,
 * `dynamodb.tables`, `bucket.objects`), and the methods that narrow a collection.
 */
export const RESOURCE_COLLECTIONS = new Set([
  'objects',
  'object_versions',
  'instances',
  'volumes',
  'snapshots',
  'multipart_uploads',
  'versions',
  'tables',
  'buckets',
  'stacks',
  'vaults',
]);
export const COLLECTION_METHODS = new Set(['all', 'filter', 'limit', 'page_size']);

export class Walker {
  readonly effects: Effect[] = [];
  incomplete: string | undefined;
  /** A string or name the program evaluates mentions a guarded tool (comments do not count). */
  mentions = false;
  private visited = 0;
  private readonly started = Date.now();
  /** Loops (and callbacks of `forEach`/`map`, comprehensions) the walk is inside: a delete there may run once per item. */
  loops = 0;
  /**
   * moto mocks (`@mock_aws`, `with mock_aws():`) the walk is inside: AWS calls
   * there reach moto's in-memory backend, never an account.
   * @see https://docs.getmoto.org/en/latest/docs/getting_started.html
   */
  mocked = 0;

  constructor(readonly source: string) {}

  /** Counts a visited node; false once the budget is spent (the reading is then incomplete). */
  tick(): boolean {
    if (this.incomplete) return false;
    this.visited++;
    if (this.visited > LIMITS.nodes) this.incomplete = 'the program is too large to read';
    else if ((this.visited & 1023) === 0 && Date.now() - this.started > LIMITS.millis)
      this.incomplete = 'the program took too long to read';
    return !this.incomplete;
  }

  private nesting = 0;

  /** Enters a nested expression or block; false (and the reading incomplete) past the nesting bound. */
  enter(): boolean {
    if (++this.nesting > LIMITS.nesting) {
      this.nesting--;
      this.incomplete ??= 'the program nests expressions too deeply to read';
      return false;
    }
    return true;
  }

  leave(): void {
    this.nesting--;
  }

  /** Notes program text that is data or a name, not a comment. */
  note(text: string): void {
    if (!this.mentions && text.length < 10_000 && mentionsGuardedTool(text)) this.mentions = true;
  }

  emit(effect: Effect): void {
    if (this.effects.length < LIMITS.effects) this.effects.push(effect);
    else this.incomplete ??= 'the program starts too many processes to read';
  }

  at(node: CodeNode): string {
    return excerpt(node.text);
  }

  /** An SDK call on a client: the equivalent `aws` command, or "ask" when the client's service is not known. */
  sdkCall(
    client: Value & { k: 'client' | 'command' },
    method: string,
    params: Value | undefined,
    node: CodeNode,
  ): void {
    if (this.mocked > 0) return;
    const service = client.service;
    if (service === undefined) {
      if (isCatalogueOperation(method)) {
        this.emit({
          kind: 'opaque',
          guarded: true,
          at: this.at(node),
          why: `calls \`${method}\` on an AWS client whose service Deadbolt cannot trace; it deletes data or switches protection off in the services that have it.`,
        });
      }
      return;
    }
    const { params: known, open } = sdkParams(params);
    const operation = cliOperation(service, method);
    if (this.routineDelete(service, operation, known, open)) return;
    this.emit({ kind: 'api', at: this.at(node), argv: awsArgv(service, operation, known, open) });
  }

  /**
   * Application code deleting one S3 object or one DynamoDB item (a Lambda
   * handler removing an upload or an expired session) is routine, and S3 keeps
   * the object's versions where versioning is on. A delete in a loop may empty
   * a bucket or a table, and one naming a version removes that version for
   * good: those stay the catalogue's to judge.
   */
  private routineDelete(
    service: string,
    operation: string,
    params: Record<string, SdkValue> | undefined,
    open: boolean,
  ): boolean {
    if (this.loops > 0 || params === undefined || open) return false;
    if (service === 's3api' && operation === 'delete-object') return !('VersionId' in params);
    return service === 'dynamodb' && operation === 'delete-item';
  }

  /** A boto3 resource action (`table.delete()`, `bucket.objects.all().delete()`). */
  resourceAction(obj: Value & { k: 'awsobj' }, method: string, params: Value | undefined, node: CodeNode): boolean {
    const action = RESOURCE_ACTIONS[`${obj.type}.${method}`];
    if (!action) return false;
    if (this.mocked > 0) return true;
    const service = cliService(action[0]);
    if (!service) return false;
    const fixed = action[2] as Record<string, never> | undefined;
    const { params: known, open } = sdkParams(params);
    const merged = known === undefined ? undefined : { ...known, ...(fixed ?? {}) };
    if (obj.type !== 'ObjectVersion' && this.routineDelete(service, cliOperation(service, action[1]), merged, open))
      return true;
    this.emit({
      kind: 'api',
      at: this.at(node),
      argv: awsArgv(service, cliOperation(service, action[1]), merged, open),
    });
    return true;
  }

  /** A Pulumi Automation API call on a stack or workspace, as the CLI command. */
  pulumiCall(type: 'stack' | 'workspace', method: string, firstArg: ArgValue, node: CodeNode): void {
    const m = method.replace(/_/g, '').toLowerCase();
    let argv: ArgValue[] | undefined;
    if (type === 'stack' && m === 'destroy') argv = ['pulumi', 'destroy', '--yes'];
    else if (type === 'stack' && m === 'up') argv = ['pulumi', 'up', '--yes'];
    else if (type === 'workspace' && m === 'removestack') argv = ['pulumi', 'stack', 'rm', firstArg, '--yes'];
    if (argv) this.emit({ kind: 'api', at: this.at(node), argv });
  }

  /** A `python_terraform` call, as the CLI command. */
  terraformCall(method: string, args: readonly ArgValue[], kwargs: ReadonlyMap<string, Value>, node: CodeNode): void {
    if (method === 'destroy')
      this.emit({ kind: 'api', at: this.at(node), argv: ['terraform', 'destroy', '-auto-approve'] });
    else if (method === 'apply') {
      const skip = kwargs.get('skip_plan');
      if (skip?.k === 'bool' && skip.v)
        this.emit({ kind: 'api', at: this.at(node), argv: ['terraform', 'apply', '-auto-approve'] });
      else if (skip !== undefined && skip.k !== 'bool')
        this.emit({ kind: 'api', at: this.at(node), argv: ['terraform', 'apply', null] });
      else
        this.emit({
          kind: 'api',
          at: this.at(node),
          argv: ['terraform', 'apply', ...(kwargs.has('destroy') ? ['-destroy'] : [])],
        });
    } else if (method === 'cmd') this.emit({ kind: 'api', at: this.at(node), argv: ['terraform', ...args] });
  }
}
