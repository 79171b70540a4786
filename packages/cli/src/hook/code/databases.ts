/**
 * Database drivers in programs (psycopg2, psycopg, asyncpg, SQLAlchemy,
 * PyMySQL, mysql-connector; node `pg`, `mysql2`, `mysql`) read as the client
 * command that runs the same statement (`psql -d DSN -c "DROP TABLE users"`,
 * `mysql -h HOST -e "…"`), so `knowledge/sql.ts` judges both: "ask" for a
 * statement that drops or empties data on a server that is not on this
 * machine, nothing on localhost or a socket.
 *
 * Only statements Deadbolt can read and that drop or empty data become
 * commands: a program's computed queries are its everyday reads and writes.
 *
 * @see https://www.psycopg.org/docs/module.html#psycopg2.connect
 * @see https://docs.sqlalchemy.org/en/20/core/engines.html#database-urls
 * @see https://node-postgres.com/apis/client
 * @see https://sidorares.github.io/node-mysql2/docs
 */
import { destructiveStatement } from '../knowledge/sql';
import type { ArgValue, Effect } from './effects';
import { HOLE, scalar, type Value } from './values';

export type DatabaseClient = 'psql' | 'mysql';

/** A connection, engine, pool or cursor: the client that talks to the same server, and where the server is. */
export interface Connection {
  readonly client: DatabaseClient;
  /** A connection string or URL (`postgresql://…`, `host=… dbname=…`); null when computed; undefined when none was given. */
  readonly dsn: string | null | undefined;
  /** The host option (`host=`); null when computed; undefined when none was given. */
  readonly host: string | null | undefined;
  /**
   * The environment variable the connection string or host comes from
   * (`os.environ["DATABASE_URL"]`, `process.env.DATABASE_URL`): the command
   * then names it (`psql "$DATABASE_URL"`), and the analysis reads it as it
   * reads any command line's variables.
   */
  readonly env?: { readonly variable: string; readonly as: 'dsn' | 'host' };
}

/** Python functions that open a connection, an engine or a pool. */
const PYTHON_CONNECT: Readonly<Record<string, DatabaseClient>> = {
  'psycopg2.connect': 'psql',
  'psycopg2.pool.SimpleConnectionPool': 'psql',
  'psycopg2.pool.ThreadedConnectionPool': 'psql',
  'psycopg.connect': 'psql',
  'psycopg.Connection.connect': 'psql',
  'psycopg.AsyncConnection.connect': 'psql',
  'asyncpg.connect': 'psql',
  'asyncpg.create_pool': 'psql',
  'pg8000.connect': 'psql',
  'pg8000.native.Connection': 'psql',
  'pymysql.connect': 'mysql',
  'MySQLdb.connect': 'mysql',
  'mysql.connector.connect': 'mysql',
  'aiomysql.connect': 'mysql',
  'aiomysql.create_pool': 'mysql',
};

/** SQLAlchemy engines: the client comes from the URL's scheme. */
const PYTHON_ENGINES = new Set(['sqlalchemy.create_engine', 'sqlalchemy.ext.asyncio.create_async_engine']);

/** Methods that run SQL text on a connection, cursor, engine or pool. */
export const EXECUTE_METHODS = new Set([
  'execute',
  'executemany',
  'executescript',
  'exec_driver_sql',
  'fetch',
  'fetchval',
  'fetchrow',
  'query',
  'run',
]);
/** Methods that return another handle on the same server (a cursor, a pooled connection, a transaction). */
export const HANDLE_METHODS = new Set([
  'cursor',
  'connect',
  'begin',
  'acquire',
  'getconn',
  'connection',
  'raw_connection',
  'getConnection',
  'promise',
  'transaction',
]);

/** The client for a URL's scheme (`postgresql+psycopg2://`, `mysql+pymysql://`); undefined for others (`sqlite:///`). */
function clientOfUrl(url: string): DatabaseClient | undefined {
  if (/^postgres(ql)?(\+\w+)?:\/\//i.test(url)) return 'psql';
  if (/^(mysql|mariadb)(\+\w+)?:\/\//i.test(url)) return 'mysql';
  return undefined;
}

function text(value: Value | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value.k === 'none') return undefined;
  return scalar(value);
}

/** The variable an environment read names (`os.environ.DATABASE_URL`, `process.env.DATABASE_URL`). */
function envVariable(value: Value | undefined): string | undefined {
  return value?.k === 'ref'
    ? /^(?:os\.environ|process\.env)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(value.path)?.[1]
    : undefined;
}

function withEnv(connection: Connection, dsn: Value | undefined, host: Value | undefined): Connection {
  const fromHost = envVariable(host);
  if (fromHost) return { ...connection, env: { variable: fromHost, as: 'host' } };
  const fromDsn = envVariable(dsn);
  return fromDsn ? { ...connection, env: { variable: fromDsn, as: 'dsn' } } : connection;
}

/**
 * A connection opened by the Python function at `path` with these arguments;
 * undefined when it is not a driver Deadbolt knows.
 */
export function pythonConnection(
  path: string,
  first: Value | undefined,
  kwargs: ReadonlyMap<string, Value>,
): Connection | undefined {
  if (PYTHON_ENGINES.has(path)) {
    const url = text(first ?? kwargs.get('url'));
    if (url === null)
      return withEnv({ client: 'psql', dsn: null, host: undefined }, first ?? kwargs.get('url'), undefined);
    const client = url === undefined ? undefined : clientOfUrl(url);
    return client ? { client, dsn: url, host: undefined } : undefined;
  }
  const client = PYTHON_CONNECT[path];
  if (!client) return undefined;
  const dsnValue = first ?? kwargs.get('dsn') ?? kwargs.get('conninfo');
  return withEnv({ client, dsn: text(dsnValue), host: text(kwargs.get('host')) }, dsnValue, kwargs.get('host'));
}

/** A connection made by JavaScript's `new pg.Client(options)`, `new Pool(…)`, `mysql.createConnection(…)`, `createPool(…)`. */
export function javascriptConnection(path: string, options: Value | undefined): Connection | undefined {
  const m =
    /^(pg|postgres|mysql2(?:\/promise)?|mysql)\.(?:default\.)?(Client|Pool|createConnection|createPool|connect)$/.exec(
      path,
    );
  if (!m) return undefined;
  const client: DatabaseClient = m[1] === 'pg' || m[1] === 'postgres' ? 'psql' : 'mysql';
  if (options === undefined) return { client, dsn: undefined, host: undefined };
  if (options.k === 'str') return { client, dsn: options.v, host: undefined };
  if (options.k !== 'dict') return { client, dsn: null, host: undefined };
  const dsn = options.entries.get('connectionString') ?? options.entries.get('uri');
  const host = options.entries.get('host');
  return withEnv(
    { client, dsn: dsn === undefined ? undefined : scalar(dsn), host: host === undefined ? undefined : scalar(host) },
    dsn,
    host,
  );
}

/** The host in a URL, for `mysql -h` (which takes no URL). */
function urlHost(url: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]*)/i.exec(url)?.[1];
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The client command that runs `statement` on the connection's server, when
 * the statement is known and drops or empties data; undefined otherwise.
 * Computed parts of a statement (`f"DROP TABLE {name}"`) stand for a name.
 */
export function statementCommand(connection: Connection, statement: Value | undefined, at: string): Effect | undefined {
  if (!statement || (statement.k !== 'str' && statement.k !== 'tpl')) return undefined;
  const sql = statement.v.split(HOLE).join('computed_name');
  if (!destructiveStatement(sql, 'sql')) return undefined;
  const { client, env } = connection;
  if (env && (client === 'psql' || env.as === 'host')) {
    const target = env.as === 'host' ? `-h "$${env.variable}"` : `"$${env.variable}"`;
    return { kind: 'shell', code: `${client} ${target} ${client === 'psql' ? '-c' : '-e'} ${shellQuote(sql)}`, at };
  }
  return { kind: 'api', argv: clientArgv(connection, sql), at };
}

function clientArgv(connection: Connection, sql: string): ArgValue[] {
  const { client, dsn, host } = connection;
  if (client === 'psql') {
    const target: ArgValue[] = host !== undefined ? ['-h', host] : dsn !== undefined ? ['-d', dsn] : [];
    return ['psql', ...target, '-c', sql];
  }
  const server =
    host !== undefined ? host : dsn === null ? null : dsn !== undefined ? (urlHost(dsn) ?? null) : undefined;
  return ['mysql', ...(server === undefined ? [] : ['-h', server]), '-e', sql];
}
