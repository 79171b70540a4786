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

const HUMAN_ONLY =
  'A human deletes it, after checking that the volumes are backed up (a VolumeSnapshot or a backup tool such as Velero) or their reclaim policy is Retain.';

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
  why: "deletes StatefulSets (or a database operator's resources); their PersistentVolumeClaims are deleted too when the retention policy says so.",
  instead: HUMAN_ONLY,
};
const SNAPSHOTS: Verdict = {
  decision: 'deny',
  why: 'deletes VolumeSnapshots; with the deletion policy Delete, the snapshot in the storage system goes too.',
  instead: HUMAN_ONLY,
};
const CRDS: Verdict = {
  decision: 'ask',
  why: "deletes CustomResourceDefinitions: every custom resource of them is deleted too, in every namespace (a database operator's clusters, and through them their volumes).",
  instead: 'Check `kubectl get CRD_PLURAL -A` for resources first, and have a human delete it.',
};
const RECLAIM_DELETE: Verdict = {
  decision: 'ask',
  why: "sets a PersistentVolume's reclaim policy to Delete: when its claim is deleted, the disk and its data go too.",
  instead:
    'Keep the reclaim policy Retain on volumes that hold data; change it in the manifests, where it is reviewed.',
};
const UNREADABLE: Verdict = {
  decision: 'ask',
  why: 'deletes what a manifest, a kustomization or a computed argument names, which Deadbolt cannot read; it may be PersistentVolumeClaims or a namespace.',
  instead: 'Name the resources on the command line (`kubectl delete deployment/web`), so the hook can check them.',
};

/** Resource kinds (names, plurals, short names; lower case) and what deleting them does. */
const KINDS: Readonly<Record<string, Verdict>> = {
  persistentvolumeclaim: CLAIMS,
  persistentvolumeclaims: CLAIMS,
  pvc: CLAIMS,
  persistentvolume: VOLUMES,
  persistentvolumes: VOLUMES,
  pv: VOLUMES,
  namespace: NAMESPACES,
  namespaces: NAMESPACES,
  ns: NAMESPACES,
  project: NAMESPACES,
  projects: NAMESPACES,
  statefulset: STATEFUL,
  statefulsets: STATEFUL,
  sts: STATEFUL,
  customresourcedefinition: CRDS,
  customresourcedefinitions: CRDS,
  crd: CRDS,
  crds: CRDS,
  volumesnapshot: SNAPSHOTS,
  volumesnapshots: SNAPSHOTS,
  volumesnapshotcontent: SNAPSHOTS,
  volumesnapshotcontents: SNAPSHOTS,
  // `all` covers StatefulSets (not claims).
  all: STATEFUL,
  // Database operators: CloudNativePG, Zalando, Crunchy, Percona, MongoDB, Redis, Elastic, Strimzi, K8ssandra.
  cluster: STATEFUL,
  clusters: STATEFUL,
  postgresql: STATEFUL,
  postgresqls: STATEFUL,
  postgrescluster: STATEFUL,
  postgresclusters: STATEFUL,
  perconaxtradbcluster: STATEFUL,
  perconaxtradbclusters: STATEFUL,
  pxc: STATEFUL,
  perconaservermongodb: STATEFUL,
  psmdb: STATEFUL,
  mongodbcommunity: STATEFUL,
  mongodb: STATEFUL,
  redisfailover: STATEFUL,
  rediscluster: STATEFUL,
  elasticsearch: STATEFUL,
  es: STATEFUL,
  kafka: STATEFUL,
  k8ssandracluster: STATEFUL,
  cassandradatacenter: STATEFUL,
  mysqlcluster: STATEFUL,
  innodbcluster: STATEFUL,
};

/** Kinds in a manifest that deleting it would delete. */
const MANIFEST_KINDS: Readonly<Record<string, Verdict>> = {
  PersistentVolumeClaim: CLAIMS,
  PersistentVolume: VOLUMES,
  Namespace: NAMESPACES,
  StatefulSet: STATEFUL,
  VolumeSnapshot: SNAPSHOTS,
  VolumeSnapshotContent: SNAPSHOTS,
  CustomResourceDefinition: CRDS,
};

/**
 * Contexts of clusters that run on this machine, by their tools' naming conventions: kind (`kind-NAME`),
 * minikube (`minikube`, its default profile), Docker Desktop, k3d (`k3d-NAME`), Rancher Desktop, OrbStack,
 * colima (`colima`, `colima-PROFILE`). A context named so is assumed to be a throwaway cluster: deletes in it
 * are allowed. Only a context written on the command line counts: the kubeconfig's current context is not read
 * (the line may have switched it earlier), and `--server`, `--cluster` or `--kube-apiserver` beside it may point
 * elsewhere, so with one of them the context does not count.
 * @see https://kind.sigs.k8s.io/docs/user/quick-start/#interacting-with-your-cluster
 * @see https://k3d.io/stable/usage/kubeconfig/
 */
const LOCAL_CONTEXT =
  /^(kind-[A-Za-z0-9._-]+|minikube|docker-desktop|docker-for-desktop|k3d-[A-Za-z0-9._-]+|rancher-desktop|orbstack|colima(-[A-Za-z0-9._-]+)?)$/;

/** True when the command names a local cluster's context (`--context kind-dev`, `--kube-context=minikube`). */
export function namesLocalContext(args: readonly Arg[], flags: readonly string[] = ['--context']): boolean {
  // The last one given wins (`--context kind-dev --context prod` is prod).
  let local = false;
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) continue;
    if (/^(-s|--server|--cluster|--kube-apiserver|--kubeconfig)(=|$)/.test(v)) return false;
    for (const f of flags) {
      if (v !== f && !v.startsWith(`${f}=`)) continue;
      const value = v === f ? args[k + 1]?.value : v.slice(f.length + 1);
      local = value !== undefined && LOCAL_CONTEXT.test(value);
    }
  }
  return local;
}

const KUBECTL_VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-l',
  '--selector',
  '--field-selector',
  '--grace-period',
  '--timeout',
  '-o',
  '--output',
  '--cascade',
  '--context',
  '--cluster',
  '--kubeconfig',
  '--user',
  '-s',
  '--server',
  '--token',
  '--as',
  '--as-group',
  '--as-uid',
  '--request-timeout',
  '--raw',
  '--cache-dir',
  '--certificate-authority',
  '--client-certificate',
  '--client-key',
  '--tls-server-name',
  '--password',
  '--username',
  '-v',
  '--v',
  '--vmodule',
]);

function worst(verdicts: readonly (Verdict | undefined)[]): Verdict | undefined {
  return verdicts.find((v) => v?.decision === 'deny') ?? verdicts.find((v) => v !== undefined);
}

/** The verdict for a type word (`pvc`, `pvc,sts`, `persistentvolumeclaims.v1`, `statefulset.apps/db`). */
function kindVerdict(word: string): Verdict | undefined {
  const types = word.split('/')[0].split(',');
  return worst(
    types.map((t) => KINDS[t.toLowerCase().split('.')[0]] ?? (t.includes('.') ? KINDS[t.toLowerCase()] : undefined)),
  );
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
  if (
    args.some(
      (a) =>
        a.value !== undefined &&
        (a.value === '--dry-run' ||
          /^--dry-run=(client|server|true)$/.test(a.value) ||
          a.value === '--help' ||
          a.value === '-h'),
    )
  )
    return undefined;
  const verdicts: (Verdict | undefined)[] = [];
  const positional: Arg[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const v = a.value;
    if (v === undefined) {
      positional.push(a);
      continue;
    }
    const file =
      v === '-f' || v === '--filename'
        ? args[++k]
        : v.startsWith('--filename=')
          ? { value: v.slice(11), text: v }
          : /^-f./.test(v)
            ? { value: v.slice(2), text: v }
            : undefined;
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

const HELM_VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '--kube-context',
  '--kubeconfig',
  '--kube-apiserver',
  '--kube-as-user',
  '--kube-token',
  '--registry-config',
  '--repository-cache',
  '--repository-config',
  '--burst-limit',
  '--qps',
]);

export const HELM_UNINSTALL: Verdict = {
  decision: 'ask',
  why: 'uninstalls a release: every resource it created is deleted, PersistentVolumeClaims in its templates included.',
  instead:
    'Check `helm get manifest RELEASE` for PersistentVolumeClaims and StatefulSets first, and have a human uninstall it.',
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
  if (namesLocalContext(args, ['--kube-context'])) return undefined;
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
  if (sub.value === undefined)
    return args.slice(k + 1).some((a) => a.value !== undefined && KINDS[a.value.split('/')[0].toLowerCase()])
      ? UNREADABLE
      : undefined;
  if (namesLocalContext(args)) return undefined;
  if (sub.value === 'delete') return judgeDelete([...args.slice(0, k), ...args.slice(k + 1)], ctx);
  if (sub.value === 'patch') return judgePatch(args.slice(k + 1), ctx);
  return undefined;
}

/** `kubectl patch pv NAME -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'` (also `--patch-file`). */
function judgePatch(args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  const first = args.find((a) => a.value === undefined || !a.value.startsWith('-'));
  if (!first || first.value === undefined || kindVerdict(first.value) !== VOLUMES) return undefined;
  const RECLAIM = /persistentVolumeReclaimPolicy["']?\s*:\s*["']?Delete/;
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) return UNREADABLE_PATCH;
    if (v === '--patch-file' || v.startsWith('--patch-file=')) {
      const file = v === '--patch-file' ? args[++k]?.value : v.slice(13);
      const text = file === undefined ? undefined : ctx.readFile?.(file);
      if (typeof text !== 'string') return UNREADABLE_PATCH;
      if (RECLAIM.test(text.slice(0, 1_000_000))) return RECLAIM_DELETE;
    } else if (RECLAIM.test(v)) return RECLAIM_DELETE;
  }
  return undefined;
}

const UNREADABLE_PATCH: Verdict = {
  decision: 'ask',
  why: 'patches a PersistentVolume with a patch Deadbolt cannot read; it may set the reclaim policy to Delete.',
  instead: 'Write the patch out on the command line, so the hook can check it.',
};

const HELMFILE_VALUE_FLAGS = new Set([
  '-f',
  '--file',
  '-e',
  '--environment',
  '-n',
  '--namespace',
  '--kube-context',
  '-l',
  '--selector',
  '--state-values-set',
  '--state-values-file',
  '-b',
  '--helm-binary',
  '--log-level',
  '-c',
  '--chart',
]);

/** `helmfile destroy|delete`: uninstalls every release of the helmfile (https://helmfile.readthedocs.io/en/latest/#destroy). */
export function judgeHelmfile(args: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value === '--help' || a.value === '-h')) return undefined;
  if (namesLocalContext(args, ['--kube-context'])) return undefined;
  let k = 0;
  for (; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined || !v.startsWith('-')) break;
    if (!v.includes('=') && HELMFILE_VALUE_FLAGS.has(v)) k++;
  }
  const sub = args[k];
  if (!sub) return undefined;
  if (sub.value === undefined)
    return {
      ...UNREADABLE,
      why: 'runs a helmfile command computed when the line runs; it may be `destroy`, which uninstalls every release.',
    };
  if (sub.value !== 'destroy' && sub.value !== 'delete') return undefined;
  return {
    ...HELM_UNINSTALL,
    why: 'uninstalls every release of the helmfile (or those the selector picks): every resource they created is deleted, PersistentVolumeClaims in their templates included.',
  };
}

const ARGOCD_VALUE_FLAGS = new Set([
  '--server',
  '--auth-token',
  '--config',
  '--context',
  '--grpc-web-root-path',
  '--header',
  '-H',
  '--logformat',
  '--loglevel',
  '--port-forward-namespace',
  '-N',
  '--app-namespace',
  '--kube-context',
  '-l',
  '--selector',
  '-p',
  '--propagation-policy',
]);

const ARGOCD_DELETE: Verdict = {
  decision: 'ask',
  why: 'deletes Argo CD applications with cascade (the default): every Kubernetes resource they manage is deleted, PersistentVolumeClaims and StatefulSets included.',
  instead:
    "Check the application's resources (`argocd app resources NAME`) for claims first, delete with `--cascade=false` to keep them, or have a human delete it.",
};

/** `argocd app delete`, `argocd appset delete`, `argocd app delete-resource`. */
export function judgeArgocd(args: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value === '--help' || a.value === '-h' || a.value === '--dry-run')) return undefined;
  const path: Arg[] = [];
  for (let k = 0; k < args.length && path.length < 2; k++) {
    const v = args[k].value;
    if (v !== undefined && v.startsWith('-')) {
      if (!v.includes('=') && ARGOCD_VALUE_FLAGS.has(v)) k++;
      continue;
    }
    path.push(args[k]);
  }
  const [group, action] = path;
  if (
    !group ||
    !action ||
    group.value === undefined ||
    !['app', 'apps', 'application', 'applications', 'appset', 'applicationset', 'applicationsets'].includes(group.value)
  )
    return undefined;
  if (action.value === undefined)
    return {
      ...ARGOCD_DELETE,
      why: 'runs an Argo CD command computed when the line runs; it may delete applications and the resources they manage.',
    };
  if (action.value !== 'delete' && action.value !== 'delete-resource') return undefined;
  // `--cascade=false` deletes only the Application, leaving what it manages.
  if (action.value === 'delete' && args.some((a) => a.value === '--cascade=false')) return undefined;
  return ARGOCD_DELETE;
}

/** `flux delete kustomization|helmrelease NAME`: with pruning (the usual setting), what it applied is deleted (https://fluxcd.io/flux/cmd/flux_delete/). */
export function judgeFlux(args: readonly Arg[]): Verdict | undefined {
  if (args.some((a) => a.value === '--help' || a.value === '-h')) return undefined;
  const path: Arg[] = [];
  for (let k = 0; k < args.length && path.length < 2; k++) {
    const v = args[k].value;
    if (v !== undefined && v.startsWith('-')) {
      if (
        !v.includes('=') &&
        ['-n', '--namespace', '--context', '--kubeconfig', '--timeout', '--cluster', '--user'].includes(v)
      )
        k++;
      continue;
    }
    path.push(args[k]);
  }
  if (path[0]?.value !== 'delete') return undefined;
  const kind = path[1]?.value;
  if (kind === undefined) return path[1] ? ARGOCD_DELETE : undefined;
  if (!['kustomization', 'ks', 'helmrelease', 'hr'].includes(kind)) return undefined;
  return {
    ...ARGOCD_DELETE,
    why: 'deletes a Flux Kustomization or HelmRelease: with pruning on, every resource it applied is deleted, PersistentVolumeClaims and StatefulSets included.',
    instead: 'Suspend it first (`flux suspend`), check what it manages, and have a human delete it.',
  };
}
