/**
 * AWS SDK calls read as the AWS CLI command that does the same, so that one
 * table, the catalogue's `AWS` map, judges both. The SDKs name an operation
 * differently from the CLI (boto3 `delete_db_instance`, JavaScript v3
 * `DeleteDBInstanceCommand`, v2 `deleteDBInstance`, CLI `delete-db-instance`)
 * but the same once case and separators are dropped; parameters are the
 * CLI's options in PascalCase (`DeletionProtection=False` is
 * `--no-deletion-protection`).
 *
 * @see https://docs.aws.amazon.com/cli/latest/reference/
 * @see https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html
 * @see https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/
 */
import { AWS } from '../knowledge/aws-cli';
import type { ArgValue } from './effects';

/** An SDK value, as far as the readers know it; `undefined` when computed. */
export type SdkValue =
  string | number | boolean | null | readonly SdkValue[] | { readonly [key: string]: SdkValue } | undefined;

const squash = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

/**
 * SDK service names whose CLI name differs (boto3 `s3` is the CLI's `s3api`;
 * JavaScript's `CognitoIdentityProvider` is `cognito-idp`), squashed.
 */
const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  s3: 's3api',
  s3client: 's3api',
  cognitoidentityprovider: 'cognito-idp',
  cognitoidentityserviceprovider: 'cognito-idp',
  cloudwatchlogs: 'logs',
  elasticsearchservice: 'es',
  elasticsearch: 'es',
  opensearchservice: 'opensearch',
  timestreamwrite: 'timestream-write',
  docdbelastic: 'docdb-elastic',
};

/** The catalogue's service for an SDK service name (`rds`, `RDS`, `@aws-sdk/client-rds`, `DynamoDBClient`); undefined when not listed. */
export function cliService(sdkName: string): string | undefined {
  const s = squash(sdkName.replace(/^@aws-sdk\/client-/, '').replace(/Client$/, ''));
  if (SERVICE_ALIASES[s]) return SERVICE_ALIASES[s];
  return Object.keys(AWS).find((service) => squash(service) === s);
}

/** The CLI operation for an SDK method or command name within a service, or a kebab-case guess when the catalogue does not list it. */
export function cliOperation(service: string, sdkName: string): string {
  const s = squash(sdkName.replace(/Command$/, ''));
  const listed = Object.keys(AWS[service] ?? {}).find((op) => squash(op) === s);
  if (listed) return listed;
  return sdkName
    .replace(/Command$/, '')
    .replace(/_/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** Services whose catalogue lists an operation of this SDK name (for a client Deadbolt could not trace). */
export function servicesWithOperation(sdkName: string): string[] {
  const s = squash(sdkName.replace(/Command$/, ''));
  // The CLI's own `s3` commands (`rb`, `rm`, `sync`) have no SDK method of that name.
  return Object.keys(AWS).filter(
    (service) => service !== 's3' && Object.keys(AWS[service]).some((op) => op.includes('-') && squash(op) === s),
  );
}

/**
 * True when the name could be a deleting or protection-lowering operation of
 * some listed service. Only compound names count (`delete_table`,
 * `deleteDBInstance`): a bare `deploy()` or `delete()` is not an SDK operation.
 */
export function isCatalogueOperation(sdkName: string): boolean {
  return /^[a-z]+[_A-Z]|^[A-Z][a-z]+[A-Z]/.test(sdkName) && servicesWithOperation(sdkName).length > 0;
}

const kebab = (param: string): string =>
  param
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

/**
 * The CLI arguments for an SDK call: `aws SERVICE OPERATION --option value…`.
 * `params` undefined: the parameters are computed (a variable, `**kwargs`, a spread).
 */
export function awsArgv(
  service: string,
  operation: string,
  params: Readonly<Record<string, SdkValue>> | undefined,
  open: boolean,
): ArgValue[] {
  const argv: ArgValue[] = ['aws', service, operation];
  if (params === undefined) return [...argv, null];
  for (const [name, value] of Object.entries(params)) {
    const option = `--${kebab(name)}`;
    if (value === undefined) argv.push(option, null);
    else if (value === true) argv.push(option);
    else if (value === false) argv.push(`--no-${kebab(name)}`);
    else if (typeof value === 'string' || typeof value === 'number') argv.push(option, String(value));
    else argv.push(option, hasComputed(value) ? null : JSON.stringify(value));
  }
  // A computed part of the parameters may hold anything: an unknown argument makes a conditional rule "ask".
  if (open) argv.push(null);
  return argv;
}

function hasComputed(value: SdkValue): boolean {
  if (value === undefined) return true;
  if (value === null || typeof value !== 'object') return false;
  return (Array.isArray(value) ? (value as readonly SdkValue[]) : Object.values(value)).some(hasComputed);
}
