/**
 * What every adapter shares: read the input, judge the calls under a
 * watchdog, answer. An adapter file only says how its agent's input is read
 * (`read`) and how a decision is written (`answer`, `pass`); this file makes
 * sure every path out of it is an answer the agent understands, and that
 * every failure (unreadable input, an analysis that throws, one that does not
 * answer in time) is a block.
 */
import { judgeToolCalls, type ToolCall, type Verdict } from './core';
import { hookTimeoutMs } from './timeout';
import { InputError } from './tool-calls';
import type { AgentAdapter, AgentName, HookIo, HookOutcome } from './types';

/** What the adapter read out of the agent's input. */
export interface Reading {
  readonly calls: readonly ToolCall[];
  /** The directory the tool runs in, when the input says. */
  readonly cwd?: string;
}

export interface AdapterSpec {
  readonly name: AgentName;
  readonly title: string;
  readonly docs: string;
  /**
   * True when the agent's "ask" reliably stops and asks a person. Otherwise a
   * would-be ask is a deny that tells the person how to run the command
   * themselves.
   */
  readonly canAsk: boolean;
  /** Reads the calls to judge; throws InputError (worded for the user) when the input cannot be read. */
  read(input: string, env: HookIo['env']): Reading;
  /** Writes a decision in the agent's terms; returns the exit code. Synchronous: the watchdog and crash handler call it. */
  answer(decision: 'deny' | 'ask', reason: string, io: HookIo, args: readonly string[]): number;
  /** Writes "no objection" (usually nothing); returns the exit code. */
  pass(io: HookIo, args: readonly string[]): number;
  /** Answers unreadable input (default: `answer('deny', …)`). */
  unreadable?(message: string, io: HookIo, args: readonly string[]): number;
  /** Rejects words after `deadbolt hook NAME` the adapter does not take (default: any word). */
  checkArgs?(args: readonly string[], io: HookIo): string | undefined;
  probeInput(command: string, cwd: string): string;
  blocked(outcome: HookOutcome): boolean;
}

/** The reason for a block after the watchdog fired. */
export function timeoutReason(ms: number): string {
  return `Deadbolt did not finish analysing this tool call within ${ms} ms, so it blocks it: a guard that cannot decide does not let commands through. If the command is safe, run it yourself in a terminal, or raise DEADBOLT_HOOK_TIMEOUT_MS.`;
}

/** Longest command quoted back to the person in a "run it yourself" reason. */
const MAX_QUOTED = 500;

/**
 * A would-be ask, for an agent without a reliable ask: a deny whose reason
 * says that a person decides, and how.
 */
export function askAsDeny(reason: string, call: ToolCall | undefined, title: string): string {
  const how =
    call?.kind === 'shell'
      ? `If you intend this, run it yourself in a terminal: \`${call.command.length > MAX_QUOTED ? `${call.command.slice(0, MAX_QUOTED)}…` : call.command}\``
      : call?.kind === 'write' || call?.kind === 'edit'
        ? `If you intend this change, make it yourself in your editor (\`${call.path}\`).`
        : 'If you intend this, do it yourself outside the agent.';
  return `${reason} (Deadbolt would ask a person here; ${title} cannot be relied on to ask, so Deadbolt blocks instead. ${how})`;
}

export function defineAdapter(spec: AdapterSpec): AgentAdapter {
  const deny = (reason: string, io: HookIo, args: readonly string[] = []): number =>
    spec.answer('deny', reason, io, args);
  return {
    name: spec.name,
    title: spec.title,
    docs: spec.docs,
    deny,
    probeInput: spec.probeInput,
    blocked: spec.blocked,
    async run(input: string, io: HookIo, args: readonly string[] = []): Promise<number> {
      try {
        const bad = spec.checkArgs ? spec.checkArgs(args, io) : args[0];
        if (bad !== undefined)
          return deny(
            `Deadbolt: the ${spec.title} hook does not take \`${bad}\`; blocking this tool call. Check the hook command (\`npx deadbolt hook install --agent ${spec.name} --print\`).`,
            io,
            [],
          );
        let reading: Reading;
        try {
          reading = spec.read(input, io.env);
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          const message = `deadbolt hook: ${e.message}. Blocking this tool call: a guard that cannot read its input does not let commands through. Check the hook command in the ${spec.title} settings (\`npx deadbolt hook install --agent ${spec.name} --print\`).`;
          return spec.unreadable ? spec.unreadable(message, io, args) : deny(message, io, args);
        }
        const verdict = await judgeWithin(reading, io.env);
        if (verdict === 'timeout') return deny(timeoutReason(hookTimeoutMs(io.env)), io, args);
        if (verdict instanceof Error) {
          const why = `Deadbolt could not analyse this tool call (${verdict.message.split('\n')[0]})`;
          const first = reading.calls.find((c) => c.kind !== 'other');
          if (spec.canAsk)
            return spec.answer('ask', `${why}, so a person has to decide whether it is safe to run.`, io, args);
          return deny(askAsDeny(`${why}, so it blocks it.`, first, spec.title), io, args);
        }
        if (verdict.decision === 'allow') return spec.pass(io, args);
        const reason = verdict.reason ?? 'Deadbolt blocked this tool call.';
        if (verdict.decision === 'deny' || spec.canAsk) return spec.answer(verdict.decision, reason, io, args);
        return deny(askAsDeny(reason, verdict.call, spec.title), io, args);
      } catch (e) {
        // Never a crash exit the agent would treat as "run anyway".
        return deny(
          `Deadbolt failed while checking this tool call (${(e as Error)?.message?.split('\n')[0] ?? String(e)}), so it blocks it.`,
          io,
          args,
        );
      }
    },
  };
}

/** The verdict, the analysis's error, or `timeout` when the watchdog fires first. */
async function judgeWithin(reading: Reading, env: HookIo['env']): Promise<Verdict | Error | 'timeout'> {
  const ms = hookTimeoutMs(env);
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([
      judgeToolCalls(reading.calls, { cwd: reading.cwd, env }).catch((e: unknown) =>
        e instanceof Error ? e : new Error(String(e)),
      ),
      watchdog,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Exit 2 with the reason on stderr: the block of Windsurf, Kiro, Codex, Amp and Claude Code's `--exit-code`. */
export function exitTwo(reason: string, io: HookIo): number {
  io.stderr.write(`${reason.trim() || 'Deadbolt blocked this tool call.'}\n`);
  return 2;
}

/** True when an exit-2 adapter blocked. */
export function blockedByExitTwo(outcome: HookOutcome): boolean {
  return outcome.exitCode === 2 && outcome.stderr.trim() !== '';
}

/** Parses an adapter's stdout as a JSON object, or undefined. */
export function stdoutJson(outcome: HookOutcome): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(outcome.stdout);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
