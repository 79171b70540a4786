/**
 * Kubernetes: `kubectl delete` (and `oc delete`) of what holds data, and
 * `helm uninstall`.
 *
 * Deny for PersistentVolumeClaims, PersistentVolumes and namespaces: deleting
 * a claim whose volume has the reclaim policy `Delete` (the default of
 * dynamically provisioned storage) deletes the disk and its data, and a
 * namespace takes its claims with it
 * (https://kubernetes.io/docs/concepts/storage/persistent-volumes/#reclaiming).
 * Ask for StatefulSets and database operators' resources: their claims are
 * kept by default (`persistentVolumeClaimRetentionPolicy` decides,
 * https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#persistentvolumeclaim-retention),
 * so whether data goes depends on settings the command does not show. Ask
 * for `helm uninstall`: it deletes every resource of the release, claims the
 * chart created included.
 */
import type { Verdict } from './destructive-commands';
import type { Arg, ToolContext } from './tools';

const HUMAN_ONLY = 'A human deletes it, after checking that the volumes are backed up (a VolumeSnapshot or a backup tool such as Velero) or their reclaim policy is Retain.';

const CLAIMS: Verdict = {
  decision: 'deny',
  why: 'deletes PersistentVolumeClaims; a volume whose reclaim policy is Delete (the default for dynamically provisioned storage) is deleted with its data.',
  instead: HUMAN_ONLY,
};
const VOLUMES: Verdict = {
  decision: 'deny',
  why: 'deletes PersistentVolumes; with the reclaim policy Delete, the disk behind them goes too.',
  instead: HUMAN_ONLY,
};
const NAMESPACES: Verdict = {
  decision: 'deny',
  why: 'deletes a namespace and everything in it, its PersistentVolumeClaims (and so volumes whose reclaim policy is Delete) included.',
  instead: HUMAN_ONLY,
};
const STATEFUL: Verdict = {
  decision: 'ask',
  why: 'deletes StatefulSets (or a database operator\'s resources); their PersistentVolumeClaims are deleted too when the retention policy says so.',
  instead: HUMAN_ONLY,
};
const SNAPSHOTS: Verdict = {
  decision: 'deny',
  why: 'deletes VolumeSnapshots; with the deletion policy Delete, the snapshot in the storage system goes too.',
  instead: HUMAN_ONLY,
};
const UNREADABLE: Verdict = {
  decision: 'ask',
  why: 'deletes what a manifest, a kustomization or a computed argument names, which Deadbolt cannot read; it may be PersistentVolumeClaims or a namespace.',
  instead: 'Name the resources on the command line (`kubectl delete deployment/web`), so the hook can check them.',
};

/** Resource kinds (names, plurals, short names; lower case) and what deleting them does. */
const KINDS: Readonly<Record<string, Verdict>> = {
  persistentvolumeclaim: CLAIMS, persistentvolumeclaims: CLAIMS, pvc: CLAIMS,
  persistentvolume: VOLUMES, persistentvolumes: VOLUMES, pv: VOLUMES,
  namespace: NAMESPACES, namespaces: NAMESPACES, ns: NAMESPACES, project: NAMESPACES, projects: NAMESPACES,
  statefulset: STATEFUL, statefulsets: STATEFUL, sts: STATEFUL,
  volumesnapshot: SNAPSHOTS, volumesnapshots: SNAPSHOTS, volumesnapshotcontent: SNAPSHOTS, volumesnapshotcontents: SNAPSHOTS,
  // `all` covers StatefulSets (not claims).
  all: STATEFUL,
  // Database operators: CloudNativePG, Zalando, Crunchy, Percona, MongoDB, Redis, Elastic, Strimzi, K8ssandra.
  cluster: STATEFUL, clusters: STATEFUL, postgresql: STATEFUL, postgresqls: STATEFUL, postgrescluster: STATEFUL, postgresclusters: STATEFUL,
  perconaxtradbcluster: STATEFUL, perconaxtradbclusters: STATEFUL, pxc: STATEFUL, perconaservermongodb: STATEFUL, psmdb: STATEFUL,
  mongodbcommunity: STATEFUL, mongodb: STATEFUL, redisfailover: STATEFUL, rediscluster: STATEFUL, elasticsearch: STATEFUL, es: STATEFUL,
  kafka: STATEFUL, k8ssandracluster: STATEFUL, cassandradatacenter: STATEFUL, mysqlcluster: STATEFUL, innodbcluster: STATEFUL,
};

/** Kinds in a manifest that deleting it would delete. */
const MANIFEST_KINDS: Readonly<Record<string, Verdict>> = {
  PersistentVolumeClaim: CLAIMS, PersistentVolume: VOLUMES, Namespace: NAMESPACES, StatefulSet: STATEFUL, VolumeSnapshot: SNAPSHOTS, VolumeSnapshotContent: SNAPSHOTS,
};

const KUBECTL_VALUE_FLAGS = new Set([
  '-n', '--namespace', '-l', '--selector', '--field-selector', '--grace-period', '--timeout', '-o', '--output', '--cascade', '--context', '--cluster',
  '--kubeconfig', '--user', '-s', '--server', '--token', '--as', '--as-group', '--as-uid', '--request-timeout', '--raw', '--cache-dir',
  '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name', '--password', '--username', '-v', '--v', '--vmodule',
]);

function worst(verdicts: readonly (Verdict | undefined)[]): Verdict | undefined {
  return verdicts.find((v) => v?.decision === 'deny') ?? verdicts.find((v) => v !== undefined);
}

/** The verdict for a type word (`pvc`, `pvc,sts`, `persistentvolumeclaims.v1`, `statefulset.apps/db`). */
function kindVerdict(word: string): Verdict | undefined {
  const types = word.split('/')[0].split(',');
  return worst(types.map((t) => KINDS[t.toLowerCase().split('.')[0]] ?? (t.includes('.') ? KINDS[t.toLowerCase()] : undefined)));
}

/** Kinds named in a manifest (YAML or JSON). */
function manifestVerdict(text: string): Verdict | undefined {
  const found: Verdict[] = [];
  for (const m of text.slice(0, 1_000_000).matchAll(/["']?kind["']?\s*:\s*["']?([A-Za-z]+)/g)) {
    const v = MANIFEST_KINDS[m[1]];
    if (v) found.push(v);
    if (found.length > 50) break;
  }
  return worst(found);
}

/** `kubectl delete …` / `oc delete …`: the arguments after `delete`. */
function judgeDelete(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  if (args.some((a) => a.value !== undefined && (a.value === '--dry-run' || /^--dry-run=(client|server|true)$/.test(a.value) || a.value === '--help' || a.value === '-h'))) return undefined;
  const verdicts: (Verdict | undefined)[] = [];
  const positional: Arg[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const v = a.value;
    if (v === undefined) {
      positional.push(a);
      continue;
    }
    const file = v === '-f' || v === '--filename' ? args[++k] : v.startsWith('--filename=') ? { value: v.slice(11), text: v } : /^-f./.test(v) ? { value: v.slice(2), text: v } : undefined;
    if (file || v === '-f' || v === '--filename') {
      if (!file || file.value === undefined) return UNREADABLE;
      const text = file.value === '-' ? ctx.stdinText?.() : ctx.readFile?.(file.value);
      if (typeof text !== 'string') return UNREADABLE;
      verdicts.push(manifestVerdict(text));
      continue;
    }
    if (v === '-k' || v === '--kustomize' || v.startsWith('--kustomize=')) return UNREADABLE;
    if (v.startsWith('-')) {
      if (!v.includes('=') && KUBECTL_VALUE_FLAGS.has(v)) k++;
      continue;
    }
    positional.push(a);
  }
  if (positional.length) {
    const first = positional[0];
    if (first.value === undefined) return UNREADABLE;
    // `kubectl delete TYPE NAME…` or `kubectl delete TYPE/NAME TYPE/NAME…`.
    const typeWords = first.value.includes('/') ? positional : [first];
    for (const w of typeWords) verdicts.push(w.value === undefined ? UNREADABLE : kindVerdict(w.value));
  }
  return worst(verdicts);
}

const HELM_VALUE_FLAGS = new Set(['-n', '--namespace', '--kube-context', '--kubeconfig', '--kube-apiserver', '--kube-as-user', '--kube-token', '--registry-config', '--repository-cache', '--repository-config', '--burst-limit', '--qps']);

export const HELM_UNINSTALL: Verdict = {
  decision: 'ask',
  why: 'uninstalls a release: every resource it created is deleted, PersistentVolumeClaims in its templates included.',
  instead: 'Check `helm get manifest RELEASE` for PersistentVolumeClaims and StatefulSets first, and have a human uninstall it.',
};

/** `helm uninstall|delete|del|un RELEASE`. */
export function judgeHelm(args: readonly Arg[]): Verdict | undefined {
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (!v.includes('=') && HELM_VALUE_FLAGS.has(v)) k++;
  }
  const sub = args[k]?.value;
  if (!['uninstall', 'delete', 'del', 'un'].includes(sub ?? '')) return undefined;
  if (args.some((a) => a.value === '--dry-run' || a.value === '--help' || a.value === '-h')) return undefined;
  return HELM_UNINSTALL;
}

/** `kubectl` / `oc` arguments. */
export function judgeKubectl(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (!v.includes('=') && KUBECTL_VALUE_FLAGS.has(v)) k++;
  }
  const sub = args[k];
  if (!sub) return undefined;
  if (sub.value === undefined) return args.slice(k + 1).some((a) => a.value !== undefined && KINDS[a.value.split('/')[0].toLowerCase()]) ? UNREADABLE : undefined;
  if (sub.value === 'delete') return judgeDelete([...args.slice(0, k), ...args.slice(k + 1)], ctx);
  return undefined;
}
