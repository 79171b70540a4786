/**
 * Database clients (`psql`, `mysql`, `mariadb`, `sqlcmd`, `mongosh`,
 * `redis-cli`, `cqlsh`, `dropdb`, `mysqladmin`) running statements that drop
 * or empty databases, schemas, tables and keyspaces, or flush a Redis server,
 * against a server that is not on this machine: "ask". On localhost, a
 * socket, or a file (`sqlite3`), they are allowed: that is development.
 * Statements are read from the options (`-c`, `-e`, `--eval`, `-Q`), files
 * (`-f`, `-i`), here-documents and pipes of literal text.
 */
import type { Verdict } from './destructive-commands';
import type { Arg, ToolContext } from './tools';

export type Dialect = 'sql' | 'mongo' | 'redis';

interface Client {
  readonly dialect: Dialect;
  /** Options whose value is the server (`-h HOST`, `-S SERVER`). */
  readonly host: readonly string[];
  /** Options whose value is a connection string or URI (`-d postgres://…`, `--uri`). */
  readonly uri?: readonly string[];
  /** Environment variables naming the server. */
  readonly hostEnv: readonly string[];
  /** Options whose value is statements (`-c SQL`). */
  readonly statements: readonly string[];
  /** Options whose value is a file of statements (`-f FILE`). */
  readonly files: readonly string[];
  /** Other options that take a separate value. */
  readonly values: readonly string[];
  /** Positional arguments are the command (`redis-cli -h host FLUSHALL`). */
  readonly positionalCommand?: boolean;
  /** A positional argument may be the host (`cqlsh HOST`). */
  readonly positionalHost?: boolean;
  /** The client always drops what it is given (`dropdb NAME`, `mysqladmin drop NAME`). */
  readonly drops?: (positional: readonly string[]) => string | undefined;
}

const PSQL: Client = {
  dialect: 'sql',
  host: ['-h', '--host'],
  uri: ['-d', '--dbname'],
  hostEnv: ['PGHOST'],
  statements: ['-c', '--command'],
  files: ['-f', '--file'],
  values: [
    '-U',
    '--username',
    '-p',
    '--port',
    '-v',
    '--set',
    '--variable',
    '-P',
    '--pset',
    '-o',
    '--output',
    '-L',
    '--log-file',
    '-F',
    '-R',
    '-T',
  ],
};
const MYSQL: Client = {
  dialect: 'sql',
  host: ['-h', '--host'],
  hostEnv: ['MYSQL_HOST'],
  statements: ['-e', '--execute'],
  files: [],
  values: [
    '-u',
    '--user',
    '-P',
    '--port',
    '-D',
    '--database',
    '-S',
    '--socket',
    '--protocol',
    '--default-character-set',
    '--defaults-file',
    '--login-path',
  ],
};

const MONGOSH: Client = {
  dialect: 'mongo',
  host: ['--host'],
  uri: ['--uri'],
  hostEnv: [],
  statements: ['--eval'],
  files: ['-f', '--file'],
  values: [
    '-u',
    '--username',
    '-p',
    '--password',
    '--port',
    '--authenticationDatabase',
    '--authenticationMechanism',
    '--tlsCAFile',
    '--tlsCertificateKeyFile',
  ],
};

export const SQL_CLIENTS: Readonly<Record<string, Client>> = {
  psql: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlcmd: {
    dialect: 'sql',
    host: ['-S', '--server'],
    hostEnv: ['SQLCMDSERVER'],
    statements: ['-Q', '-q', '--query'],
    files: ['-i', '--input-file'],
    values: ['-U', '-P', '-d', '-o', '-v', '-s', '-w', '-h', '-l', '-t', '-a', '-f', '-K', '-H', '-c'],
  },
  mongosh: MONGOSH,
  // The legacy shell, with the same options.
  mongo: MONGOSH,
  'redis-cli': {
    dialect: 'redis',
    host: ['-h'],
    uri: ['-u'],
    hostEnv: ['REDISCLI_HOST'],
    statements: [],
    files: [],
    values: [
      '-p',
      '-a',
      '--user',
      '--pass',
      '-n',
      '-r',
      '-i',
      '-d',
      '-D',
      '--cacert',
      '--cacertdir',
      '--cert',
      '--key',
      '--sni',
      '--rdb',
      '--functions-rdb',
      '--pipe-timeout',
      '--memkeys-samples',
      '--eval',
      '--count',
      '--pattern',
      '--quoted-pattern',
      '-t',
      '--replica',
      '-s',
    ],
    positionalCommand: true,
  },
  cqlsh: {
    dialect: 'sql',
    host: [],
    hostEnv: ['CQLSH_HOST'],
    statements: ['-e', '--execute'],
    files: ['-f', '--file'],
    values: [
      '-u',
      '--username',
      '-p',
      '--password',
      '-k',
      '--keyspace',
      '--cqlshrc',
      '--cqlversion',
      '--encoding',
      '--connect-timeout',
      '--request-timeout',
      '-b',
      '--secure-connect-bundle',
    ],
    positionalHost: true,
  },
  dropdb: {
    ...PSQL,
    statements: [],
    files: [],
    uri: ['-d', '--maintenance-db'],
    drops: (p) => (p[0] ? `DROP DATABASE ${p[0]}` : undefined),
  },
  mysqladmin: {
    ...MYSQL,
    statements: [],
    drops: (p) => (p[0]?.toLowerCase() === 'drop' && p[1] ? `DROP DATABASE ${p[1]}` : undefined),
  },
};

/** Statements that drop or empty what holds data; one match is enough. */
const SQL_PATTERNS: readonly RegExp[] = [/\bdrop\s+(database|schema|table|keyspace|columnfamily)\b/i, /\btruncate\b/i];
const MONGO_PATTERNS: readonly RegExp[] = [
  /\.dropDatabase\s*\(/,
  /\.drop\s*\(\s*\)/,
  /\.(deleteMany|remove)\s*\(\s*\{\s*\}\s*\)/,
  /\bdropCollection\b/,
];
const REDIS_PATTERNS: readonly RegExp[] = [/^\s*(flushall|flushdb)\b/im];

/** The first statement that drops or empties data (`DROP TABLE …`, `DELETE FROM t` without `WHERE`), shortened for a message. */
export function destructiveStatement(text: string, dialect: Dialect): string | undefined {
  const code = text.slice(0, 500_000);
  const show = (s: string): string => (s.trim().length > 80 ? `${s.trim().slice(0, 80)}…` : s.trim());
  if (dialect === 'mongo') {
    for (const re of MONGO_PATTERNS) {
      const m = re.exec(code);
      if (m)
        return show(
          code.slice(Math.max(0, code.lastIndexOf('\n', m.index) + 1), m.index + m[0].length + 20).split('\n')[0],
        );
    }
    return undefined;
  }
  if (dialect === 'redis') {
    const m = REDIS_PATTERNS[0].exec(code);
    return m ? m[1].toUpperCase() : undefined;
  }
  // Comments and string literals out (`WHERE note LIKE '%drop table%'` drops nothing), then one statement at a
  // time (bounded). One pass, so a quote inside a comment or `--` inside a string is read as the server reads it.
  // An unclosed comment runs to the end (so many `/*` cannot make the scan quadratic).
  const clean = code.replace(/'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g, (m) =>
    m.startsWith("'") ? "''" : ' ',
  );
  const statements = clean.split(';').slice(0, 5000);
  for (const s of statements) {
    if (SQL_PATTERNS.some((re) => re.test(s))) return show(s);
    if (/\bdelete\s+from\s/i.test(s) && (!/\bwhere\b/i.test(s) || TRIVIAL_WHERE.test(s))) return show(s);
  }
  return undefined;
}

/** A `WHERE` that every row meets (`WHERE 1=1`, `WHERE true`), as the whole condition: the `DELETE` empties the table. */
const TRIVIAL_WHERE = /\bwhere[\s(]+(?:1\s*=\s*1|true|1|''\s*=\s*'')[\s)]*(?:(?:returning|limit|order\s+by)\b[^]*)?$/i;

/** A server on this machine: localhost, a loopback address, a Unix socket, SQL Server's `.` and `(local)`. */
export function isLocalServer(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^tcp:/, '')
    .replace(/,\d+$/, '')
    .replace(/^\[|\]$/g, '');
  return (
    h === '' ||
    h === 'localhost' ||
    h === '::1' ||
    h === '.' ||
    h === '(local)' ||
    h === '0.0.0.0' ||
    /^127(\.\d{1,3}){3}$/.test(h) ||
    h.startsWith('/') ||
    h.startsWith('unix:') ||
    h.startsWith('np:') ||
    h.startsWith('lpc:')
  );
}

/** The host in a connection URI or a libpq connection string; `''` when it names none (a socket). */
function hostInConnectionString(s: string): string | undefined {
  const uri = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#]*)/i.exec(s);
  if (uri) {
    const hosts = uri[1].split(',').map((h) => h.replace(/:\d+$/, ''));
    const query = /[?&]host=([^&]*)/.exec(s)?.[1];
    return [...hosts, ...(query ? [decodeURIComponent(query)] : [])].find((h) => !isLocalServer(h)) ?? '';
  }
  const kv = /(?:^|\s)host\s*=\s*'?([^'\s]*)/.exec(s);
  if (kv) return kv[1];
  return undefined;
}

const DROPS = (statement: string, where: string): Verdict => ({
  decision: 'ask',
  why: `runs \`${statement}\` against ${where}, a database server that is not on this machine: what it drops or empties is gone unless a backup exists.`,
  instead:
    'Run it yourself after checking the target and that a recent backup exists, or make the change in a reviewed migration.',
});

const UNKNOWN_STATEMENTS = (where: string): Verdict => ({
  decision: 'ask',
  why: `runs statements Deadbolt cannot read (computed, or in a file it cannot open) against ${where}, a database server that is not on this machine.`,
  instead: 'Write the statements out, or keep them in a file in the project so the hook can read them.',
});

/** A database client's arguments: "ask" for a destructive statement against a server that is not local. */
export function judgeDatabaseClient(name: string, args: readonly Arg[], ctx: ToolContext): Verdict | undefined {
  const client = SQL_CLIENTS[name];
  if (!client) return undefined;
  if (args.some((a) => a.value === '--help' || a.value === '--version' || a.value === '-?')) return undefined;
  let host: string | null | undefined;
  const texts: (string | null)[] = [];
  const positional: Arg[] = [];
  const take = (
    k: number,
    v: string,
    names: readonly string[],
  ): { value: Arg | undefined; skip: number } | undefined => {
    for (const n of names) {
      if (v === n) return { value: args[k + 1], skip: 1 };
      if (n.startsWith('--') && v.startsWith(`${n}=`))
        return { value: { value: v.slice(n.length + 1), text: v }, skip: 0 };
      // `-hdb.example.com`, `-cDROP…`: a short option with its value attached (not for `-p` of mysql: a password).
      if (!n.startsWith('--') && n.length === 2 && v.startsWith(n) && v.length > 2 && !v.startsWith('--'))
        return { value: { value: v.slice(2), text: v }, skip: 0 };
    }
    return undefined;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const v = a.value;
    if (v === undefined) {
      positional.push(a);
      continue;
    }
    if (!v.startsWith('-') || v === '-') {
      positional.push(a);
      continue;
    }
    let t = take(k, v, client.host);
    if (t) {
      host = t.value?.value ?? (t.value ? null : host);
      k += t.skip;
      continue;
    }
    t = client.uri ? take(k, v, client.uri) : undefined;
    if (t) {
      const s = t.value?.value;
      if (s === undefined) host = null;
      else host = hostInConnectionString(s) ?? host;
      k += t.skip;
      continue;
    }
    t = take(k, v, client.statements);
    if (t) {
      texts.push(t.value?.value ?? null);
      k += t.skip;
      continue;
    }
    t = take(k, v, client.files);
    if (t) {
      const file = t.value?.value;
      texts.push(
        file === undefined ? null : file === '-' ? (ctx.stdinText?.() ?? null) : (ctx.readFile?.(file) ?? null),
      );
      k += t.skip;
      continue;
    }
    if (!v.includes('=') && client.values.includes(v)) k++;
  }
  // A connection string or URI given as a positional argument (`psql postgres://…`, `mongosh mongodb+srv://…`).
  for (const p of positional) {
    if (p.value === undefined) {
      if (client.positionalCommand) texts.push(null);
      else host = host ?? null;
      continue;
    }
    const h = hostInConnectionString(p.value);
    if (h !== undefined) host = h;
    // `mongosh URI script.js`: a script file.
    else if (client.dialect === 'mongo' && /\.js$/.test(p.value)) texts.push(ctx.readFile?.(p.value) ?? null);
  }
  const words = positional.map((p) => p.value ?? '');
  if (client.positionalHost && host === undefined && positional[0]) host = positional[0].value ?? null;
  if (client.positionalCommand && positional.length) texts.push(words.join(' '));
  if (host === undefined) {
    for (const e of client.hostEnv) {
      const v = ctx.env(e);
      if (v === null) host = null;
      else if (v !== undefined) host = v;
      if (host !== undefined) break;
    }
  }
  if (host !== null && isLocalServer(host ?? '')) return undefined;
  const where = host === null || host === undefined ? 'a server named when the line runs' : `\`${host}\``;
  const drop = client.drops?.(words);
  if (drop) return DROPS(drop, where);
  // Statements on standard input (a here-document, a pipe, `< file`) when no option gives them.
  if (texts.length === 0 && !client.drops) {
    const stdin = ctx.stdinText?.();
    if (stdin === null) return ctx.stdinSupplied ? UNKNOWN_STATEMENTS(where) : undefined;
    if (stdin !== undefined) texts.push(stdin);
  }
  for (const t of texts) {
    if (t === null) return UNKNOWN_STATEMENTS(where);
    const statement = destructiveStatement(t, client.dialect);
    if (statement) return DROPS(statement, where);
  }
  return undefined;
}
