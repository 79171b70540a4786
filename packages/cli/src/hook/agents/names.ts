/**
 * The names `deadbolt hook AGENT` accepts, without loading any adapter (the
 * command line checks a name before the adapter is loaded). The registry,
 * `index.ts`, maps each to its adapter.
 */
export const AGENT_NAMES = [
  'claude-code',
  'codex',
  'cursor',
  'gemini',
  'copilot',
  'windsurf',
  'cline',
  'kiro',
  'continue',
  'amp',
  'opencode',
] as const;

export type AgentName = (typeof AGENT_NAMES)[number];

export function isAgentName(name: string): name is AgentName {
  return (AGENT_NAMES as readonly string[]).includes(name);
}
