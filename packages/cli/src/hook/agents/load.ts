/**
 * One adapter, loaded alone: the hook runs before every tool call, and
 * loading all eleven adapters (the registry, `index.ts`) costs milliseconds
 * each call. Adding an agent: a line here too.
 */
import type { AgentAdapter, AgentName } from './types';

export function loadAgentAdapter(name: AgentName): AgentAdapter {
  switch (name) {
    case 'claude-code':
      return (require('./claude-code') as typeof import('./claude-code')).claudeCode;
    case 'codex':
      return (require('./codex') as typeof import('./codex')).codex;
    case 'cursor':
      return (require('./cursor') as typeof import('./cursor')).cursor;
    case 'gemini':
      return (require('./gemini') as typeof import('./gemini')).gemini;
    case 'copilot':
      return (require('./copilot') as typeof import('./copilot')).copilot;
    case 'windsurf':
      return (require('./windsurf') as typeof import('./windsurf')).windsurf;
    case 'cline':
      return (require('./cline') as typeof import('./cline')).cline;
    case 'kiro':
      return (require('./kiro') as typeof import('./kiro')).kiro;
    case 'continue':
      return (require('./continue') as typeof import('./continue')).continueCli;
    case 'amp':
      return (require('./amp') as typeof import('./amp')).amp;
    case 'opencode':
      return (require('./opencode') as typeof import('./opencode')).opencode;
  }
}
