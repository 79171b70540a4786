/**
 * The agent adapters (`hook/agents/<name>.ts`) as `install` and `doctor` use
 * them: the adapter's own block for "the guard is missing", and its probe
 * input and reading of the outcome for `doctor`.
 */
import type { AgentAdapter, AgentName, HookIo, HookOutcome } from '../agents/types';

/** The adapter of an agent, or `undefined` when this build has none. */
export async function loadAdapter(agent: AgentName): Promise<AgentAdapter | undefined> {
  const { agentAdapter } = await import('../agents/index');
  return agentAdapter(agent);
}

/**
 * The block for agents whose adapter is not in this build, from their
 * documented protocols: exit 2 with the reason on stderr blocks in all of
 * them; Cursor, Copilot and Cline also read a JSON answer on stdout.
 */
function documentedDeny(agent: AgentName, reason: string): HookOutcome {
  switch (agent) {
    case 'cursor':
      return {
        stdout: `${JSON.stringify({ permission: 'deny', user_message: reason, agent_message: reason })}\n`,
        stderr: `${reason}\n`,
        exitCode: 2,
      };
    case 'copilot':
      return {
        stdout: `${JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: reason })}\n`,
        stderr: `${reason}\n`,
        exitCode: 2,
      };
    case 'cline':
      return { stdout: `${JSON.stringify({ cancel: true, errorMessage: reason })}\n`, stderr: '', exitCode: 0 };
    default:
      return { stdout: '', stderr: `${reason}\n`, exitCode: 2 };
  }
}

/** What the agent must see to block a tool call with `reason`: the adapter's own answer when there is one. */
export async function denyOutcome(agent: AgentName, reason: string): Promise<HookOutcome> {
  const adapter = await loadAdapter(agent);
  if (!adapter) return documentedDeny(agent, reason);
  let stdout = '';
  let stderr = '';
  const io: HookIo = {
    stdout: {
      write: (t: string) => {
        stdout += t;
      },
    },
    stderr: {
      write: (t: string) => {
        stderr += t;
      },
    },
    env: {},
  };
  const exitCode = adapter.deny(reason, io);
  return { stdout, stderr, exitCode };
}
