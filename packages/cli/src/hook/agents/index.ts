/**
 * The agents `deadbolt hook AGENT` speaks for. Adding an agent is adding its
 * adapter file and a line here.
 */
import { amp } from './amp';
import { claudeCode } from './claude-code';
import { cline } from './cline';
import { codex } from './codex';
import { continueCli } from './continue';
import { copilot } from './copilot';
import { cursor } from './cursor';
import { gemini } from './gemini';
import { kiro } from './kiro';
import { opencode } from './opencode';
import type { AgentAdapter, AgentName } from './types';
import { windsurf } from './windsurf';

export const AGENTS: Readonly<Record<AgentName, AgentAdapter>> = {
  'claude-code': claudeCode,
  codex,
  cursor,
  gemini,
  copilot,
  windsurf,
  cline,
  kiro,
  continue: continueCli,
  amp,
  opencode,
};

export { AGENT_NAMES, isAgentName } from './names';

/** The adapter for `name`, or undefined. */
export function agentAdapter(name: string): AgentAdapter | undefined {
  return Object.prototype.hasOwnProperty.call(AGENTS, name) ? AGENTS[name as AgentName] : undefined;
}

export { loadAgentAdapter } from './load';

export type { AgentAdapter, AgentName, HookIo, HookOutcome } from './types';
export { openCodePluginSource, OPENCODE_PLUGIN_TIMEOUT_MS } from './opencode-plugin';
