/**
 * Hook inputs as each agent sends them, one module per agent, built from the
 * shapes in the agent's documentation or source (cited in each file). Each
 * exports `shell` (a shell command), `write` (a whole file written), `edit`
 * (a replacement in a file) and `other` (a tool the hook does not judge).
 */
import type { AgentName } from '../../src/hook/agents';
import * as amp from './amp';
import * as claudeCode from './claude-code';
import * as cline from './cline';
import * as codex from './codex';
import * as continueCli from './continue';
import * as copilot from './copilot';
import * as cursor from './cursor';
import * as gemini from './gemini';
import * as kiro from './kiro';
import * as opencode from './opencode';
import * as windsurf from './windsurf';

export interface AgentInputs {
  /** The input, and for Amp the environment the delegate program gets. */
  shell(command: string, cwd: string): Sample;
  write(file: string, content: string, cwd: string): Sample;
  edit(file: string, oldText: string, newText: string, cwd: string): Sample;
  other(cwd: string): Sample;
}

export interface Sample {
  readonly input: unknown;
  readonly env?: Record<string, string>;
}

export const AGENT_INPUTS: Record<AgentName, AgentInputs> = {
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
