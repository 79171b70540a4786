/**
 * The words a finding uses for things that differ between front ends. The rule
 * catalogue is written once, in CloudFormation's words (a stack is deleted, a
 * resource is removed from its template); a Terraform user has no stack and no
 * template, but a configuration, resource blocks and `terraform destroy`. Rather
 * than a second text per rule, the few phrases that name a front end's concepts
 * are said again in the idiom the finding is shown in.
 * @see https://developer.hashicorp.com/terraform/cli/commands/destroy
 * @see https://developer.hashicorp.com/terraform/language/resources/syntax
 */
import { isTerraformResource } from '../dialects/terraform-json-names';
import type { Idiom, NormalisedResource, StackDocument } from '../model';

/** Phrases of the catalogue's `why` texts and what a Terraform user calls the same thing. Applied in order. */
const TERRAFORM_PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /^Deleting the stack, or removing the resource from the template, deletes/,
    '`terraform destroy`, or removing the resource block from the configuration, deletes',
  ],
  [
    /^A stack delete, or removing or replacing one construct, deletes the objects in the bucket before CloudFormation even considers the bucket's DeletionPolicy, so a retained bucket is left empty\.$/,
    'With force_destroy, destroying or replacing the bucket (`terraform destroy`, a deleted resource block, a changed name) first deletes every object and object version in it, so none can be restored.',
  ],
  [
    /^Deleting the stack, removing the region from `replicationRegions`/,
    "`terraform destroy`, removing the region's `replica` block",
  ],
  [/^Deleting the stack or the repository deletes/, '`terraform destroy`, or destroying the repository, deletes'],
  [/\bA stack delete\b/g, 'A `terraform destroy`'],
  [/\ba stack delete\b/g, 'a `terraform destroy`'],
  [/\bDeleteOnTermination\b/g, 'delete_on_termination'],
  // Argument names the texts write in camelCase (`skipFinalSnapshot`) are snake_case in HCL; API actions
  // (`DeleteDBInstance`) start with a capital and stay as they are.
  [/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, ''],
];

/** `skipFinalSnapshot` → `skip_final_snapshot`. */
function snake(word: string): string {
  return word.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A rule's `why` in the words of the idiom its finding is shown in. */
export function whyInIdiom(why: string, idiom: Idiom): string {
  if (idiom !== 'terraform') return why;
  let out = why;
  for (const [pattern, replacement] of TERRAFORM_PHRASES)
    out = replacement === '' ? out.replace(pattern, snake) : out.replace(pattern, replacement);
  return out;
}

/**
 * A finding's message in the words of its idiom. Messages name the resource's own arguments as the dialect spells
 * them already; what is left of CloudFormation is the odd "the template cannot show…", said of the configuration.
 */
export function messageInIdiom(message: string, idiom: Idiom): string {
  if (idiom !== 'terraform') return message;
  return (
    message
      .replace(/\b(the|this) template\b/g, '$1 configuration')
      // The provider dialect says a value unknown until apply in Pulumi's words (an output).
      .replace(UNKNOWN_OUTPUT_OF, 'a value of $1 known only after apply')
      .replace(/\ban unknown output\b/g, 'a value known only after apply')
      .replace(/\ban output( of .+?)? known only after (?:deployment|apply)\b/g, 'a value$1 known only after apply')
      .replace(/\bknown only after deployment\b/g, 'known only after apply')
      // "x is a value known only after apply and cannot be proven true: it is a value known only after apply" says it once.
      .replace(
        /\b(is|are) (a value(?: of [^:;]{1,400}?)? known only after apply) and cannot be proven ([^:;]{1,400}?): it is \2\b/g,
        '$1 $2 and cannot be proven $3',
      )
      // An AWS Backup plan, not the Terraform plan being checked.
      .replace(/\b([Tt])he plan's\b/g, "$1he backup plan's")
      .replace(/\bof the plan\b/g, 'of the backup plan')
  );
}

/** A Terraform address: `module.db["eu"].aws_db_instance.this[0]` (a dot only before a name, not a full stop). */
const ADDRESS = String.raw`[A-Za-z_][\w-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][\w-]*(?:\[[^\]]*\])?)*`;
const UNKNOWN_OUTPUT_OF = new RegExp(String.raw`\ban unknown output of (${ADDRESS}(?:, ${ADDRESS})*)`, 'g');

/** Documents already told apart: a backup coverage message names the same few documents many times. */
const TERRAFORM_DOCUMENTS = new WeakMap<StackDocument, boolean>();

/**
 * True for a document read from Terraform JSON (its AWS resources have
 * Terraform types such as `aws_db_instance`, not Pulumi tokens).
 */
export function isTerraformDocument(doc: StackDocument): boolean {
  let yes = TERRAFORM_DOCUMENTS.get(doc);
  if (yes === undefined) {
    yes = false;
    if (doc.dialect === 'aws-provider')
      for (const r of doc.resources.values()) {
        yes = isTerraformResource(r);
        break;
      }
    TERRAFORM_DOCUMENTS.set(doc, yes);
  }
  return yes;
}

/**
 * How a message names the document that holds a resource: `stack Orders` for a
 * template or a Pulumi stack; for Terraform, whose documents are the resources
 * of one provider configuration, the provider (`provider aws.backup`, or the
 * default `aws` provider).
 */
export function documentLabel(doc: StackDocument): string {
  if (!isTerraformDocument(doc)) return `stack ${doc.name}`;
  return doc.provider === undefined ? 'the default `aws` provider' : `provider \`${doc.provider}\``;
}

/** What the user calls everything checked together: the app, or the Terraform configuration. */
export function wholeLabel(resource: NormalisedResource): string {
  return isTerraformResource(resource) ? 'the configuration' : 'the app';
}
