import { modelOf, type TemplateCase } from '../rules/testing/harness';
import { BackupCoverage, readTags } from './backup-coverage';

const CENTRAL = 'arn:aws:backup:us-east-1:222222222222:backup-vault:central';

describe('BackupCoverage.copyDestinations', () => {
  test('reads the copy actions of a CDK-shaped plan whose TargetBackupVault is an attribute', () => {
    // Before: the whole rule list was resolved, and the GetAtt made every CDK plan unreadable.
    const model = modelOf({
      Resources: {
        Vault: { Type: 'AWS::Backup::BackupVault', Properties: {} },
        Plan: {
          Type: 'AWS::Backup::BackupPlan',
          Properties: {
            BackupPlan: {
              BackupPlanName: 'p',
              BackupPlanRule: [
                {
                  RuleName: 'Daily',
                  TargetBackupVault: { 'Fn::GetAtt': ['Vault', 'BackupVaultName'] },
                  CopyActions: [{ DestinationBackupVaultArn: CENTRAL }],
                },
              ],
            },
          },
        },
      },
    });
    const coverage = new BackupCoverage(model);
    const plan = model.documents[0].resources.get('Plan')!;
    const { copies, unresolved } = coverage.copyDestinations(plan);
    expect(unresolved).toBeUndefined();
    expect(copies.map((c) => [c.ruleName, c.account])).toEqual([
      ['Daily', { kind: 'literal', account: '222222222222' }],
    ]);
    expect(BackupCoverage.crossAccount(copies[0], '111111111111')).toBe(true);
    expect(BackupCoverage.crossAccount(copies[0], '222222222222')).toBe(false);
    expect(BackupCoverage.crossAccount(copies[0], undefined)).toBe(false);
  });
});

describe('readTags', () => {
  const tableWith = (props: Record<string, unknown>, type = 'AWS::DynamoDB::Table'): TemplateCase => ({
    Parameters: { P: { Type: 'String' } },
    Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
    Resources: { T: { Type: type, Properties: props } },
  });
  const tagsOf = (t: TemplateCase, extra = {}) => readTags(modelOf(t, extra).documents[0].resources.get('T')!);

  test("stack tags, overridden by the resource's own", () => {
    const r = tagsOf(tableWith({ Tags: [{ Key: 'team', Value: 'data' }] }), { tags: { team: 'platform', cost: 'x' } });
    expect(Object.fromEntries(r.tags)).toEqual({ team: 'data', cost: 'x' });
  });

  test('an unresolvable value is recorded by key, an unresolvable key as unknown keys', () => {
    const r = tagsOf(
      tableWith({
        Tags: [
          { Key: 'a', Value: { Ref: 'P' } },
          { Key: { Ref: 'P' }, Value: 'v' },
          { Key: 'b', Value: 'ok' },
        ],
      }),
    );
    expect(Object.fromEntries(r.tags)).toEqual({ b: 'ok' });
    expect([...r.unresolvedKeys]).toEqual(['a']);
    expect(r.unknownKeys).toBe(true);
  });

  test('a tag under an undecidable condition whose key is known', () => {
    const r = tagsOf(
      tableWith({ Tags: [{ 'Fn::If': ['C', { Key: 'backup', Value: 'daily' }, { Key: 'backup', Value: 'none' }] }] }),
    );
    expect([...r.unresolvedKeys]).toEqual(['backup']);
  });

  test("a global table carries the tags of its replica in the stack's region", () => {
    const r = tagsOf(
      tableWith(
        {
          Replicas: [
            { Region: 'eu-west-1', Tags: [{ Key: 'x', Value: 'eu' }] },
            { Region: 'us-east-1', Tags: [{ Key: 'x', Value: 'us' }] },
          ],
        },
        'AWS::DynamoDB::GlobalTable',
      ),
    );
    expect(Object.fromEntries(r.tags)).toEqual({ x: 'us' });
    const agnostic = tagsOf(
      tableWith(
        { Replicas: [{ Region: { Ref: 'AWS::Region' }, Tags: [{ Key: 'x', Value: 'local' }] }] },
        'AWS::DynamoDB::GlobalTable',
      ),
      { region: undefined },
    );
    expect(Object.fromEntries(agnostic.tags)).toEqual({ x: 'local' });
  });
});
