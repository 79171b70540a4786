/**
 * The OpenCode plugin file (`.opencode/plugins/deadbolt.js`): OpenCode has no
 * command hooks, only plugins, so this small ES module runs
 * `deadbolt hook opencode` before every tool call and throws to block it.
 *
 * One export only: OpenCode calls every export of a plugin module as a plugin
 * (releases before 1.3.4 call them without checking that they are
 * functions). Anything but a clean exit 0 throws, so a missing binary, a
 * crash or a timeout blocks the call.
 * @see https://opencode.ai/docs/plugins
 */

/** Longest the plugin waits for Deadbolt before it blocks the call. */
export const OPENCODE_PLUGIN_TIMEOUT_MS = 15_000;

/**
 * The plugin's source. `command` starts Deadbolt (resolved to absolute paths
 * at install time, `[node, /abs/path/deadbolt.js]`); the plugin appends
 * `hook opencode`.
 */
export function openCodePluginSource(command: readonly string[]): string {
  if (command.length === 0) throw new Error('openCodePluginSource: the command that starts Deadbolt is empty.');
  return `// Deadbolt guard for OpenCode: blocks tool calls that would destroy infrastructure data.
// Written by \`npx deadbolt hook install --agent opencode\` (\`--user\`: for every project); check it with
// \`npx deadbolt hook doctor --agent opencode\`. Every tool call is passed to Deadbolt's OpenCode hook; anything but a
// clean "no objection" throws, which blocks it.
import { spawnSync } from "node:child_process";

const DEADBOLT = ${JSON.stringify(command)};
const TIMEOUT_MS = ${OPENCODE_PLUGIN_TIMEOUT_MS};

export const DeadboltGuard = async ({ directory }) => ({
  "tool.execute.before": async (input, output) => {
    const payload = JSON.stringify({
      tool: input && input.tool,
      sessionID: input && input.sessionID,
      callID: input && input.callID,
      args: output && output.args,
      cwd: directory,
    });
    const run = spawnSync(DEADBOLT[0], [...DEADBOLT.slice(1), "hook", "opencode"], {
      input: payload,
      encoding: "utf8",
      timeout: TIMEOUT_MS,
      maxBuffer: 16 * 1024 * 1024,
    });
    if (run.status === 0 && !run.error) return;
    const reason = typeof run.stderr === "string" ? run.stderr.trim() : "";
    const failure = run.error ? run.error.message : run.signal ? "stopped by " + run.signal : "exit code " + run.status;
    throw new Error(reason || "Deadbolt could not check this tool call (" + failure + "), so it is blocked. Run \`npx deadbolt hook doctor --agent opencode\`.");
  },
});
`;
}
