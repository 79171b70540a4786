import { InputError } from '../dialects/errors';
import { detectPlanFormat, parsePlanText, readPlan } from './read-plan';
import { changeSet, fixture, pulumiPreview, terraformPlan } from './testing';

describe('detectPlanFormat', () => {
  test.each([
    ['terraform-safe', 'terraform-plan'],
    ['pulumi-preview', 'pulumi-preview'],
    ['change-set', 'change-set'],
    ['template-before', undefined],
  ])('%s is %s', (name, format) => {
    expect(detectPlanFormat(fixture(name))).toBe(format);
  });

  test('an empty change set and an empty Pulumi preview are recognised', () => {
    expect(detectPlanFormat(changeSet([]))).toBe('change-set');
    expect(detectPlanFormat(pulumiPreview([]))).toBe('pulumi-preview');
    expect(detectPlanFormat(terraformPlan([]))).toBe('terraform-plan');
  });
});

describe('parsePlanText and readPlan: unreadable input is an InputError with a hint', () => {
  test.each([
    ['truncated JSON', '{"format_version": "1.2", "resource_changes": [', /not valid JSON/],
    ['an empty file', '  \n', /the file is empty/],
    [
      'a binary plan file',
      'PK\u0003\u0004\u0014\u0000\u0000',
      /binary Terraform plan file; gate its JSON: `terraform show -json tfplan > plan.json`/,
    ],
    [
      'terraform plan -json log lines',
      '{"@level":"info","@message":"Terraform 1.9.5","type":"version"}\n{"@level":"info","type":"planned_change"}\n',
      /`terraform plan -json` log output/,
    ],
  ])('%s', (_name, text, message) => {
    expect(() => parsePlanText(text, 'plan.json')).toThrow(InputError);
    expect(() => parsePlanText(text, 'plan.json')).toThrow(message);
  });

  test.each([
    [
      'a CloudFormation template',
      fixture('template-before'),
      /a CloudFormation template, not a plan; compare two templates with `--before OLD --after NEW`/,
    ],
    [
      'JSON of no known format',
      { hello: 'world' },
      /not a Terraform plan .*, a Pulumi preview .* or a CloudFormation change set/,
    ],
    ['an array', [1, 2], /not a Terraform plan/],
    ['null', null, /not a Terraform plan/],
  ])('%s', (_name, doc, message) => {
    expect(() => readPlan(doc, 'plan.json')).toThrow(InputError);
    expect(() => readPlan(doc, 'plan.json')).toThrow(message);
  });

  test('a byte order mark is skipped', () => {
    expect(parsePlanText('\ufeff{"a":1}')).toEqual({ a: 1 });
  });
});
