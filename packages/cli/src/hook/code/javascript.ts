/**
 * Reads JavaScript and TypeScript program text (inline `node -e` code or a
 * file) with tree-sitter's grammars for what it runs: `child_process`
 * (`spawn`, `execFile`, `exec`, their `Sync` forms, `fork`), `cross-spawn`,
 * `execa`, zx and Bun shell templates (`` $`terraform destroy` ``), `shelljs`,
 * `Deno.Command`, `Bun.spawn`, the AWS SDK (v3 `new DeleteDBInstanceCommand`,
 * v3 aggregated and v2 clients), the Pulumi Automation API, `pg` and
 * `mysql2` (`databases.ts`), `@google-cloud/storage` and
 * `@kubernetes/client-node` (`cloud-sdks.ts`), and `eval`/`new Function` of
 * literal code. String constants, literal arrays and objects assigned in the
 * program are followed, as are calls of its own functions; `process.argv` is
 * the command line's arguments when known. Tests that mock the AWS SDK
 * (aws-sdk-client-mock, `jest.mock`) send nothing to AWS.
 *
 * @see https://nodejs.org/api/child_process.html
 * @see https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/introduction/
 * @see https://www.pulumi.com/docs/iac/using-pulumi/automation-api/
 */
import { cliService, isCatalogueOperation, servicesWithOperation } from './aws-sdk';
import { LIMITS, type ArgValue, type Reading } from './effects';
import { kubernetesDelete, sdkConstructor, sdkMethod } from './cloud-sdks';
import { EXECUTE_METHODS, HANDLE_METHODS, javascriptConnection, statementCommand } from './databases';
import { withTree, type CodeNode, type Grammar } from './grammars';
import {
  UNKNOWN,
  dictLiteral,
  listLiteral,
  argvOf,
  joinParts,
  piece,
  scalar,
  shellText,
  str,
  type Value,
} from './values';
import { Walker } from './walker';

type Env = Map<string, Value>;

const CHILD_PROCESS = new Set([
  'child_process',
  'node:child_process',
  'cross-spawn',
  'execa',
  'shelljs',
  'zx',
  'bun',
  'zx/core',
  'child-process-promise',
]);
const ARGV_FUNCTIONS = new Set([
  'spawn',
  'spawnSync',
  'execFile',
  'execFileSync',
  'execa',
  'execaSync',
  'execaNode',
  'sync',
]);
const SHELL_FUNCTIONS = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync']);
const WRAPPERS = new Set([
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'parenthesized_expression',
  'await_expression',
  'type_assertion',
]);

class JavaScriptReader extends Walker {
  private readonly functions = new Map<string, CodeNode>();
  private readonly called = new Set<string>();
  private readonly fields = new Map<string, Value>();
  private usesAws = false;
  private depth = 0;
  private returned: Value | undefined;
  /** `process.argv` when the command line running the program is known: the interpreter, the program's path, its arguments. */
  private readonly argv: Value | undefined;

  constructor(source: string, programArgs?: readonly ArgValue[]) {
    super(source);
    this.argv = programArgs
      ? { k: 'list', items: programArgs.map((a) => (a === null ? UNKNOWN : str(a))), open: false }
      : undefined;
    // A test that mocks the AWS SDK (aws-sdk-client-mock's `mockClient`, `jest.mock`/`vi.mock` of an SDK package) sends nothing to AWS.
    if (mocksAwsSdk(source)) this.mocked++;
  }

  /** `process.argv` (`Bun.argv`: the same), or `Deno.args` (the arguments alone). */
  private programArgv(name: string): Value {
    if (!this.argv || this.argv.k !== 'list') return UNKNOWN;
    return name === 'Deno.args' ? { k: 'list', items: this.argv.items.slice(2), open: false } : this.argv;
  }

  /** `coreApi.deleteNamespace({ name })`, `deleteNamespacedPersistentVolumeClaim(name, namespace)` of `@kubernetes/client-node`, as kubectl. */
  private kubernetesCall(method: string, args: readonly Value[], node: CodeNode): boolean {
    if (!this.source.includes('@kubernetes/client-node')) return false;
    const options = args[0]?.k === 'dict' ? args[0] : undefined;
    const name = options ? options.entries.get('name') : args[0];
    const namespace = options ? options.entries.get('namespace') : args[1];
    const argv = kubernetesDelete(method, name && scalar(name), namespace && scalar(namespace));
    if (argv) this.emit({ kind: 'api', argv, at: this.at(node) });
    return argv !== undefined;
  }

  read(root: CodeNode): void {
    this.collect(root, 0);
    const env: Env = new Map();
    this.block(root, env);
    const late = new Map(env);
    for (const [name, fn] of this.functions) if (!this.called.has(name)) this.callFunction(fn, [], late, name);
    if (root.hasError) this.incomplete ??= 'the program has a syntax error';
  }

  /** Functions and methods by name (hoisted), and whether an AWS SDK is imported. */
  private collect(node: CodeNode, depth: number): void {
    if (depth > 80 || !this.tick()) return;
    switch (node.type) {
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'method_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name) this.functions.set(name === 'constructor' ? `constructor@${node.startIndex}` : name, node);
        break;
      }
      case 'variable_declarator': {
        const value = node.childForFieldName('value');
        const name = node.childForFieldName('name');
        if (
          name?.type === 'identifier' &&
          value &&
          (value.type === 'arrow_function' || value.type === 'function_expression' || value.type === 'function')
        )
          this.functions.set(name.text, value);
        break;
      }
      case 'string':
        if (/aws-sdk/.test(node.text)) this.usesAws = true;
        break;
    }
    for (let k = 0; k < node.namedChildCount; k++) this.collect(node.namedChild(k)!, depth + 1);
  }

  private block(node: CodeNode, env: Env): void {
    for (let k = 0; k < node.namedChildCount && !this.incomplete; k++) this.statement(node.namedChild(k)!, env);
  }

  private statement(node: CodeNode, env: Env): void {
    if (!this.tick() || this.returned !== undefined) return;
    switch (node.type) {
      case 'comment':
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'interface_declaration':
      case 'type_alias_declaration':
        return;
      case 'import_statement':
        this.note(node.text);
        return this.importStatement(node, env);
      case 'lexical_declaration':
      case 'variable_declaration':
        for (let k = 0; k < node.namedChildCount; k++) {
          const d = node.namedChild(k)!;
          if (d.type !== 'variable_declarator') continue;
          const name = d.childForFieldName('name');
          const value = d.childForFieldName('value');
          if (!name) continue;
          // A function assigned to a name is read when it is called (tree-sitter nodes are not identical objects: compare positions).
          if (value && this.functions.get(name.text)?.startIndex === value.startIndex) continue;
          this.bind(name, value ? this.expr(value, env) : UNKNOWN, env);
        }
        return;
      case 'export_statement': {
        const declaration = node.childForFieldName('declaration');
        if (declaration) this.statement(declaration, env);
        else for (let k = 0; k < node.namedChildCount; k++) this.generic(node.namedChild(k)!, env);
        return;
      }
      case 'class_declaration':
      case 'class':
        return;
      case 'return_statement': {
        const value = node.namedChild(0);
        this.returned = value ? this.expr(value, env) : UNKNOWN;
        return;
      }
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        const body = node.childForFieldName('body');
        const items = right ? this.expr(right, env) : UNKNOWN;
        const of =
          node.childForFieldName('operator')?.text === 'of' ||
          / of /.test(node.text.slice(0, (right?.startIndex ?? node.startIndex) - node.startIndex));
        const target = left?.type === 'identifier' ? left : null;
        if (
          of &&
          target &&
          items.k === 'list' &&
          !items.open &&
          items.items.length > 0 &&
          items.items.length <= LIMITS.loopItems
        ) {
          for (const item of items.items) {
            env.set(target.text, item);
            if (body) this.statement(body, env);
          }
          return;
        }
        if (left) this.bind(left, UNKNOWN, env);
        this.loops++;
        if (body) this.statement(body, env);
        this.loops--;
        return;
      }
      case 'for_statement':
      case 'while_statement':
      case 'do_statement':
        this.loops++;
        this.generic(node, env);
        this.loops--;
        return;
      case 'expression_statement':
        for (let k = 0; k < node.namedChildCount; k++) this.expr(node.namedChild(k)!, env);
        return;
      case 'statement_block':
        return this.block(node, env);
      default:
        return this.generic(node, env);
    }
  }

  private generic(node: CodeNode, env: Env): void {
    if (!this.tick()) return;
    if (
      node.type.endsWith('_statement') ||
      node.type.endsWith('_clause') ||
      node.type === 'statement_block' ||
      node.type === 'program' ||
      node.type === 'else_clause' ||
      node.type === 'switch_body' ||
      node.type === 'switch_case' ||
      node.type === 'switch_default'
    ) {
      for (let k = 0; k < node.namedChildCount; k++) this.statement(node.namedChild(k)!, env);
      return;
    }
    this.expr(node, env);
  }

  private importStatement(node: CodeNode, env: Env): void {
    const source = this.literal(node.childForFieldName('source'));
    if (source === null) return;
    for (let k = 0; k < node.namedChildCount; k++) {
      const clause = node.namedChild(k)!;
      if (clause.type !== 'import_clause') continue;
      for (let j = 0; j < clause.namedChildCount; j++) {
        const part = clause.namedChild(j)!;
        if (part.type === 'identifier') env.set(part.text, { k: 'ref', path: defaultExport(source) });
        else if (part.type === 'namespace_import') env.set(part.namedChild(0)!.text, { k: 'ref', path: source });
        else if (part.type === 'named_imports') {
          for (let i = 0; i < part.namedChildCount; i++) {
            const spec = part.namedChild(i)!;
            if (spec.type !== 'import_specifier') continue;
            const name = spec.childForFieldName('name')!.text;
            env.set((spec.childForFieldName('alias') ?? spec.childForFieldName('name')!).text, {
              k: 'ref',
              path: `${source}.${name}`,
            });
          }
        }
      }
    }
  }

  private literal(node: CodeNode | null): string | null {
    if (!node) return null;
    return scalar(this.expr(node, new Map()));
  }

  private bind(target: CodeNode, value: Value, env: Env): void {
    if (target.type === 'identifier' || target.type === 'member_expression') {
      env.set(target.text, value);
      if (/^this\./.test(target.text)) this.fields.set(target.text, value);
      return;
    }
    if (target.type === 'object_pattern') {
      // `const { spawn, exec: run } = require('child_process')`.
      for (let k = 0; k < target.namedChildCount; k++) {
        const p = target.namedChild(k)!;
        if (p.type === 'shorthand_property_identifier_pattern') env.set(p.text, this.member(value, p.text));
        else if (p.type === 'pair_pattern') {
          const key = p.childForFieldName('key')!.text.replace(/^['"]|['"]$/g, '');
          const v = p.childForFieldName('value')!;
          this.bind(v.type === 'assignment_pattern' ? v.childForFieldName('left')! : v, this.member(value, key), env);
        } else if (p.type === 'object_assignment_pattern') {
          const left = p.childForFieldName('left');
          if (left) env.set(left.text, this.member(value, left.text));
        }
      }
      return;
    }
    if (target.type === 'array_pattern') {
      // `const [, , cmd, ...rest] = process.argv`: holes count as positions.
      const items: CodeNode[] = [];
      for (let k = 0; k < target.namedChildCount; k++) items.push(target.namedChild(k)!);
      const positions = patternPositions(target, items);
      for (let k = 0; k < items.length; k++) {
        const item = items[k];
        const position = positions[k];
        if (item.type === 'rest_pattern') {
          const rest = item.namedChild(0);
          if (rest)
            this.bind(
              rest,
              value.k === 'list' ? { k: 'list', items: value.items.slice(position), open: value.open } : UNKNOWN,
              env,
            );
          continue;
        }
        const left = item.type === 'assignment_pattern' ? (item.childForFieldName('left') ?? item) : item;
        this.bind(left, value.k === 'list' && !value.open ? (value.items[position] ?? UNKNOWN) : UNKNOWN, env);
      }
    }
  }

  /** `object.name` for a tracked value. */
  private member(object: Value, name: string): Value {
    switch (object.k) {
      case 'ref':
        return { k: 'ref', path: `${object.path}.${name}` };
      case 'dict':
        return object.entries.get(name) ?? UNKNOWN;
      case 'list':
        return name === 'length' && !object.open ? { k: 'num', v: object.items.length } : UNKNOWN;
      default:
        return UNKNOWN;
    }
  }

  /** Evaluates an expression, reporting the calls in it (nesting bounded: deep expressions end the reading). */
  private expr(node: CodeNode, env: Env): Value {
    if (!this.enter()) return UNKNOWN;
    try {
      return this.evaluate(node, env);
    } finally {
      this.leave();
    }
  }

  private evaluate(node: CodeNode, env: Env): Value {
    if (!this.tick()) return UNKNOWN;
    if (WRAPPERS.has(node.type)) {
      const inner = node.namedChild(0);
      return inner ? this.expr(inner, env) : UNKNOWN;
    }
    switch (node.type) {
      case 'string':
        this.note(node.text);
        return str(unescapeJs(node.text.slice(1, -1)));
      case 'template_string': {
        this.note(node.text);
        const parts: (string | null)[] = [];
        for (let k = 0; k < node.namedChildCount; k++) {
          const child = node.namedChild(k)!;
          if (child.type === 'string_fragment') parts.push(child.text);
          else if (child.type === 'escape_sequence') parts.push(unescapeJs(child.text));
          else if (child.type === 'template_substitution')
            parts.push(child.namedChild(0) ? piece(this.expr(child.namedChild(0)!, env)) : null);
        }
        if (node.namedChildCount === 0) return str(node.text.slice(1, -1));
        return joinParts(parts, LIMITS.stringLength);
      }
      case 'number':
        return { k: 'num', v: Number(node.text) };
      case 'true':
        return { k: 'bool', v: true };
      case 'false':
        return { k: 'bool', v: false };
      case 'null':
      case 'undefined':
        return { k: 'none' };
      case 'identifier':
        if (node.text === 'undefined') return { k: 'none' };
        return (
          env.get(node.text) ??
          (this.functions.has(node.text)
            ? { k: 'fn', name: node.text }
            : GLOBALS.has(node.text)
              ? { k: 'ref', path: node.text }
              : UNKNOWN)
        );
      case 'this':
        return UNKNOWN;
      case 'array':
        return listLiteral(node, 'spread_element', (child) => this.expr(child, env));
      case 'object':
        return dictLiteral(
          node,
          'spread_element',
          (child) => this.expr(child, env),
          (key) =>
            key.type === 'property_identifier'
              ? key.text
              : scalar(this.expr(key.type === 'computed_property_name' ? key.namedChild(0)! : key, env)),
          (child, entries) => {
            if (child.type === 'shorthand_property_identifier') entries.set(child.text, env.get(child.text) ?? UNKNOWN);
          },
        );
      case 'binary_expression': {
        const left = this.expr(node.childForFieldName('left')!, env);
        const right = this.expr(node.childForFieldName('right')!, env);
        if (node.childForFieldName('operator')?.text === '+') {
          if (left.k === 'num' && right.k === 'num') return { k: 'num', v: left.v + right.v };
          if (left.k !== 'str' && left.k !== 'tpl' && right.k !== 'str' && right.k !== 'tpl') return UNKNOWN;
          return joinParts([piece(left), piece(right)], LIMITS.stringLength);
        }
        return UNKNOWN;
      }
      case 'member_expression': {
        const known = env.get(node.text) ?? this.fields.get(node.text);
        if (known) return known;
        if (node.text === 'process.argv' || node.text === 'Deno.args' || node.text === 'Bun.argv')
          return this.programArgv(node.text);
        const object = this.expr(node.childForFieldName('object')!, env);
        return this.member(object, node.childForFieldName('property')!.text);
      }
      case 'subscript_expression': {
        const object = this.expr(node.childForFieldName('object')!, env);
        const index = this.expr(node.childForFieldName('index')!, env);
        if (object.k === 'list' && index.k === 'num' && !object.open) return object.items[index.v] ?? UNKNOWN;
        const key = scalar(index);
        return key === null ? UNKNOWN : this.member(object, key);
      }
      case 'call_expression':
        return this.call(node, env);
      case 'new_expression':
        return this.construct(node, env);
      case 'assignment_expression': {
        const value = this.expr(node.childForFieldName('right')!, env);
        this.bind(node.childForFieldName('left')!, value, env);
        return value;
      }
      case 'arrow_function':
      case 'function_expression':
      case 'function': {
        // An inline callback: read its body now, with unknown parameters.
        this.callFunction(node, [], env);
        return UNKNOWN;
      }
      default:
        for (let k = 0; k < node.namedChildCount; k++) this.expr(node.namedChild(k)!, env);
        return UNKNOWN;
    }
  }

  private arguments(node: CodeNode | null, env: Env): { args: Value[]; open: boolean } {
    const args: Value[] = [];
    let open = false;
    for (let k = 0; node && k < node.namedChildCount; k++) {
      const child = node.namedChild(k)!;
      if (child.type === 'comment') continue;
      if (child.type === 'spread_element') {
        const inner = this.expr(child.namedChild(0)!, env);
        if (inner.k === 'list') {
          args.push(...inner.items);
          open ||= inner.open;
        } else open = true;
      } else args.push(this.expr(child, env));
    }
    return { args, open };
  }

  /** A tagged template (`` $`terraform ${op}` ``) as shell text; substitutions are quoted words, unknown ones unset variables. */
  private template(node: CodeNode, env: Env): string | null {
    let out = '';
    for (let k = 0; k < node.namedChildCount; k++) {
      const child = node.namedChild(k)!;
      if (child.type === 'string_fragment') out += child.text;
      else if (child.type === 'escape_sequence') out += unescapeJs(child.text);
      else if (child.type === 'template_substitution') {
        const v = child.namedChild(0) ? this.expr(child.namedChild(0)!, env) : UNKNOWN;
        const items = v.k === 'list' ? argvOf(v) : [scalar(v)];
        out += items.map((i) => (i === null ? '"$__DEADBOLT_UNKNOWN"' : quote(i))).join(' ');
      }
      if (out.length > LIMITS.stringLength) return null;
    }
    return node.namedChildCount === 0 ? node.text.slice(1, -1) : out;
  }

  private call(node: CodeNode, env: Env): Value {
    const fnNode = node.childForFieldName('function')!;
    const argsNode = node.childForFieldName('arguments');
    const at = this.at(node);
    // Tagged templates: zx, Bun shell and execa's `$`.
    if (argsNode?.type === 'template_string') {
      const tag = this.expr(fnNode, env);
      if (
        (tag.k === 'ref' && /(^|\.)\$$|^(zx|bun|execa)(\.\$)?$/.test(tag.path)) ||
        (tag.k === 'ref' && tag.path === '$')
      ) {
        this.emit({ kind: 'shell', code: this.template(argsNode, env), at });
      }
      return UNKNOWN;
    }
    const iterating =
      fnNode.type === 'member_expression' && ITERATING_METHODS.has(fnNode.childForFieldName('property')?.text ?? '');
    if (iterating) this.loops++;
    const { args, open } = this.arguments(argsNode, env);
    if (iterating) this.loops--;
    let calleeOf: Value | undefined;
    if (fnNode.type === 'member_expression') {
      const method = fnNode.childForFieldName('property')!.text;
      const receiverNode = fnNode.childForFieldName('object')!;
      const bound = env.get(fnNode.text) ?? this.fields.get(fnNode.text);
      const receiver = bound ? UNKNOWN : this.expr(receiverNode, env);
      if (!bound) {
        switch (receiver.k) {
          case 'client':
            if (method === 'send') return UNKNOWN;
            if (method === 'promise' || method === 'destroy' || method === 'config') return UNKNOWN;
            this.sdkCall(receiver, method, args[0] ?? { k: 'dict', entries: new Map(), open: false }, node);
            return { k: 'ref', path: 'sdk-request' };
          case 'pulumi':
            if (receiver.type === 'workspace' && /^(createStack|selectStack|createOrSelectStack)$/.test(method))
              return { k: 'pulumi', type: 'stack' };
            this.pulumiCall(receiver.type, method, args[0] ? scalar(args[0]) : null, node);
            return method === 'workspace' ? { k: 'pulumi', type: 'workspace' } : UNKNOWN;
          case 'str':
            if (method === 'split' && args[0]?.k === 'str' && args[0].v === ' ')
              return { k: 'list', items: receiver.v.split(' ').filter(Boolean).map(str), open: false };
            if (method === 'trim') return str(receiver.v.trim());
            return UNKNOWN;
          case 'list':
            if (method === 'slice') return sliceOf(receiver, args);
            if (method === 'join') {
              const sep = args[0] ? scalar(args[0]) : ',';
              const items = receiver.items.map(scalar);
              return sep === null || receiver.open || items.some((i) => i === null) ? UNKNOWN : str(items.join(sep));
            }
            if (method === 'concat')
              return {
                k: 'list',
                items: [...receiver.items, ...args.flatMap((a) => (a.k === 'list' ? a.items : [a]))],
                open: receiver.open || args.some((a) => a.k === 'list' && a.open),
              };
            return UNKNOWN;
          case 'fn':
            return UNKNOWN;
          case 'sdk': {
            const result = sdkMethod(receiver.obj, method, args[0] ? scalar(args[0]) : undefined, false);
            if (result.argv) this.emit({ kind: 'api', argv: result.argv, at });
            return result.object ? { k: 'sdk', obj: result.object } : UNKNOWN;
          }
          case 'db':
            if (HANDLE_METHODS.has(method)) return receiver;
            if (EXECUTE_METHODS.has(method)) {
              const effect = statementCommand(
                receiver.conn,
                args[0]?.k === 'dict' ? (args[0].entries.get('text') ?? args[0].entries.get('sql')) : args[0],
                at,
              );
              if (effect) this.emit(effect);
            }
            return UNKNOWN;
          case 'unknown':
            if (this.kubernetesCall(method, args, node)) return UNKNOWN;
            if (receiverNode.type === 'this') {
              const fn = this.functions.get(method);
              if (fn) return this.callFunction(fn, args, env, method);
            }
            if (this.usesAws && isCatalogueOperation(method)) {
              this.sdkCall({ k: 'client', service: undefined }, method, undefined, node);
              return UNKNOWN;
            }
            return UNKNOWN;
          default:
            if (receiver.k !== 'ref') return UNKNOWN;
            if (/^[./]/.test(receiver.path) && isCatalogueOperation(method)) {
              // A client the program imports from its own module (`const { dynamodb } = require('../db')`).
              this.sdkCall({ k: 'client', service: undefined }, method, undefined, node);
              return UNKNOWN;
            }
        }
        calleeOf = this.member(receiver, method);
      }
    }
    const callee = calleeOf ?? this.expr(fnNode, env);
    if (callee.k === 'fn') {
      const fn = this.functions.get(callee.name);
      return fn ? this.callFunction(fn, args, env, callee.name) : UNKNOWN;
    }
    if (callee.k !== 'ref') return UNKNOWN;
    return this.library(callee.path, args, open, node, env);
  }

  private library(path: string, args: Value[], open: boolean, node: CodeNode, env: Env): Value {
    const at = this.at(node);
    const name = path.split('.').pop()!;
    const module = path.slice(0, path.length - name.length - 1);
    if (path === 'require' || path === 'module.require') {
      const source = args[0] ? scalar(args[0]) : null;
      if (source !== null && /aws-sdk/.test(source)) this.usesAws = true;
      return source === null ? UNKNOWN : { k: 'ref', path: source };
    }
    if (path === 'import') return UNKNOWN;
    if (path === 'eval' || path === 'Function' || /^(node:)?vm\.(runIn\w+|compileFunction|Script)$/.test(path)) {
      const code = args[args.length - 1];
      this.emit({ kind: 'eval', code: code ? scalar(code) : null, at });
      return UNKNOWN;
    }
    if (CHILD_PROCESS.has(module) || CHILD_PROCESS.has(path)) {
      const fn = CHILD_PROCESS.has(path)
        ? path === 'execa'
          ? 'execa'
          : path === 'cross-spawn'
            ? 'spawn'
            : path === 'shelljs'
              ? 'exec'
              : ''
        : name;
      const options = args.find((a, k) => k > 0 && a.k === 'dict');
      const shell = options?.k === 'dict' ? options.entries.get('shell') : undefined;
      const withShell = shell !== undefined && !(shell.k === 'bool' && !shell.v) && shell.k !== 'none';
      if (ARGV_FUNCTIONS.has(fn)) {
        const list = args[1]?.k === 'list' ? argvOf(args[1]) : args[1] && args[1].k !== 'dict' ? [null] : [];
        const argv: ArgValue[] = [args[0] ? scalar(args[0]) : null, ...list, ...(open ? [null] : [])];
        if (withShell) this.emit({ kind: 'shell', code: argv.some((a) => a === null) ? null : argv.join(' '), at });
        else this.emit({ kind: 'argv', argv, at });
        return UNKNOWN;
      }
      if (fn === 'fork') {
        this.emit({
          kind: 'argv',
          argv: ['node', args[0] ? scalar(args[0]) : null, ...(args[1]?.k === 'list' ? argvOf(args[1]) : [])],
          at,
        });
        return UNKNOWN;
      }
      if (SHELL_FUNCTIONS.has(fn)) {
        this.emit({ kind: 'shell', code: args[0] ? shellText(args[0]) : null, at });
        return UNKNOWN;
      }
      if (fn === '$') return { k: 'ref', path: '$' };
    }
    if (path === 'Bun.spawn' || path === 'Bun.spawnSync') {
      const first = args[0];
      const cmd = first?.k === 'dict' ? (first.entries.get('cmd') ?? UNKNOWN) : (first ?? UNKNOWN);
      this.emit({ kind: 'argv', argv: cmd.k === 'list' ? argvOf(cmd) : [null], at });
      return UNKNOWN;
    }
    if (path === 'Deno.run') {
      const cmd = args[0]?.k === 'dict' ? (args[0].entries.get('cmd') ?? UNKNOWN) : UNKNOWN;
      this.emit({ kind: 'argv', argv: cmd.k === 'list' ? argvOf(cmd) : [null], at });
      return UNKNOWN;
    }
    if (path === '$' || /\.\$$/.test(path)) return { k: 'ref', path: '$' };
    const connection = javascriptConnection(path, args[0]);
    if (connection) return { k: 'db', conn: connection };
    // Pulumi Automation API: `LocalWorkspace.createOrSelectStack(...)`.
    if (/pulumi[/.]automation.*\.LocalWorkspace\.create$/.test(path)) return { k: 'pulumi', type: 'workspace' };
    if (
      /pulumi[/.]automation.*\.(LocalWorkspace|Stack)\.(createStack|selectStack|createOrSelectStack|create|select|createOrSelect)$/.test(
        path,
      )
    )
      return { k: 'pulumi', type: 'stack' };
    void env;
    return UNKNOWN;
  }

  /** `new X(...)`: SDK clients and commands, `Deno.Command`, Pulumi workspaces. */
  private construct(node: CodeNode, env: Env): Value {
    const ctorNode = node.childForFieldName('constructor')!;
    const { args } = this.arguments(node.childForFieldName('arguments'), env);
    const ctor = this.expr(ctorNode, env);
    const name = ctorNode.text.split('.').pop()!;
    const path = ctor.k === 'ref' ? ctor.path : undefined;
    if (path === 'Deno.Command') {
      const options = args[1]?.k === 'dict' ? args[1] : undefined;
      const list = options ? options.entries.get('args') : undefined;
      const argv: ArgValue[] = [
        args[0] ? scalar(args[0]) : null,
        ...(list === undefined ? (options?.open || (args[1] && !options) ? [null] : []) : argvOf(list)),
      ];
      this.emit({ kind: 'argv', argv, at: this.at(node) });
      return UNKNOWN;
    }
    if (path === 'Function') {
      const code = args[args.length - 1];
      this.emit({ kind: 'eval', code: code ? scalar(code) : null, at: this.at(node) });
      return UNKNOWN;
    }
    if (path && /pulumi[/.]automation.*\.LocalWorkspace$/.test(path)) return { k: 'pulumi', type: 'workspace' };
    const made = path ? sdkConstructor(path) : undefined;
    if (made) return { k: 'sdk', obj: made };
    const connection = path ? javascriptConnection(path, args[0]) : undefined;
    if (connection) return { k: 'db', conn: connection };
    // AWS SDK v3: `new DeleteDBInstanceCommand(input)`, `new RDSClient()`, `new RDS()`; v2: `new AWS.RDS()`.
    const v3 = path ? /^@aws-sdk\/(client-[a-z0-9-]+|lib-dynamodb)\.(\w+)$/.exec(path) : null;
    const v2 = path ? /^aws-sdk(?:\/clients\/([a-z0-9]+))?(?:\.default)?\.(\w+)$/.exec(path) : null;
    if (v3) {
      const serviceName = v3[1] === 'lib-dynamodb' ? 'dynamodb' : v3[1].replace(/^client-/, '');
      const service = cliService(serviceName);
      if (name.endsWith('Command')) {
        if (service) this.sdkCall({ k: 'client', service }, name, args[0] ?? UNKNOWN, node);
        return UNKNOWN;
      }
      return { k: 'client', service };
    }
    if (v2) return { k: 'client', service: cliService(v2[2]) };
    const v2Client = path ? /^aws-sdk\/clients\/([a-z0-9]+)(?:\.default)?$/.exec(path) : null;
    if (v2Client) return { k: 'client', service: cliService(v2Client[1]) };
    if (name.endsWith('Command') && isCatalogueOperation(name.replace(/Command$/, ''))) {
      // A command class whose package Deadbolt could not see (a re-export, a global).
      const services = servicesWithOperation(name);
      this.sdkCall(
        { k: 'client', service: services.length === 1 ? services[0] : undefined },
        name,
        args[0] ?? UNKNOWN,
        node,
      );
      return UNKNOWN;
    }
    if (/Client$/.test(name) && this.usesAws) return { k: 'client', service: cliService(name) };
    return UNKNOWN;
  }

  private callFunction(fn: CodeNode, args: readonly Value[], env: Env, name?: string): Value {
    if (name) this.called.add(name);
    if (this.depth >= LIMITS.callDepth) return UNKNOWN;
    const inner: Env = new Map(env);
    const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    if (params?.type === 'identifier') inner.set(params.text, args[0] ?? UNKNOWN);
    else {
      let position = 0;
      for (let k = 0; params && k < params.namedChildCount; k++) {
        const p = params.namedChild(k)!;
        const pattern =
          p.type === 'required_parameter' || p.type === 'optional_parameter'
            ? (p.childForFieldName('pattern') ?? p.namedChild(0)!)
            : p;
        const given = args[position++];
        if (pattern.type === 'assignment_pattern') {
          const left = pattern.childForFieldName('left')!;
          this.bind(left, given ?? this.expr(pattern.childForFieldName('right')!, env), inner);
        } else if (pattern.type === 'rest_pattern') {
          const rest = args.slice(position - 1);
          this.bind(pattern.namedChild(0)!, { k: 'list', items: rest, open: true }, inner);
        } else this.bind(pattern, given ?? UNKNOWN, inner);
        const value = p.childForFieldName('value');
        if (value && !given) this.bind(pattern, this.expr(value, env), inner);
      }
    }
    const body = fn.childForFieldName('body');
    this.depth++;
    const saved = this.returned;
    this.returned = undefined;
    if (body) {
      if (body.type === 'statement_block') this.block(body, inner);
      else this.returned = this.expr(body, inner);
    }
    const result = this.returned ?? UNKNOWN;
    this.returned = saved;
    this.depth--;
    return result;
  }
}

/** Globals that start processes or evaluate code. */
const GLOBALS = new Set(['require', 'eval', 'Function', 'Deno', 'Bun', '$', 'process', 'module']);

/** The name an import's default binding refers to. */
function defaultExport(source: string): string {
  if (source === 'execa' || source === 'cross-spawn' || source === 'shelljs') return source;
  return source;
}

/** The positions of an array pattern's items: the commas before each at the pattern's own level (one pass over its text). */
function patternPositions(pattern: CodeNode, items: readonly CodeNode[]): number[] {
  const text = pattern.text;
  const positions: number[] = [];
  let depth = 0;
  let commas = 0;
  let next = 0;
  for (let i = 0; i < text.length && next < items.length; i++) {
    while (next < items.length && items[next].startIndex - pattern.startIndex <= i) {
      positions.push(commas);
      next++;
    }
    const ch = text[i];
    if (ch === '[' || ch === '{' || ch === '(') depth++;
    else if (ch === ']' || ch === '}' || ch === ')') depth--;
    else if (ch === ',' && depth === 1) commas++;
  }
  while (positions.length < items.length) positions.push(commas);
  return positions;
}

/** `args.slice(2)`: a slice of a list with literal bounds; unknown otherwise. */
function sliceOf(list: Value & { k: 'list' }, args: readonly Value[]): Value {
  const [start, end] = args.map((a) => (a.k === 'num' ? a.v : null));
  if (args.length > 2 || start === null || end === null) return UNKNOWN;
  // A negative bound of an open list counts from an end Deadbolt does not know.
  if (list.open && ((start ?? 0) < 0 || end !== undefined)) return { k: 'list', items: [], open: true };
  return { k: 'list', items: list.items.slice(start, end), open: list.open };
}

/**
 * The AWS SDK mocked for the whole test file.
 * @see https://github.com/m-radzikowski/aws-sdk-client-mock
 * @see https://jestjs.io/docs/jest-object#jestmockmodulename-factory-options
 */
function mocksAwsSdk(source: string): boolean {
  if (!/\b(describe|test|it)\s*\(/.test(source)) return false;
  if (/['"]aws-sdk-client-mock['"]/.test(source) && /\bmockClient\s*\(/.test(source)) return true;
  return /\b(jest|vi)\.mock\(\s*['"](@aws-sdk\/client-[a-z0-9-]+|aws-sdk)['"]/.test(source);
}

const JS_SDKS = /aws-sdk|@google-cloud\/|@kubernetes\/|@pulumi\/|['"](pg|postgres|mysql2?(\/promise)?)['"]/;

/** Array methods that call their callback once per item: a delete in the callback may run for every item. */
const ITERATING_METHODS = new Set([
  'forEach',
  'map',
  'flatMap',
  'filter',
  'reduce',
  'some',
  'every',
  'find',
  'mapSeries',
  'each',
]);

function quote(value: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function unescapeJs(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.|\n)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (e[0] === 'u') return String.fromCodePoint(parseInt(e.replace(/[u{}]/g, ''), 16));
    return (
      (
        { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '`': '`', $: '$', '\n': '', '0': '\0' } as Record<
          string,
          string
        >
      )[e] ?? e
    );
  });
}

/** Reads JavaScript or TypeScript program text; `undefined` when the grammar cannot be loaded. */
/**
 * Reads JavaScript or TypeScript program text; `undefined` when the grammar
 * cannot be loaded. `programArgs`: the program's `process.argv` (the
 * interpreter, the program's path, its arguments), when known.
 */
export async function readJavaScript(
  code: string,
  grammar: Grammar,
  programArgs?: readonly ArgValue[],
): Promise<Reading | undefined> {
  // A shebang line is not JavaScript syntax for every grammar: blank it, keeping offsets.
  const text = code.startsWith('#!') ? code.replace(/^#![^\n]*/, (m) => ' '.repeat(m.length)) : code;
  return withTree(grammar, text, (root) => {
    const reader = new JavaScriptReader(text, programArgs);
    try {
      reader.read(root);
    } catch {
      reader.incomplete ??= 'the program could not be read';
    }
    // A program using a cloud SDK or a database driver that could not be read to the end may call it in the part not read.
    const mentions = reader.mentions || (reader.incomplete !== undefined && JS_SDKS.test(text));
    return { effects: reader.effects, mentions, ...(reader.incomplete ? { incomplete: reader.incomplete } : {}) };
  });
}
