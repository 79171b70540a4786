import * as qldb from 'aws-cdk-lib/aws-qldb';
import { ofRule, synthFindings } from '../synth-helper';

// aws-cdk-lib has only the L1 `CfnLedger` for QLDB.
describe('qldb-deletion-protection on real CDK apps', () => {
  test('a CfnLedger with CDK defaults keeps the service default (true) and passes', () => {
    expect(
      ofRule(
        synthFindings((stack) => {
          new qldb.CfnLedger(stack, 'Ledger', { permissionsMode: 'STANDARD' });
        }),
        'qldb-deletion-protection',
      ),
    ).toEqual([]);
  });

  test('deletionProtection: false is found', () => {
    const [f] = ofRule(
      synthFindings((stack) => {
        new qldb.CfnLedger(stack, 'Ledger', { permissionsMode: 'STANDARD', deletionProtection: false });
      }),
      'qldb-deletion-protection',
    );
    expect(f.resource.path).toBe('Test/Ledger');
    expect(f.message).toBe('DeletionProtection is false; it must be true.');
    expect(f.fix).toMatch(/`deletionProtection: true` on the `qldb\.CfnLedger`/);
  });

  test('an override that turns it off is caught', () => {
    const findings = synthFindings((stack) => {
      const ledger = new qldb.CfnLedger(stack, 'Ledger', { permissionsMode: 'STANDARD', deletionProtection: true });
      ledger.addPropertyOverride('DeletionProtection', 'false');
    });
    expect(ofRule(findings, 'qldb-deletion-protection')[0].message).toBe(
      'DeletionProtection is "false"; it must be true.',
    );
  });
});
