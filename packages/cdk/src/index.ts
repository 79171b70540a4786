// The public API, named one by one: it is what jsii turns into the Python, Java, .NET and Go packages, so a helper
// exported for a sibling module must not become a public type by accident.
export { FindingSeverity, RuleSeverity, DataProtectionOptions } from './checks/options';
export { DataProtectionAcknowledgement, DataProtectionAcknowledgementProps } from './checks/acknowledgements';
export { DataProtectionFinding, FindingResource, FindingAcknowledgement } from './checks/finding';
export { DataProtectionChecks, DataProtectionChecksProps } from './checks/data-protection-checks';
export { DataProtectionPlugin, DataProtectionPluginProps } from './checks/data-protection-plugin';
export * from './constructs';
export {
  ProtectStatefulResources,
  ProtectStatefulResourcesProps,
  ProtectedChange,
} from './fixer/protect-stateful-resources';
export { AgentGuardrailPolicy, AgentGuardrailPolicyProps } from './guardrails/agent-guardrail-policy';
