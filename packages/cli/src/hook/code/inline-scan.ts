/**
 * A quick reading of program text that the code readers (`python.ts`,
 * `javascript.ts`) do not parse: inline code of other languages, and the
 * fallback when a file is too large to parse. It finds names of guarded tools
 * (also broken up by quotes and concatenation), process-starting calls, and
 * signs of decoded or computed strings.
 */
/** Names in inline code or a script that point at a guarded tool. */
export function mentionsGuardedTool(code: string): boolean {
  if (/\b(terraform|tofu|terragrunt|pulumi|cdktf|cdk)\b/i.test(code)) return true;
  if (/\baws\s+[a-z0-9-]+\s+[a-z]/i.test(code)) return true;
  // Broken up by quotes, concatenation or escapes: 'terr' + 'aform'.
  const squashed = code.replace(/['"`+,\s\\()[\]]/g, '').toLowerCase();
  return /terraform|terragrunt|pulumi|cdktf/.test(squashed);
}

export const EXEC_PRIMITIVE =
  /\b(system|exec[A-Za-z]*|spawn[A-Za-z]*|popen|Popen|subprocess|child_process|execSync|execFile|shell_exec|passthru|proc_open|Runtime|ProcessBuilder|pty|Deno\.Command|Bun\.spawn|Bun\.\$|os\.exec[a-z]*|IO\.popen|Open3|Process\.Start|Start-Process|Invoke-Expression|iex|do shell script)\b|\bqx\s*[({'"/|]|open\s*\(\s*["']\|/;
export const OBFUSCATION =
  /base64|b64decode|atob|fromCharCode|Buffer\.from|\bchr\s*\(|\\x[0-9a-f]{2}|\\u00|unhexlify|fromhex|\.decode\s*\(|codecs|rot13|rot_13|reverse|\[::-1\]|\bpack\s*\(|\beval\b|__import__|getattr|importlib|compile\s*\(|FromBase64String|-join|\bjoin\s*\(/i;

/** String literals in program text (single, double and back quotes). */
export function stringLiterals(code: string): string[] {
  const out: string[] = [];
  const re = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.push((m[1] ?? m[2] ?? m[3]).replace(/\\(["'\\`])/g, '$1'));
  return out;
}
