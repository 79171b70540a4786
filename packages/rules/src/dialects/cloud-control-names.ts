/**
 * Names of the Cloud Control providers (Terraform `awscc`, Pulumi `aws-native`),
 * which write CloudFormation's own properties in their own case.
 */
import PROPERTY_NAMES from '../spec/cloudformation-property-names.generated.json';

/**
 * The CloudFormation name of a Cloud Control provider key, at any depth
 * (already camelCased: `dbClusterIdentifier`, `sseSpecification`). Capitalising
 * the first letter gives most names back; the ones it does not (acronyms such
 * as `DBClusterIdentifier`, `SSESpecification`, `KMSMasterKeyID`) come from
 * the specification's own names for the type and the nested types it uses
 * (`cloudformation-property-names.generated.json`). A key two names of the
 * type share once normalised (`null` there) is capitalised.
 */
export function cloudFormationName(cfnType: string, key: string): string {
  const irregular = (PROPERTY_NAMES.types as Readonly<Record<string, Readonly<Record<string, string | null>>>>)[
    cfnType
  ];
  return irregular?.[key.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/**
 * The awscc provider's attribute name for a CloudFormation property: snake_case
 * split where the case changes (`DBClusterIdentifier` → `db_cluster_identifier`),
 * as its generator writes it.
 * @see https://github.com/hashicorp/terraform-provider-awscc/blob/main/internal/naming/naming.go
 */
export function awsccAttributeName(property: string): string {
  const name = property
    .replace(/CloudFormation/g, 'Cloudformation')
    .replace(/CloudFront/g, 'Cloudfront')
    .replace(/CloudWatch/g, 'Cloudwatch')
    .replace(/FSx/g, 'Fsx');
  const cap = (c: string) => c >= 'A' && c <= 'Z';
  const low = (c: string) => c >= 'a' && c <= 'z';
  const dig = (c: string) => c >= '0' && c <= '9';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    const next = name[i + 1] ?? '';
    if ((cap(ch) && low(next)) || (low(ch) && (cap(next) || dig(next))) || (dig(ch) && (cap(next) || low(next)))) {
      if (cap(ch) && low(next) && i > 0 && cap(name[i - 1])) out += '_';
      out += ch.toLowerCase();
      if (low(ch) || dig(ch)) out += '_';
      continue;
    }
    out += cap(ch) || low(ch) || dig(ch) ? ch.toLowerCase() : '_';
  }
  return out;
}
