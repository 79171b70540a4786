import { App, AspectPriority, Aspects, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { DataProtectionChecks } from '../../src';
import { acknowledgementCall, hostLanguage } from '../../src/checks/host-language';
import { ENV } from '../synth-helper';

describe('the app language, from JSII_AGENT as each jsii binding sets it', () => {
  test.each([
    [undefined, 'typescript'],
    ['', 'typescript'],
    ['Python/3.11.7', 'python'],
    ['Java/17.0.15', 'java'],
    ['DotNet/8.0.1/.NETCoreApp,Version=v8.0/1.0.0.0', 'dotnet'],
    ['go1.25.1/linux/amd64', 'go'],
    ['node.js/v20.20.2', 'typescript'],
  ])('%p is %s', (agent, language) => {
    expect(hostLanguage(agent)).toBe(language);
  });

  test('the acknowledgement call in each language builds the Acknowledgment struct (a variadic argument: no kwargs)', () => {
    const call = (l: Parameters<typeof acknowledgementCall>[2]) =>
      acknowledgementCall('<construct at Shop/Carts/Resource>', 'deadbolt::dynamodb-deletion-protection', l);
    expect(call('typescript')).toBe(
      "Validations.of(<construct at Shop/Carts/Resource>).acknowledge({ id: 'deadbolt::dynamodb-deletion-protection', reason: '<why the risk is accepted>' })",
    );
    expect(call('python')).toBe(
      'Validations.of(<construct at Shop/Carts/Resource>).acknowledge(Acknowledgment(id="deadbolt::dynamodb-deletion-protection", reason="<why the risk is accepted>"))',
    );
    expect(call('java')).toBe(
      'Validations.of(<construct at Shop/Carts/Resource>).acknowledge(Acknowledgment.builder().id("deadbolt::dynamodb-deletion-protection").reason("<why the risk is accepted>").build())',
    );
    expect(call('dotnet')).toBe(
      'Validations.Of(<construct at Shop/Carts/Resource>).Acknowledge(new Acknowledgment { Id = "deadbolt::dynamodb-deletion-protection", Reason = "<why the risk is accepted>" })',
    );
    expect(call('go')).toBe(
      'awscdk.Validations_Of(<construct at Shop/Carts/Resource>).Acknowledge(&awscdk.Acknowledgment{Id: jsii.String("deadbolt::dynamodb-deletion-protection"), Reason: jsii.String("<why the risk is accepted>")})',
    );
  });

  describe('a finding in a Python app', () => {
    const saved = process.env.JSII_AGENT;
    afterEach(() => {
      if (saved === undefined) delete process.env.JSII_AGENT;
      else process.env.JSII_AGENT = saved;
    });

    function synthCarts() {
      const app = new App({ builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Shop', { env: ENV, terminationProtection: true });
      new dynamodb.Table(stack, 'Carts', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
      const checks = new DataProtectionChecks();
      Aspects.of(app).add(checks, { priority: AspectPriority.READONLY });
      const assembly = app.synth();
      const messages = assembly
        .getStackByName('Shop')
        .messages.filter((m) => m.id === '/Shop/Carts/Resource')
        .map((m) => String(m.entry.data));
      return { finding: checks.findings.find((f) => f.ruleId === 'dynamodb-deletion-protection')!, messages };
    }

    test('says how to acknowledge it in Python, and how the fix names are spelled there', () => {
      process.env.JSII_AGENT = 'Python/3.11.7';
      const { finding, messages } = synthCarts();
      expect(finding.acknowledgeWith).toBe(
        'Validations.of(<construct at Shop/Carts/Resource>).acknowledge(Acknowledgment(id="deadbolt::dynamodb-deletion-protection", reason="<why the risk is accepted>"))',
      );
      expect(finding.fix).toMatch(/\(Names as TypeScript writes them: in Python, the same names in snake_case/);
      // The annotation `cdk synth` prints says the same.
      expect(messages.join('\n')).toContain(finding.acknowledgeWith);
    });

    test('a Node.js app gets the TypeScript call, unchanged', () => {
      delete process.env.JSII_AGENT;
      const { finding } = synthCarts();
      expect(finding.acknowledgeWith).toBe(
        "Validations.of(<construct at Shop/Carts/Resource>).acknowledge({ id: 'deadbolt::dynamodb-deletion-protection', reason: '<why the risk is accepted>' })",
      );
      expect(finding.fix).not.toContain('Names as TypeScript writes them');
    });
  });
});
