/** Helpers for the gate's tests: fixtures and one-change plans in each format. */
import * as fs from 'fs';
import * as path from 'path';
import type { GatePlan } from './changes';
import { parsePlanText, readPlan, runGate, type GateOptions, type GateReport } from './read-plan';

export const FIXTURES = path.join(__dirname, 'fixtures');

/** The parsed fixture `name` (without `.json`). */
export function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8'));
}

/** Reads the fixture as the CLI does. */
export function planOf(name: string): GatePlan {
  const file = path.join(FIXTURES, `${name}.json`);
  return readPlan(parsePlanText(fs.readFileSync(file, 'utf8'), file), file);
}

export function gateOf(doc: unknown, options?: GateOptions): GateReport {
  return runGate(readPlan(doc, 'test.json'), options);
}

/** Addresses of the blocked changes. */
export function blockedOf(report: GateReport): string[] {
  return report.blocked.map((b) => b.change.address);
}

/** A Terraform plan (format 1.2) of the given `resource_changes`. */
export function terraformPlan(changes: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: {} },
    resource_changes: changes,
    applyable: true,
    complete: true,
    errored: false,
    ...extra,
  };
}

/** One `resource_changes` entry. */
export function tfChange(
  type: string,
  name: string,
  actions: string[],
  before: unknown,
  after: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const { change: changeExtra, ...rest } = extra as { change?: Record<string, unknown> };
  return {
    address: `${type}.${name}`,
    mode: 'managed',
    type,
    name,
    provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions, before, after, after_unknown: {}, before_sensitive: {}, after_sensitive: {}, ...changeExtra },
    ...rest,
  };
}

/** A Pulumi preview of the given steps. */
export function pulumiPreview(steps: unknown[]): Record<string, unknown> {
  return { config: {}, steps, changeSummary: {} };
}

export function pulumiUrn(type: string, name: string): string {
  return `urn:pulumi:prod::app::pulumi:pulumi:Stack$${type}::${name}`;
}

export function pulumiStep(
  op: string,
  type: string,
  name: string,
  old?: Record<string, unknown>,
  neu?: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const urn = pulumiUrn(type, name);
  const state = (s: Record<string, unknown>) => ({ urn, custom: true, type, inputs: {}, outputs: {}, ...s });
  return {
    op,
    urn,
    provider: 'urn:pulumi:prod::app::pulumi:providers:aws::default::1',
    ...(old ? { oldState: state(old) } : {}),
    ...(neu ? { newState: state(neu) } : {}),
    detailedDiff: null,
    ...extra,
  };
}

/** A described change set of the given resource changes. */
export function changeSet(
  changes: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    Changes: changes.map((c) => ({ Type: 'Resource', ResourceChange: { Scope: [], Details: [], ...c } })),
    ChangeSetName: 'cs-1',
    ChangeSetId: 'arn:aws:cloudformation:eu-west-1:111111111111:changeSet/cs-1/1',
    StackName: 'app',
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    ...extra,
  };
}
