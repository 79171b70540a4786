/**
 * How findings spell a Terraform resource's arguments. The AWS provider dialect
 * reads Terraform's snake_case inputs in Pulumi's camelCase (the Pulumi provider
 * is bridged from Terraform's, names and all), so the names it records for a
 * finding are camelCase: a Terraform user is shown them as they are written in
 * HCL (`skipFinalSnapshot` → `skip_final_snapshot`,
 * `versioning (an aws.s3.BucketVersioning resource)` → `versioning (an
 * aws_s3_bucket_versioning resource)`).
 * @see https://www.pulumi.com/docs/iac/guides/migration/migrating-to-pulumi/from-terraform/
 */
import type { NormalisedResource } from '../model';

/**
 * True for a resource of the AWS provider dialect read from Terraform (its type
 * is a Terraform type such as `aws_db_instance`, not a Pulumi token such as
 * `aws:rds/instance:Instance`).
 */
export function isTerraformResource(resource: Pick<NormalisedResource, 'dialect' | 'nativeType'>): boolean {
  return resource.dialect === 'aws-provider' && !resource.nativeType.includes(':');
}

/** Pulumi resource class names whose Terraform type is not their snake_case. */
const TERRAFORM_TYPES: Readonly<Record<string, string>> = {
  'aws.s3.BucketReplicationConfig': 'aws_s3_bucket_replication_configuration',
};

/** A Pulumi type as messages write it (`aws.s3.BucketVersioning`). */
const PULUMI_CLASS = /\baws\.([a-z0-9]+)\.([A-Z][A-Za-z0-9]*)\b/g;

/** A Terraform resource type (`aws_s3_bucket_versioning`): the segment after it is a resource name, kept as written. */
const TERRAFORM_TYPE = /^aws[a-z0-9]*_[a-z0-9_]+$/;

/** `lowerCamel` → `lower_camel`; a word without capitals is returned as it is. */
function snake(word: string): string {
  if (!/[A-Z]/.test(word)) return word;
  return word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * A native name (`aws_s3_bucket_versioning.data.versioningConfiguration.status`,
 * `pointInTimeRecovery.enabled`, `rules[0].noncurrentVersionExpiration.noncurrentDays`)
 * spelt as Terraform writes it. Resource addresses (`module.db["eu"].aws_db_instance.this[0]`)
 * and instance keys are kept as they are.
 */
export function terraformSpelling(name: string): string {
  let spelt = SPELT.get(name);
  if (spelt === undefined) {
    if (SPELT.size > 10_000) SPELT.clear();
    SPELT.set(name, (spelt = spell(name)));
  }
  return spelt;
}

/** Names already spelt: findings of one rule on thousands of resources quote the same few names. */
const SPELT = new Map<string, string>();

function spell(name: string): string {
  const space = name.indexOf(' ');
  const path = space < 0 ? name : name.slice(0, space);
  const rest =
    space < 0
      ? ''
      : name
          .slice(space)
          .replace(
            PULUMI_CLASS,
            (token, module: string, cls: string) => TERRAFORM_TYPES[token] ?? `aws_${module}_${snake(cls)}`,
          );
  const segments = splitPath(path);
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    const bare = s.replace(/\[.*$/, '');
    if (bare === 'module' || TERRAFORM_TYPE.test(bare)) {
      // `module.<call>` and `<type>.<name>`: the next segment is a name the user chose.
      out.push(s);
      if (i + 1 < segments.length) out.push(segments[++i]);
      continue;
    }
    out.push(snake(bare) + s.slice(bare.length));
  }
  return out.join('.') + rest;
}

/** Splits a path on the dots outside brackets and quotes. */
function splitPath(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '.' && depth === 0) {
      out.push(path.slice(start, i));
      start = i + 1;
    }
  }
  out.push(path.slice(start));
  return out;
}
