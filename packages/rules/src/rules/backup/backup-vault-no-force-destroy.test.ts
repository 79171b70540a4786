import { providerOutput } from '../../dialects/aws-provider-model';
import { evaluate } from '../../engine/evaluate';
import { findingsOf, one, providerModelOf } from '../testing/harness';
import rule from './backup-vault-no-force-destroy';

const vault = (inputs: Record<string, unknown>) =>
  providerModelOf([
    {
      id: 'urn:v',
      name: 'vault',
      type: 'aws:backup/vault:Vault',
      inputs,
      options: { protect: true, retainOnDelete: true },
    },
  ]);
const judge = (inputs: Record<string, unknown>) => evaluate(vault(inputs), { rules: [rule], idiom: 'pulumi' }).findings;

describe('backup-vault-no-force-destroy', () => {
  it('passes a vault without forceDestroy, or with it false', () => {
    expect(judge({})).toEqual([]);
    expect(judge({ forceDestroy: false })).toEqual([]);
  });

  it('reports forceDestroy: true with the Pulumi fix', () => {
    const [f] = judge({ forceDestroy: true });
    expect(f.message).toBe(
      'forceDestroy is true: when the resource is destroyed or replaced, every recovery point in the vault is deleted first.',
    );
    expect(f.fix).toBe('Set `forceDestroy: false` on the `aws.backup.Vault` (or leave it unset).');
    expect(f.location).toBe('inputs/forceDestroy');
  });

  it('fails closed on a value known only after deployment', () => {
    const [f] = judge({ forceDestroy: providerOutput(false, undefined, []) });
    expect(f.unresolved).toBe(true);
    expect(f.message).toContain('cannot be proven false');
  });

  it('reads Terraform force_destroy', () => {
    const model = providerModelOf([
      {
        id: 'aws_backup_vault.v',
        name: 'aws_backup_vault.v',
        type: 'aws_backup_vault',
        inputs: { force_destroy: true },
      },
    ]);
    expect(evaluate(model, { rules: [rule], idiom: 'terraform' }).findings.map((f) => f.fix)).toEqual([
      'Set `force_destroy = false` on the `aws_backup_vault` (or leave it unset).',
    ]);
  });

  it('exists in the provider dialect only: a template vault has no such switch', () => {
    expect(findingsOf(rule, one('AWS::Backup::BackupVault', { BackupVaultName: 'v' }))).toEqual([]);
  });
});
