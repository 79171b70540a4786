/**
 * Precision and recall of the agent hook, measured on command lines written
 * by others: shell blocks of public repositories' READMEs and docs, and their
 * CI workflows (`extract.js` pulls them out; `README.md` says how they were
 * sorted).
 *
 * - `benign.jsonl`: everyday developer commands. None may be blocked: not
 *   "deny", and not "ask" either, because an agent without an ask turns it
 *   into a deny (a guard that stops `pytest . -q` gets uninstalled).
 * - `ask.jsonl`: real commands a human should confirm because Deadbolt
 *   cannot see what they run (a downloaded installer piped into `sh`, a
 *   script that is not in the test's empty directory, a deploy that shows no
 *   change set); each says which of those it is. They must ask: never deny,
 *   never slip through.
 * - `destructive.jsonl`: destroy-class commands from teardown sections and
 *   CI workflows, each with the decision it must get.
 *
 * Every line is analysed in an empty temporary directory, with no
 * environment, as the hook would in a fresh checkout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseCommand, type Analysis } from '../../packages/cli/src/hook/analyse';
import { cannotRunGuardedTool } from '../../packages/cli/src/hook/prefilter';
import { lexSimple } from '../../packages/cli/src/hook/shell/simple-lexer';

interface CorpusLine {
  readonly command: string;
  readonly source: string;
  /** destructive.jsonl: the decision the line must get. */
  readonly expected?: 'deny' | 'ask';
  /** destructive.jsonl: the kind of destroy. */
  readonly class?: string;
  /** ask.jsonl: why a human should confirm it. */
  readonly why?: string;
}

function load(name: string): CorpusLine[] {
  return readFileSync(path.join(__dirname, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/**
 * Destructive lines the hook does not stop yet, with what it answers: each is
 * a gap to close, not a decision. When one starts to pass, the test says so;
 * take it out of this list.
 */
const KNOWN_MISSES: Readonly<Record<string, string>> = {};

/**
 * Benign lines the hook still blocks while a fix is under way elsewhere in
 * #11, with the reason. The list only shrinks: a line listed here that is no
 * longer blocked fails the test, so that it is removed.
 */
const KNOWN_FALSE_BLOCKS: Readonly<Record<string, string>> = {};

const benign = load('benign.jsonl');
const askList = load('ask.jsonl');
const destructive = load('destructive.jsonl');

let cwd: string;
const analysed = new Map<string, Analysis>();

async function analyse(line: CorpusLine): Promise<Analysis> {
  const a = await analyseCommand(line.command, { cwd, env: {} });
  analysed.set(line.command, a);
  return a;
}

const shown = (line: CorpusLine, a: Analysis): string => `${JSON.stringify(line.command)} (${line.source}): ${a.decision}${a.reason ? ` — ${a.reason.slice(0, 240)}` : ''}`;

beforeAll(() => {
  cwd = mkdtempSync(path.join(os.tmpdir(), 'deadbolt-corpus-'));
});

afterAll(() => {
  rmSync(cwd, { recursive: true, force: true });
  const blocked = benign.filter((l) => analysed.get(l.command)?.decision !== 'allow').length;
  const known = benign.filter((l) => analysed.get(l.command)?.decision !== 'allow' && Object.prototype.hasOwnProperty.call(KNOWN_FALSE_BLOCKS, l.command)).length;
  const stopped = destructive.filter((l) => analysed.get(l.command)?.decision !== 'allow').length;
  const exact = destructive.filter((l) => analysed.get(l.command)?.decision === l.expected).length;
  const readers = { prefilter: 0, simple: 0, parser: 0 };
  for (const l of benign) {
    const a = analysed.get(l.command);
    if (a) readers[a.reader]++;
  }
  console.log(
    `benign: ${benign.length} lines, ${blocked} blocked (${known} of them known, being fixed; read by the pre-filter ${readers.prefilter}, the simple lexer ${readers.simple}, the parser ${readers.parser}); ` +
      `ask list: ${askList.length} lines; destructive: ${destructive.length} lines, ${stopped} stopped, ${exact} as expected`,
  );
});

describe('the corpora', () => {
  test('are large enough, without duplicates, and every line names its source', () => {
    expect(benign.length).toBeGreaterThanOrEqual(1000);
    expect(destructive.length).toBeGreaterThanOrEqual(150);
    const all = [...benign, ...askList, ...destructive];
    expect(new Set(all.map((l) => l.command)).size).toBe(all.length);
    for (const l of all) expect(l.source).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:\S/);
    for (const l of destructive) expect(['deny', 'ask']).toContain(l.expected);
    for (const l of askList) expect(l.why).toBeTruthy();
  });
});

describe('precision: everyday commands written by others', () => {
  test('no benign line is blocked (neither deny nor ask)', async () => {
    const blocked: string[] = [];
    const fixed: string[] = [];
    for (const line of benign) {
      const a = await analyse(line);
      const known = Object.prototype.hasOwnProperty.call(KNOWN_FALSE_BLOCKS, line.command);
      if (a.decision !== 'allow' && !known) blocked.push(shown(line, a));
      if (a.decision === 'allow' && known) fixed.push(`${JSON.stringify(line.command)} is allowed now: remove it from KNOWN_FALSE_BLOCKS`);
    }
    expect(blocked).toEqual([]);
    expect(fixed).toEqual([]);
  });

  test('the lines a human should confirm ask, and are never denied or let through', async () => {
    const wrong: string[] = [];
    for (const line of askList) {
      const a = await analyse(line);
      if (a.decision !== 'ask') wrong.push(`${shown(line, a)} [listed as: ${line.why}]${a.decision === 'allow' ? ' — if that is right, move it to benign.jsonl' : ''}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('recall: destroy-class commands written by others', () => {
  test('every destructive line gets its expected decision', async () => {
    const wrong: string[] = [];
    const closed: string[] = [];
    for (const line of destructive) {
      const a = await analyse(line);
      const known = Object.prototype.hasOwnProperty.call(KNOWN_MISSES, line.command);
      if (a.decision !== line.expected && !known) wrong.push(`${shown(line, a)} [expected ${line.expected}: ${line.class}]`);
      if (a.decision === line.expected && known) closed.push(`${JSON.stringify(line.command)} is ${a.decision} now: remove it from KNOWN_MISSES`);
    }
    expect(wrong).toEqual([]);
    expect(closed).toEqual([]);
  });
});

describe('the three readers agree on real lines', () => {
  const every = (): CorpusLine[] => [...benign, ...askList, ...destructive];

  test('the pre-filter passes only lines the full analysis allows', async () => {
    const wrong: string[] = [];
    for (const line of every()) {
      if (!cannotRunGuardedTool(line.command)) continue;
      const a = await analyseCommand(line.command, { cwd, env: {}, reader: 'parser' });
      if (a.decision !== 'allow') wrong.push(shown(line, a));
    }
    expect(wrong).toEqual([]);
  });

  test('the simple lexer and the parser decide alike on every line the lexer reads', async () => {
    const wrong: string[] = [];
    let read = 0;
    for (const line of every()) {
      if (!lexSimple(line.command)) continue;
      read++;
      const simple = await analyseCommand(line.command, { cwd, env: {}, reader: 'simple' });
      const parser = await analyseCommand(line.command, { cwd, env: {}, reader: 'parser' });
      if (simple.decision !== parser.decision) wrong.push(`${JSON.stringify(line.command)}: simple ${simple.decision}, parser ${parser.decision}`);
    }
    expect(read).toBeGreaterThan(1000);
    expect(wrong).toEqual([]);
  });
});
