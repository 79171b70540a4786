import { CATALOGUE } from '../rules';
import { messageInIdiom, whyInIdiom } from './idiom-words';

/** Rules that judge only what a template or a CDK app has (stack settings, CloudFormation macros, CDK constructs). */
const CLOUDFORMATION_ONLY = new Set([
  'stack-termination-protection',
  'template-unexpanded-content',
  's3-bucket-deployment-prune',
]);

/** Words a Terraform user has no use for: CloudFormation's concepts, and argument names HCL does not spell so. */
const NOT_TERRAFORM = /\b(stacks?|templates?|CloudFormation|constructs?|DeletionPolicy|[a-z]+[A-Z][A-Za-z0-9]*)\b/;

describe('whyInIdiom', () => {
  it('says every rule a Terraform resource can break in Terraform words', () => {
    const wrong = CATALOGUE.filter((r) => !CLOUDFORMATION_ONLY.has(r.id))
      .map((r) => [r.id, whyInIdiom(r.why, 'terraform')] as const)
      .filter(([, why]) => NOT_TERRAFORM.test(why));
    expect(wrong).toEqual([]);
  });

  it('rewrites the phrases that name CloudFormation concepts', () => {
    expect(
      whyInIdiom('Deleting the stack, or removing the resource from the template, deletes the resource.', 'terraform'),
    ).toBe('`terraform destroy`, or removing the resource block from the configuration, deletes the resource.');
    expect(whyInIdiom('A stack delete or one DeleteDBInstance call removes the database.', 'terraform')).toBe(
      'A `terraform destroy` or one DeleteDBInstance call removes the database.',
    );
    expect(whyInIdiom('With skipFinalSnapshot, or without a finalSnapshotIdentifier, a destroy…', 'terraform')).toBe(
      'With skip_final_snapshot, or without a final_snapshot_identifier, a destroy…',
    );
  });

  it('leaves every other idiom as the catalogue writes it', () => {
    for (const r of CATALOGUE) {
      expect(whyInIdiom(r.why, 'cloudformation')).toBe(r.why);
      expect(whyInIdiom(r.why, 'cdk')).toBe(r.why);
      expect(whyInIdiom(r.why, 'pulumi')).toBe(r.why);
    }
  });
});

describe('messageInIdiom', () => {
  it('says a value unknown until apply in Terraform words, and a template is the configuration', () => {
    expect(
      messageInIdiom(
        'resources[0] is an unknown output of module.db["eu"].aws_db_instance.this[0], aws_db_instance.main.',
        'terraform',
      ),
    ).toBe(
      'resources[0] is a value of module.db["eu"].aws_db_instance.this[0], aws_db_instance.main known only after apply.',
    );
    expect(messageInIdiom('expiration days, which is an unknown output and cannot be proven', 'terraform')).toBe(
      'expiration days, which is a value known only after apply and cannot be proven',
    );
    expect(messageInIdiom('the template cannot show that it is a customer managed key', 'terraform')).toBe(
      'the configuration cannot show that it is a customer managed key',
    );
    expect(
      messageInIdiom("The plan's rules cannot be read: it is an output known only after apply.", 'terraform'),
    ).toBe("The backup plan's rules cannot be read: it is a value known only after apply.");
    expect(messageInIdiom('it is an output of aws_s3_bucket.b known only after deployment', 'terraform')).toBe(
      'it is a value of aws_s3_bucket.b known only after apply',
    );
    expect(messageInIdiom('it is an unknown output of bucket', 'pulumi')).toBe('it is an unknown output of bucket');
  });

  it('says once that a value is known only after apply', () => {
    expect(
      messageInIdiom(
        'settings.deletion_protection_enabled is an unknown output and cannot be proven true: it is an output known only after deployment.',
        'terraform',
      ),
    ).toBe('settings.deletion_protection_enabled is a value known only after apply and cannot be proven true.');
    expect(
      messageInIdiom(
        "The plan's rules are an unknown output and cannot be proven to keep recovery points for 7 days: it is an output known only after deployment.",
        'terraform',
      ),
    ).toBe(
      "The backup plan's rules are a value known only after apply and cannot be proven to keep recovery points for 7 days.",
    );
  });
});
