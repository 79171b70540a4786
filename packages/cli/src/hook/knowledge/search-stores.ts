/**
 * HTTP calls that delete a search store's data: `curl -X DELETE` to an
 * Elasticsearch or OpenSearch index (`/_all`, `logs-*`, `orders`), and
 * `_delete_by_query`. One request deletes the index with its documents; only
 * a snapshot brings it back.
 * (https://www.elastic.co/guide/en/elasticsearch/reference/current/indices-delete-index.html)
 *
 * A URL counts as a search store's when its port is 9200 (the default of both)
 * or its host names Elasticsearch or OpenSearch (`*.es.amazonaws.com`,
 * `*.aoss.amazonaws.com`, Elastic Cloud's `*.elastic-cloud.com`, `*.found.io`,
 * hosts with "elastic"/"opensearch" in their name). Calls to this machine
 * (`localhost`, `127.0.0.1`, `[::1]`) are allowed, as local database clients are.
 */
import type { Verdict } from './destructive-commands';
import type { Arg } from './tools';

/** Applied to the host without its top-level domain (so `shop.es`, a Spanish domain, is not one). */
const SEARCH_HOST = /(^|[.-])(elastic|elasticsearch|opensearch|es|aoss|found|elastic-cloud)([.-]|$)/i;
const LOCAL_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0|host\.docker\.internal)$/i;

const DELETE_INDEX: Verdict = {
  decision: 'ask',
  why: 'sends an HTTP DELETE to an Elasticsearch/OpenSearch cluster: deleting an index (or `_all`, or a wildcard) deletes its documents, and only a snapshot brings them back.',
  instead:
    'Check the index name with `GET _cat/indices/NAME` and a recent snapshot (`GET _snapshot/_all`), and have a human delete it.',
};
const DELETE_BY_QUERY: Verdict = {
  decision: 'ask',
  why: 'runs `_delete_by_query` on an Elasticsearch/OpenSearch cluster: every document the query matches is deleted.',
  instead: 'Run the query with `_count` first, check a recent snapshot, and have a human run it.',
};

/** Options of curl that take a value (so that value is not read as the URL). */
const CURL_VALUE_FLAGS = new Set([
  '-H',
  '--header',
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '-u',
  '--user',
  '-o',
  '--output',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '-m',
  '--max-time',
  '--connect-timeout',
  '--cacert',
  '--cert',
  '--key',
  '-w',
  '--write-out',
  '-F',
  '--form',
  '-T',
  '--upload-file',
  '--retry',
  '-x',
  '--proxy',
  '--resolve',
  '--json',
  '--aws-sigv4',
  '-K',
  '--config',
]);

interface Target {
  readonly host: string;
  readonly path: string;
}

/** The host and path of a URL (`http://es:9200/a`, `es.prod:9200/_all`), with `:9200` marked in `host`. */
function parseUrl(url: string): Target | undefined {
  const m = /^(?:https?:\/\/)?(?:[^@/\s]*@)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9_.-]+)(:\d+)?(\/[^?#\s]*)?/.exec(url);
  if (!m) return undefined;
  return { host: `${m[1]}${m[2] ?? ''}`, path: m[3] ?? '' };
}

function isSearchHost(host: string): boolean {
  if (host.endsWith(':9200')) return true;
  const name = host.replace(/:\d+$/, '');
  return SEARCH_HOST.test(name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : name);
}

/** `curl` arguments: the method and the URLs. */
export function judgeCurl(args: readonly Arg[]): Verdict | undefined {
  let method: string | null = 'GET';
  const urls: (string | null)[] = [];
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === undefined) {
      // A glob (`…/logs-*`) is not expanded by curl's shell when nothing matches; without `$` or a backtick its text is the URL.
      urls.push(/[$`]/.test(args[k].text) ? null : args[k].text.replace(/['"\\]/g, ''));
      continue;
    }
    if (v === '-X' || v === '--request') {
      method = args[k + 1]?.value?.toUpperCase() ?? null;
      k++;
      continue;
    }
    if (/^-X./.test(v)) method = v.slice(2).toUpperCase();
    else if (v.startsWith('--request=')) method = v.slice(10).toUpperCase();
    else if (v === '--url') urls.push(args[++k]?.value ?? null);
    else if (v.startsWith('-')) {
      if (CURL_VALUE_FLAGS.has(v)) k++;
    } else urls.push(v);
  }
  for (const url of urls.slice(0, 50)) {
    if (url === null) continue;
    const target = parseUrl(url);
    if (
      !target ||
      !target.path.replace(/^\/+/, '') ||
      LOCAL_HOST.test(target.host.replace(/:\d+$/, '')) ||
      !isSearchHost(target.host)
    )
      continue;
    if (/\/_delete_by_query\b/.test(target.path)) return DELETE_BY_QUERY;
    // A computed method (`-X "$M"`) may be DELETE.
    if (method === null || method === 'DELETE') return DELETE_INDEX;
  }
  return undefined;
}

/** HTTPie's and xh's options that take a value. */
const HTTPIE_VALUE_FLAGS = new Set([
  '-a',
  '--auth',
  '-A',
  '--auth-type',
  '--session',
  '--session-read-only',
  '-o',
  '--output',
  '--verify',
  '--cert',
  '--cert-key',
  '--timeout',
  '--proxy',
  '--pretty',
  '-s',
  '--style',
  '-p',
  '--print',
  '--max-redirects',
  '--format-options',
  '--ssl',
  '--ciphers',
  '--boundary',
  '--default-scheme',
]);

/**
 * HTTPie (`http`, `https`) and xh (`xh`, `xhs`): `http [METHOD] URL [ITEM…]`; `:9200/x` is this machine.
 * @see https://httpie.io/docs/cli/request-url
 */
export function judgeHttpie(args: readonly Arg[]): Verdict | undefined {
  const positional: (string | null)[] = [];
  for (let k = 0; k < args.length && positional.length < 2; k++) {
    const v = args[k].value;
    if (v === undefined) {
      positional.push(/[$`]/.test(args[k].text) ? null : args[k].text.replace(/['"\\]/g, ''));
      continue;
    }
    if (v.startsWith('-')) {
      if (!v.includes('=') && HTTPIE_VALUE_FLAGS.has(v)) k++;
      continue;
    }
    positional.push(v);
  }
  const [first, second] = positional;
  const hasMethod = first === null || (first !== undefined && /^[A-Za-z]+$/.test(first) && second !== undefined);
  const method = hasMethod ? (first?.toUpperCase() ?? null) : 'GET';
  const url = hasMethod ? second : first;
  if (url === undefined || url === null || url.startsWith(':')) return undefined;
  const target = parseUrl(url);
  if (
    !target ||
    !target.path.replace(/^\/+/, '') ||
    LOCAL_HOST.test(target.host.replace(/:\d+$/, '')) ||
    !isSearchHost(target.host)
  )
    return undefined;
  if (/\/_delete_by_query\b/.test(target.path)) return DELETE_BY_QUERY;
  return method === null || method === 'DELETE' ? DELETE_INDEX : undefined;
}
