/**
 * Tree-sitter grammars for program text (Python, JavaScript, TypeScript),
 * from `@vscode/tree-sitter-wasm` like the Bash grammar. Each is loaded on
 * first use only: a command line whose inline code or program file has no
 * call worth reading never loads one (`precheck.ts` decides that first).
 */
import * as fs from 'fs';

/** The part of web-tree-sitter's `Node` the code readers use. */
export interface CodeNode {
  readonly type: string;
  readonly text: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly namedChildCount: number;
  readonly hasError: boolean;
  namedChild(index: number): CodeNode | null;
  childForFieldName(name: string): CodeNode | null;
}

interface CodeTree {
  readonly rootNode: CodeNode;
  delete(): void;
}

interface CodeParser {
  parse(input: string): CodeTree | null;
}

export type Grammar = 'python' | 'javascript' | 'typescript' | 'tsx';

const parsers = new Map<Grammar, Promise<CodeParser>>();

function load(grammar: Grammar): Promise<CodeParser> {
  let p = parsers.get(grammar);
  if (!p) {
    p = (async () => {
      const { treeSitterRuntime } = await import('../shell/tree-sitter-parser');
      const ts = await treeSitterRuntime();
      const language = await ts.Language.load(
        fs.readFileSync(require.resolve(`@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`)),
      );
      const parser = new ts.Parser();
      parser.setLanguage(language);
      return parser as unknown as CodeParser;
    })();
    parsers.set(grammar, p);
  }
  return p;
}

/**
 * Parses program text and hands the tree to `read` (the tree is freed
 * afterwards); `undefined` when the grammar cannot be loaded or returns no tree.
 */
export async function withTree<T>(grammar: Grammar, text: string, read: (root: CodeNode) => T): Promise<T | undefined> {
  let parser: CodeParser;
  try {
    parser = await load(grammar);
  } catch {
    return undefined;
  }
  const tree = parser.parse(text);
  if (!tree) return undefined;
  try {
    return read(tree.rootNode);
  } finally {
    tree.delete();
  }
}
