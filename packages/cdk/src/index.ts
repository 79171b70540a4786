export * from './checks';
export * from './constructs';
export * from './fixer/protect-stateful-resources';
export * from './guardrails/agent-guardrail-policy';
