import { cloudFormationDocument } from '../dialects/cloudformation';
import { ruleById, RULE_IDS } from '../rules';
import {
  closestRuleId,
  DEFAULT_MAXIMUM_ACKNOWLEDGEMENT_DAYS,
  maximumAcknowledgementDaysProblem,
  readCdkAcknowledgementId,
  refusal,
  unknownMetadataAcknowledgements,
  unknownRuleIdProblem,
} from './acknowledgements';
import { evaluate } from './evaluate';

const NOW = new Date('2026-06-01T12:00:00Z');
const RULE = 'rds-deletion-protection';

/** A template whose database acknowledges `rds-deletion-protection` with `ack`. */
function acknowledged(ack: Record<string, unknown>) {
  return cloudFormationDocument({
    id: 'Stack',
    template: {
      Resources: {
        Db: { Type: 'AWS::RDS::DBInstance', Properties: {}, Metadata: { deadbolt: { acknowledge: [ack] } } },
      },
    },
  });
}

describe('acknowledgements: the closest rule id', () => {
  test('a misspelt id, a wrong case or the CDK prefix finds the rule it meant', () => {
    expect(closestRuleId('rds-deletion-protectoin')).toBe(RULE);
    expect(closestRuleId('RDS-Deletion-Protection')).toBe(RULE);
    expect(closestRuleId('deadbolt::dynamodb-point-in-time-recover')).toBe('dynamodb-point-in-time-recovery');
  });

  test('an id far from every rule id has no suggestion', () => {
    expect(closestRuleId('something-else-entirely-unrelated')).toBeUndefined();
    expect(closestRuleId('x'.repeat(10_000))).toBeUndefined();
  });

  test('the problem names the id and the closest rule, or says where the ids are listed', () => {
    expect(unknownRuleIdProblem(RULE)).toBeUndefined();
    expect(unknownRuleIdProblem(`deadbolt::${RULE}`)).toBeUndefined();
    expect(unknownRuleIdProblem('rds-deletion-protectoin')).toBe(
      'unknown rule id "rds-deletion-protectoin"; did you mean `rds-deletion-protection`? (`npx deadbolt rules` lists them)',
    );
    expect(unknownRuleIdProblem('qqqq')).toBe('unknown rule id "qqqq"; `npx deadbolt rules` lists the rule ids.');
    // Every id of the catalogue is its own closest id.
    for (const id of RULE_IDS) expect(closestRuleId(id)).toBe(id);
  });
});

describe('acknowledgements: the maximum expiry', () => {
  const ack = (expires?: string) => ({ ruleId: RULE, reason: 'Scratch copy.', expires, source: 'Db' });

  test(`an expiry up to ${DEFAULT_MAXIMUM_ACKNOWLEDGEMENT_DAYS} days ahead holds; one day more is refused, stating the maximum`, () => {
    expect(refusal(ack('2026-08-30'), NOW)).toBeUndefined();
    expect(refusal(ack('2026-08-31'), NOW)).toBe(
      'the acknowledgement of rds-deletion-protection expires on 2026-08-31, more than 90 days ahead, the maximum (`maximumAcknowledgementDays`): use a date no later than 2026-08-30, and renew it then.',
    );
    expect(refusal(ack('2999-12-31'), NOW)).toMatch(/more than 90 days ahead/);
  });

  test('a timestamp may be at most the maximum in hours from now', () => {
    expect(refusal(ack('2026-08-30T12:00:00Z'), NOW)).toBeUndefined();
    expect(refusal(ack('2026-08-30T12:00:01Z'), NOW)).toMatch(/more than 90 days ahead/);
  });

  test('the maximum is configurable, and the refusal names how the front end sets it', () => {
    expect(refusal(ack('2026-06-10'), NOW, { maximumDays: 7 })).toMatch(
      /expires on 2026-06-10, more than 7 days ahead, the maximum \(`maximumAcknowledgementDays`\): use a date no later than 2026-06-08/,
    );
    expect(refusal(ack('2026-06-10'), NOW, { maximumDays: 7, maximumOption: '`--max-acknowledgement-days`' })).toMatch(
      /the maximum \(`--max-acknowledgement-days`\)/,
    );
    expect(refusal(ack('2027-05-31'), NOW, { maximumDays: 365 })).toBeUndefined();
  });

  test('an acknowledgement without an expiry holds until it is removed', () => {
    expect(refusal(ack(undefined), NOW)).toBeUndefined();
  });

  test('a problem found when the acknowledgement was read refuses it, whatever its reason and date', () => {
    expect(refusal({ ...ack(undefined), problem: 'it names two resources.' }, NOW)).toBe('it names two resources.');
  });

  test('the option is a whole number of days from 1 to 365', () => {
    expect(maximumAcknowledgementDaysProblem(undefined, 'maximumAcknowledgementDays')).toBeUndefined();
    expect(maximumAcknowledgementDaysProblem(30, 'maximumAcknowledgementDays')).toBeUndefined();
    for (const bad of [0, -1, 1.5, 366, Infinity, '30'])
      expect(maximumAcknowledgementDaysProblem(bad, 'maximumAcknowledgementDays')).toBe(
        `\`maximumAcknowledgementDays\` must be a whole number of days from 1 to 365; got ${JSON.stringify(bad)}.`,
      );
  });

  test('the engine refuses a template acknowledgement dated too far ahead: the finding stays an error', () => {
    const rules = [ruleById(RULE)!];
    const far = evaluate(
      { documents: [acknowledged({ id: RULE, reason: 'Scratch copy.', expires: '2027-06-01' })] },
      { rules, now: NOW },
    );
    expect(far.findings[0]).toMatchObject({
      severity: 'error',
      acknowledgementRefused: expect.stringMatching(/more than 90 days ahead, the maximum/),
    });
    const raised = evaluate(
      { documents: [acknowledged({ id: RULE, reason: 'Scratch copy.', expires: '2027-06-01' })] },
      { rules, now: NOW, maximumAcknowledgementDays: 365 },
    );
    expect(raised.findings[0]).toMatchObject({ severity: 'info', acknowledged: { expires: '2027-06-01' } });
  });
});

describe('acknowledgements: ids CDK records', () => {
  test('`deadbolt::<rule>` is the one accepted form', () => {
    expect(readCdkAcknowledgementId(`deadbolt::${RULE}`)).toEqual({ kind: 'rule', ruleId: RULE });
  });

  test('a rule id without the prefix (CDK files it as `Annotation::<rule>`) is refused, saying the form to write', () => {
    for (const id of [RULE, `Annotation::${RULE}`]) {
      expect(readCdkAcknowledgementId(id)).toEqual({
        kind: 'unprefixed',
        ruleId: RULE,
        problem: expect.stringContaining(`write \`{ id: 'deadbolt::${RULE}', reason: '…' }\``),
      });
    }
  });

  test('`deadbolt::<typo>` and an unprefixed near-miss are unknown, with the closest id in its accepted form', () => {
    expect(readCdkAcknowledgementId('deadbolt::rds-deletion-protectoin')).toEqual({
      kind: 'unknown',
      problem:
        '`deadbolt::rds-deletion-protectoin` names an unknown rule id "rds-deletion-protectoin"; did you mean `deadbolt::rds-deletion-protection`? (`npx deadbolt rules` lists them)',
    });
    expect(readCdkAcknowledgementId('Annotation::rds-deletion-protectoin')).toMatchObject({
      kind: 'unknown',
      problem: expect.stringContaining('did you mean `deadbolt::rds-deletion-protection`?'),
    });
  });

  test("another plugin's id, a CDK warning's id and a refusal marker are not read as acknowledgements", () => {
    expect(readCdkAcknowledgementId('CloudFormation-Validate::W9008')).toEqual({ kind: 'other' });
    expect(readCdkAcknowledgementId('Annotation::@aws-cdk/aws-ec2:noSubnetRouteTableId')).toEqual({ kind: 'other' });
    expect(readCdkAcknowledgementId(`deadbolt::${RULE}[acknowledgement-refused]`)).toEqual({ kind: 'refused-marker' });
  });
});

describe('acknowledgements: unknown rule ids in template metadata', () => {
  test('are listed with where they are written and the closest id', () => {
    const doc = acknowledged({ id: 'rds-deletion-protectoin', reason: 'Scratch copy.' });
    const [u] = unknownMetadataAcknowledgements({ documents: [doc] });
    expect(u.resource?.logicalId).toBe('Db');
    expect(u.problem).toBe(
      'unknown rule id "rds-deletion-protectoin"; did you mean `rds-deletion-protection`? (`npx deadbolt rules` lists them)',
    );
    expect(unknownMetadataAcknowledgements({ documents: [acknowledged({ id: RULE, reason: 'x' })] })).toEqual([]);
  });
});
