/**
 * Reads Python program text (inline `python -c` code or a file) with
 * tree-sitter's Python grammar for what it runs: `subprocess`, `os.system`,
 * `os.exec*`/`os.spawn*`, `asyncio` subprocesses, `pexpect`, `sh`, `plumbum`,
 * `invoke`/`fabric` `c.run(...)`, boto3 clients and resources, the Pulumi
 * Automation API and `python_terraform`, database drivers (`databases.ts`),
 * Google Cloud, Azure and Kubernetes clients (`cloud-sdks.ts`); `exec`/`eval`
 * of literal code is read again. String constants and literal lists assigned
 * in the program are followed, as are calls of its own functions (with the
 * arguments given) and boto3 collections iterated (`for t in
 * dynamodb.tables.all()`); `sys.argv` is the command line's arguments when
 * known. Calls under moto's mocks (`@mock_aws`, `with mock_aws():`) reach an
 * in-memory backend, not AWS, and are not reported.
 *
 * @see https://docs.python.org/3/library/subprocess.html
 * @see https://boto3.amazonaws.com/v1/documentation/api/latest/guide/resources.html
 * @see https://www.pulumi.com/docs/iac/using-pulumi/automation-api/
 */
import { cliService, isCatalogueOperation } from './aws-sdk';
import { LIMITS, type ArgValue, type Reading } from './effects';
import { kubernetesDelete, sdkAttribute, sdkConstructor, sdkMethod } from './cloud-sdks';
import { EXECUTE_METHODS, HANDLE_METHODS, pythonConnection, statementCommand } from './databases';
import { withTree, type CodeNode } from './grammars';
import {
  UNKNOWN,
  dictLiteral,
  listLiteral,
  argvOf,
  concat,
  joinParts,
  piece,
  scalar,
  shellText,
  str,
  type Value,
} from './values';
import { COLLECTION_METHODS, RESOURCE_COLLECTIONS, Walker } from './walker';

type Env = Map<string, Value>;

/** Functions that take a command line for the shell (`shell=True` aside). */
const SHELL_FUNCTIONS = new Set([
  'os.system',
  'os.popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
  'commands.getoutput',
  'pexpect.run',
  'pexpect.runu',
  'invoke.run',
  'fabric.api.local',
  'fabric.api.run',
  'fabric.api.sudo',
  'sh.bash',
  'sh.sh',
]);
const SUBPROCESS = new Set([
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
]);
const INVOKE_METHODS = new Set(['run', 'sudo', 'local']);
const INVOKE_RECEIVERS = new Set(['c', 'ctx', 'context', 'conn', 'connection', 'cxn']);
/** The objects a boto3 collection yields. */
const COLLECTION_ITEMS: Readonly<Record<string, string>> = {
  objects: 'ObjectSummary',
  object_versions: 'ObjectVersion',
  versions: 'ObjectVersion',
  instances: 'Instance',
  volumes: 'Volume',
  snapshots: 'Snapshot',
  tables: 'Table',
  buckets: 'Bucket',
  stacks: 'Stack',
  vaults: 'Vault',
};
/** moto's mocks, as decorators or context managers (`mock_aws`, and the per-service `mock_s3` of moto 4). */
const MOTO_MOCK = /^(moto\.)?mock_[a-z0-9_]+$/;
const BUILTINS = new Set(['exec', 'eval', 'getattr', '__import__']);
const PULUMI_STACK_FACTORIES = new Set(['create_stack', 'select_stack', 'create_or_select_stack']);

class PythonReader extends Walker {
  private readonly functions = new Map<string, CodeNode>();
  private readonly called = new Set<string>();
  private usesInvoke = false;
  private usesAws = false;
  /** `self.x = …` anywhere in the program, for the methods that read `self.x`. */
  private readonly fields = new Map<string, Value>();
  private depth = 0;
  private returned: Value | undefined;
  /** The program imports moto: its `mock_*` decorators and context managers keep AWS calls in memory. */
  private readonly usesMoto: boolean;
  /** The program imports the Kubernetes client: its `delete_namespaced_…` methods are kubectl deletes. */
  private readonly usesKubernetes: boolean;
  /** Functions (by position) under a moto decorator, their own or their class's. */
  private readonly mockedFunctions = new Set<number>();
  /** `sys.argv` when the command line running the program is known: the program's path, then its arguments. */
  private readonly argv: Value | undefined;

  constructor(source: string, programArgs?: readonly ArgValue[]) {
    super(source);
    this.usesMoto = /^[ \t]*(from[ \t]+moto\b|import[ \t]+moto\b)/m.test(source);
    this.usesKubernetes = /^[ \t]*(from|import)[ \t]+kubernetes\b/m.test(source);
    // `mock = mock_aws(); mock.start()` (a unittest setUp, a conftest): every call of the program is mocked.
    if (this.usesMoto && startsMotoMock(source)) this.mocked++;
    this.argv = programArgs
      ? { k: 'list', items: programArgs.map((a) => (a === null ? UNKNOWN : str(a))), open: false }
      : undefined;
  }

  read(root: CodeNode): void {
    this.collectFunctions(root, 0, false);
    const env: Env = new Map();
    this.block(root, env);
    // Functions never called here (a library, a CLI entry point): read with unknown arguments.
    for (const [name, fn] of this.functions) {
      if (!this.called.has(name)) this.callFunction(fn, [], new Map(), env);
    }
    if (root.hasError) this.incomplete ??= 'the program has a syntax error';
  }

  private collectFunctions(node: CodeNode, depth: number, mocked: boolean): void {
    if (depth > 60 || !this.tick()) return;
    if (node.type === 'decorated_definition' && this.usesMoto) {
      for (let k = 0; k < node.namedChildCount; k++) {
        const decorator = node.namedChild(k)!;
        if (decorator.type === 'decorator' && decorator.namedChild(0) && isMotoMock(decorator.namedChild(0)!))
          mocked = true;
      }
    }
    if (node.type === 'function_definition') {
      const name = node.childForFieldName('name')?.text;
      if (name) this.functions.set(name, node);
      if (mocked) this.mockedFunctions.add(node.startIndex);
    }
    if (node.type === 'import_from_statement' || node.type === 'import_statement') {
      if (/\b(invoke|fabric)\b/.test(node.text)) this.usesInvoke = true;
      if (/\b(boto3|botocore|aioboto3|aiobotocore)\b/.test(node.text)) this.usesAws = true;
    }
    for (let k = 0; k < node.namedChildCount; k++) this.collectFunctions(node.namedChild(k)!, depth + 1, mocked);
  }

  /** Statements in order. */
  private block(node: CodeNode, env: Env): void {
    for (let k = 0; k < node.namedChildCount && !this.incomplete; k++) this.statement(node.namedChild(k)!, env);
  }

  private statement(node: CodeNode, env: Env): void {
    if (!this.tick() || this.returned !== undefined) return;
    switch (node.type) {
      case 'comment':
        return;
      case 'import_statement':
      case 'import_from_statement':
        this.note(node.text);
        return this.importStatement(node, env);
      case 'function_definition':
        return;
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        if (def?.type === 'class_definition') this.statement(def, env);
        return;
      }
      case 'class_definition': {
        const body = node.childForFieldName('body');
        if (body) this.block(body, env);
        return;
      }
      case 'expression_statement': {
        const inner = node.namedChild(0);
        if (inner?.type === 'assignment' || inner?.type === 'augmented_assignment') return this.assignment(inner, env);
        for (let k = 0; k < node.namedChildCount; k++) this.expr(node.namedChild(k)!, env);
        return;
      }
      case 'return_statement': {
        const value = node.namedChild(0);
        this.returned = value ? this.expr(value, env) : { k: 'none' };
        return;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const iterable = node.childForFieldName('right');
        const body = node.childForFieldName('body');
        const items = iterable ? this.expr(iterable, env) : UNKNOWN;
        if (
          left?.type === 'identifier' &&
          items.k === 'list' &&
          !items.open &&
          items.items.length <= LIMITS.loopItems &&
          items.items.length > 0
        ) {
          for (const item of items.items) {
            env.set(left.text, item);
            if (body) this.block(body, env);
          }
          return;
        }
        // `for obj in bucket.objects.all():`, `for table in dynamodb.tables.all():` — each item is one of the collection.
        if (left) this.bind(left, collectionItem(items), env);
        this.loops++;
        if (body) this.block(body, env);
        this.loops--;
        const alternative = node.childForFieldName('alternative');
        if (alternative) this.generic(alternative, env);
        return;
      }
      case 'while_statement': {
        this.loops++;
        this.generic(node, env);
        this.loops--;
        return;
      }
      case 'with_statement': {
        const mocked = this.usesMoto && withClauses(node).some((item) => isMotoMock(item));
        if (mocked) this.mocked++;
        try {
          this.withStatement(node, env);
        } finally {
          if (mocked) this.mocked--;
        }
        return;
      }
      default:
        return this.generic(node, env);
    }
  }

  /** `with open(...) as f:`, `with conn.cursor() as cur:`: each item's value bound to its name, then the body. */
  private withStatement(node: CodeNode, env: Env): void {
    for (let k = 0; k < node.namedChildCount; k++) {
      const child = node.namedChild(k)!;
      if (child.type !== 'with_clause') {
        this.generic(child, env);
        continue;
      }
      for (let j = 0; j < child.namedChildCount; j++) {
        const item = child.namedChild(j)!.namedChild(0);
        if (item?.type === 'as_pattern') {
          const value = this.expr(item.namedChild(0)!, env);
          const target = item.childForFieldName('alias') ?? item.namedChild(item.namedChildCount - 1);
          if (target)
            this.bind(target.type === 'as_pattern_target' ? (target.namedChild(0) ?? target) : target, value, env);
        } else if (item) this.expr(item, env);
      }
    }
  }

  /** Any other statement or expression: its blocks in order, its calls evaluated. */
  private generic(node: CodeNode, env: Env): void {
    if (!this.tick()) return;
    if (node.type === 'block' || node.type === 'module') return this.block(node, env);
    if (
      node.type.endsWith('_statement') ||
      node.type.endsWith('_clause') ||
      node.type === 'try_statement' ||
      node.type === 'block'
    ) {
      for (let k = 0; k < node.namedChildCount; k++) {
        const child = node.namedChild(k)!;
        if (child.type === 'block') this.block(child, env);
        else this.generic(child, env);
      }
      return;
    }
    this.expr(node, env);
  }

  private importStatement(node: CodeNode, env: Env): void {
    if (node.type === 'import_statement') {
      for (let k = 0; k < node.namedChildCount; k++) {
        const item = node.namedChild(k)!;
        if (item.type === 'dotted_name') env.set(item.text.split('.')[0], { k: 'ref', path: item.text.split('.')[0] });
        else if (item.type === 'aliased_import')
          env.set(item.childForFieldName('alias')!.text, { k: 'ref', path: item.childForFieldName('name')!.text });
      }
      return;
    }
    const module = node.childForFieldName('module_name')?.text ?? '';
    for (let k = 0; k < node.namedChildCount; k++) {
      const item = node.namedChild(k)!;
      if (item === node.childForFieldName('module_name')) continue;
      if (item.type === 'dotted_name') env.set(item.text, { k: 'ref', path: `${module}.${item.text}` });
      else if (item.type === 'aliased_import')
        env.set(item.childForFieldName('alias')!.text, {
          k: 'ref',
          path: `${module}.${item.childForFieldName('name')!.text}`,
        });
    }
  }

  private assignment(node: CodeNode, env: Env): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return;
    const value = this.expr(right, env);
    if (node.type === 'augmented_assignment') {
      const before = env.get(left.text) ?? UNKNOWN;
      return this.bind(left, plus(before, value), env);
    }
    this.bind(left, value, env);
  }

  private bind(target: CodeNode, value: Value, env: Env): void {
    if (target.type === 'identifier' || target.type === 'attribute') {
      env.set(target.text, value);
      if (/^(self|cls)\./.test(target.text)) this.fields.set(target.text, value);
      return;
    }
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
      for (let k = 0; k < target.namedChildCount; k++) {
        const child = target.namedChild(k)!;
        if (child.type === 'list_splat_pattern') {
          // `_, cmd, *rest = sys.argv`: the rest, when nothing follows the star.
          const rest =
            value.k === 'list' && k === target.namedChildCount - 1
              ? { k: 'list' as const, items: value.items.slice(k), open: value.open }
              : UNKNOWN;
          if (child.namedChild(0)) this.bind(child.namedChild(0)!, rest, env);
          continue;
        }
        const item = value.k === 'list' && !value.open ? (value.items[k] ?? UNKNOWN) : UNKNOWN;
        this.bind(child, item, env);
      }
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
    switch (node.type) {
      case 'string':
        return this.string(node, env);
      case 'concatenated_string': {
        const parts: (string | null)[] = [];
        for (let k = 0; k < node.namedChildCount; k++) parts.push(piece(this.string(node.namedChild(k)!, env)));
        return joinParts(parts, LIMITS.stringLength);
      }
      case 'integer':
      case 'float':
        return { k: 'num', v: Number(node.text.replace(/_/g, '')) };
      case 'true':
        return { k: 'bool', v: true };
      case 'false':
        return { k: 'bool', v: false };
      case 'none':
        return { k: 'none' };
      case 'identifier': {
        const bound = env.get(node.text);
        // `from sys import argv`.
        if (bound?.k === 'ref' && bound.path === 'sys.argv') return this.argv ?? UNKNOWN;
        return (
          bound ??
          (this.functions.has(node.text)
            ? { k: 'fn', name: node.text }
            : BUILTINS.has(node.text)
              ? { k: 'ref', path: node.text }
              : UNKNOWN)
        );
      }
      case 'parenthesized_expression':
      case 'await':
        return node.namedChild(0) ? this.expr(node.namedChild(node.namedChildCount - 1)!, env) : UNKNOWN;
      case 'list':
      case 'tuple':
      case 'expression_list':
        return listLiteral(node, 'list_splat', (child) => this.expr(child, env));
      case 'dictionary':
        return dictLiteral(
          node,
          'dictionary_splat',
          (child) => this.expr(child, env),
          (key) => scalar(this.expr(key, env)),
        );
      case 'binary_operator': {
        const left = this.expr(node.childForFieldName('left')!, env);
        const right = this.expr(node.childForFieldName('right')!, env);
        const op =
          node.childForFieldName('operator')?.text ??
          node.text.slice(node.childForFieldName('left')!.endIndex - node.startIndex).trim()[0];
        if (op === '+') return plus(left, right);
        if (left.k === 'cmd' && (op === '&' || op === '|' || op === '>'))
          this.emit({ kind: 'argv', argv: left.argv, at: this.at(node) });
        return UNKNOWN;
      }
      case 'attribute':
        return this.attribute(node, env);
      case 'subscript': {
        const object = this.expr(node.childForFieldName('value')!, env);
        const indexNode = node.childForFieldName('subscript')!;
        if (indexNode.type === 'slice') return object.k === 'list' ? sliceOf(object, indexNode.text) : UNKNOWN;
        const index = this.expr(indexNode, env);
        if (object.k === 'ref' && object.path === 'plumbum.local') return { k: 'cmd', argv: [scalar(index)] };
        if (object.k === 'cmd') return { k: 'cmd', argv: [...object.argv, ...argvOf(index)] };
        if (object.k === 'list' && index.k === 'num' && !object.open) return object.items[index.v] ?? UNKNOWN;
        if (object.k === 'dict' && scalar(index) !== null) return object.entries.get(scalar(index)!) ?? UNKNOWN;
        // `os.environ["DATABASE_URL"]`: an environment variable, named (a driver's server may come from it).
        if (object.k === 'ref' && object.path === 'os.environ') return envRef(scalar(index));
        return UNKNOWN;
      }
      case 'call':
        return this.call(node, env);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return this.comprehension(node, env);
      case 'conditional_expression':
      case 'boolean_operator':
      case 'lambda':
      default:
        for (let k = 0; k < node.namedChildCount; k++) this.expr(node.namedChild(k)!, env);
        return UNKNOWN;
    }
  }

  /** `[t.delete() for t in dynamodb.tables.all()]`: the loop's names bound to the collection's items, then the body, once. */
  private comprehension(node: CodeNode, env: Env): Value {
    const inner: Env = new Map(env);
    const body = node.childForFieldName('body') ?? node.namedChild(0);
    for (let k = 0; k < node.namedChildCount; k++) {
      const clause = node.namedChild(k)!;
      if (clause === body) continue;
      if (clause.type === 'for_in_clause') {
        const left = clause.childForFieldName('left');
        const right = clause.childForFieldName('right');
        const items = right ? this.expr(right, inner) : UNKNOWN;
        if (left)
          this.bind(
            left,
            items.k === 'list' && !items.open && items.items.length === 1 ? items.items[0] : collectionItem(items),
            inner,
          );
      } else this.expr(clause, inner);
    }
    this.loops++;
    if (body) this.expr(body, inner);
    this.loops--;
    return UNKNOWN;
  }

  private string(node: CodeNode, env: Env): Value {
    const raw = node.text;
    this.note(raw);
    const prefix = /^[A-Za-z]*/.exec(raw)![0].toLowerCase();
    const parts: (string | null)[] = [];
    for (let k = 0; k < node.namedChildCount; k++) {
      const child = node.namedChild(k)!;
      if (child.type === 'string_content') parts.push(prefix.includes('r') ? child.text : unescapePython(child.text));
      else if (child.type === 'interpolation') {
        const inner = child.namedChild(0);
        parts.push(inner ? piece(this.expr(inner, env)) : null);
      } else if (child.type === 'escape_sequence') parts.push(unescapePython(child.text));
    }
    return joinParts(parts, LIMITS.stringLength);
  }

  private attribute(node: CodeNode, env: Env): Value {
    const known = env.get(node.text) ?? this.fields.get(node.text);
    if (known) return known;
    const objectNode = node.childForFieldName('object')!;
    const name = node.childForFieldName('attribute')!.text;
    return this.attributeOf(this.expr(objectNode, env), name, objectNode, env);
  }

  /** `object.name`, the object already evaluated. */
  private attributeOf(object: Value, name: string, objectNode: CodeNode, env: Env): Value {
    switch (object.k) {
      case 'ref':
        if (object.path === 'sys' && name === 'argv') return this.argv ?? UNKNOWN;
        if (object.path === 'plumbum.cmd' || object.path === 'sh') return { k: 'ref', path: `${object.path}.${name}` };
        if (/^sh\.[^.]+$/.test(object.path) || object.path.startsWith('plumbum.cmd.'))
          return { k: 'cmd', argv: [object.path.split('.').pop()!, name] };
        return { k: 'ref', path: `${object.path}.${name}` };
      case 'cmd':
        return { k: 'cmd', argv: [...object.argv, name] };
      case 'resource':
        if (name === 'meta') return object;
        if (RESOURCE_COLLECTIONS.has(name) && object.service)
          return { k: 'awsobj', service: object.service, type: name };
        return UNKNOWN;
      case 'awsobj':
        if (RESOURCE_COLLECTIONS.has(name)) return { k: 'awsobj', service: object.service, type: name };
        if (name === 'meta') return object;
        return UNKNOWN;
      case 'client':
        return UNKNOWN;
      case 'sdk': {
        const group = sdkAttribute(object.obj, name);
        return group ? { k: 'sdk', obj: group } : UNKNOWN;
      }
      default:
        if (
          name === 'client' &&
          objectNode.type === 'attribute' &&
          objectNode.childForFieldName('attribute')?.text === 'meta'
        ) {
          const owner = this.expr(objectNode.childForFieldName('object')!, env);
          if (owner.k === 'resource' || owner.k === 'awsobj') return { k: 'client', service: owner.service };
        }
        return UNKNOWN;
    }
  }

  /** Positional arguments (splats expanded when known) and keyword arguments. */
  private arguments(
    node: CodeNode | null,
    env: Env,
  ): { args: Value[]; open: boolean; kwargs: Map<string, Value>; kwOpen: boolean } {
    const args: Value[] = [];
    const kwargs = new Map<string, Value>();
    let open = false;
    let kwOpen = false;
    if (!node) return { args, open, kwargs, kwOpen };
    for (let k = 0; k < node.namedChildCount; k++) {
      const child = node.namedChild(k)!;
      if (child.type === 'comment') continue;
      if (child.type === 'keyword_argument')
        kwargs.set(child.childForFieldName('name')!.text, this.expr(child.childForFieldName('value')!, env));
      else if (child.type === 'list_splat') {
        const inner = this.expr(child.namedChild(0)!, env);
        if (inner.k === 'list') {
          args.push(...inner.items);
          open ||= inner.open;
        } else open = true;
      } else if (child.type === 'dictionary_splat') {
        const inner = this.expr(child.namedChild(0)!, env);
        if (inner.k === 'dict') {
          for (const [key, v] of inner.entries) kwargs.set(key, v);
          kwOpen ||= inner.open;
        } else kwOpen = true;
      } else args.push(this.expr(child, env));
    }
    if (node.type === 'generator_expression') return { args: [UNKNOWN], open: true, kwargs, kwOpen };
    return { args, open, kwargs, kwOpen };
  }

  private call(node: CodeNode, env: Env): Value {
    const fnNode = node.childForFieldName('function')!;
    const { args, open, kwargs, kwOpen } = this.arguments(node.childForFieldName('arguments'), env);
    const positional = (n: number, keyword?: string): Value | undefined =>
      args[n] ?? (keyword ? kwargs.get(keyword) : undefined);
    const restArgv = (from: number): ArgValue[] => [...args.slice(from).map(scalar), ...(open ? [null] : [])];

    let calleeOf: Value | undefined;
    // Methods on tracked objects.
    if (fnNode.type === 'attribute') {
      const method = fnNode.childForFieldName('attribute')!.text;
      const receiverNode = fnNode.childForFieldName('object')!;
      const receiver = (env.get(fnNode.text) ?? this.fields.get(fnNode.text)) ? UNKNOWN : this.expr(receiverNode, env);
      const kw: Value = { k: 'dict', entries: kwargs, open: kwOpen };
      switch (receiver.k) {
        case 'client':
          if (method === 'get_paginator' || method === 'get_waiter' || method === 'close') return UNKNOWN;
          this.sdkCall(receiver, method, args.length ? { k: 'dict', entries: kwargs, open: true } : kw, node);
          return UNKNOWN;
        case 'resource':
          if (receiver.service === undefined) return UNKNOWN;
          return { k: 'awsobj', service: receiver.service, type: method };
        case 'awsobj':
          if (COLLECTION_METHODS.has(method)) return receiver;
          if (method === 'Versioning' || method === 'LifecycleConfiguration')
            return { k: 'awsobj', service: receiver.service, type: `Bucket${method}` };
          this.resourceAction(receiver, method, kw, node);
          return UNKNOWN;
        case 'pulumi':
          if (receiver.type === 'workspace' && PULUMI_STACK_FACTORIES.has(method))
            return { k: 'pulumi', type: 'stack' };
          this.pulumiCall(receiver.type, method, args[0] ? scalar(args[0]) : null, node);
          return method === 'workspace' ? { k: 'pulumi', type: 'workspace' } : UNKNOWN;
        case 'terraform':
          this.terraformCall(method, restArgv(0), kwargs, node);
          return UNKNOWN;
        case 'db':
          return this.databaseCall(receiver, method, args[0] ?? kwargs.get('query') ?? kwargs.get('statement'), node);
        case 'sdk': {
          const first = args[0] ?? kwargs.get('bucket_name') ?? kwargs.get('name');
          const force = kwargs.get('force') ?? kwargs.get('delete_contents');
          const result = sdkMethod(
            receiver.obj,
            method,
            first ? scalar(first) : undefined,
            force !== undefined && !(force.k === 'bool' && !force.v) && force.k !== 'none',
          );
          if (result.argv) this.emit({ kind: 'api', argv: result.argv, at: this.at(node) });
          return result.object ? { k: 'sdk', obj: result.object } : UNKNOWN;
        }
        case 'cmd':
          if (method === 'run' || method === 'popen' || method === 'run_fg' || method === 'run_bg')
            this.emit({ kind: 'argv', argv: [...receiver.argv, ...restArgv(0)], at: this.at(node) });
          else if (method === 'bake' || method === 'with_cwd' || method === 'with_env') return receiver;
          return UNKNOWN;
        case 'str':
          if (method === 'split' && args.length === 0)
            return { k: 'list', items: receiver.v.split(/\s+/).filter(Boolean).map(str), open: false };
          if (method === 'join' && args[0]?.k === 'list' && !args[0].open) {
            const joined = concat(args[0].items.map(scalar), LIMITS.stringLength);
            return joined === null ? UNKNOWN : str(joined.length ? args[0].items.map(scalar).join(receiver.v) : '');
          }
          if (method === 'strip' || method === 'lower' || (method === 'format' && args.length === 0))
            return method === 'lower' ? str(receiver.v.toLowerCase()) : str(receiver.v.trim());
          return UNKNOWN;
        default:
          break;
      }
      if (
        receiver.k !== 'ref' &&
        INVOKE_METHODS.has(method) &&
        (this.usesInvoke || INVOKE_RECEIVERS.has(receiverNode.text)) &&
        args[0]
      ) {
        // invoke's `c.run("…")`, fabric's `conn.run("…")`/`sudo`/`local`: a shell command line.
        if (args[0].k === 'str' || args[0].k === 'tpl' || this.usesInvoke)
          this.emit({ kind: 'shell', code: shellText(args[0]), at: this.at(node) });
        return UNKNOWN;
      }
      if (receiver.k === 'fn' || receiverNode.text === 'self' || receiverNode.text === 'cls') {
        const fn = this.functions.get(method);
        if (fn) return this.callFunction(fn, args, kwargs, env, method, true);
      }
      if (receiver.k === 'unknown' && this.usesAws && !this.usesMoto && isCatalogueOperation(method)) {
        // An AWS operation on an object Deadbolt could not trace (a parameter, a factory's result).
        this.sdkCall({ k: 'client', service: undefined }, method, undefined, node);
        return UNKNOWN;
      }
      if ((receiver.k === 'unknown' || receiver.k === 'ref') && this.usesKubernetes) {
        const name = args[0] ?? kwargs.get('name');
        const namespace = args[1] ?? kwargs.get('namespace');
        const argv = kubernetesDelete(method, name && scalar(name), namespace && scalar(namespace));
        if (argv) {
          this.emit({ kind: 'api', argv, at: this.at(node) });
          return UNKNOWN;
        }
      }
      if (receiver.k !== 'ref') return UNKNOWN;
      calleeOf = this.attributeOf(receiver, method, receiverNode, env);
    }
    const callee = calleeOf ?? this.expr(fnNode, env);
    if (callee.k === 'fn') {
      const fn = this.functions.get(callee.name);
      return fn ? this.callFunction(fn, args, kwargs, env, callee.name, false) : UNKNOWN;
    }
    if (callee.k === 'cmd') {
      this.emit({ kind: 'argv', argv: [...callee.argv, ...restArgv(0), ...shKwargs(kwargs)], at: this.at(node) });
      return UNKNOWN;
    }
    if (callee.k !== 'ref') return UNKNOWN;
    return this.library(callee.path, node, args, kwargs, kwOpen, positional, restArgv, env);
  }

  private library(
    path: string,
    node: CodeNode,
    args: Value[],
    kwargs: Map<string, Value>,
    kwOpen: boolean,
    positional: (n: number, keyword?: string) => Value | undefined,
    restArgv: (from: number) => ArgValue[],
    env: Env,
  ): Value {
    const at = this.at(node);
    const name = path.split('.').pop()!;
    if (
      SUBPROCESS.has(path) ||
      path === 'asyncio.create_subprocess_exec' ||
      path === 'pexpect.spawn' ||
      path === 'pexpect.spawnu'
    ) {
      const command = positional(0, 'args');
      if (path === 'asyncio.create_subprocess_exec') {
        this.emit({ kind: 'argv', argv: restArgv(0), at });
        return UNKNOWN;
      }
      if (!command) return UNKNOWN;
      const shell = kwargs.get('shell');
      if (path.startsWith('pexpect') && args[1]) {
        this.emit({ kind: 'argv', argv: [scalar(command), ...argvOf(args[1])], at });
      } else if (command.k === 'list') {
        if (shell && !(shell.k === 'bool' && !shell.v) && shell.k !== 'none')
          this.emit({ kind: 'shell', code: command.items[0] ? shellText(command.items[0]) : null, at });
        else this.emit({ kind: 'argv', argv: argvOf(command), at });
      } else {
        // A string: the shell's command line with `shell=True`; otherwise a program path that people often
        // write as a command line by mistake. Read it as shell text either way.
        this.emit({ kind: 'shell', code: shellText(command), at });
      }
      return UNKNOWN;
    }
    if (SHELL_FUNCTIONS.has(path)) {
      const command = positional(0, 'cmd') ?? positional(0, 'command');
      this.emit({ kind: 'shell', code: command ? shellText(command) : null, at });
      return UNKNOWN;
    }
    if (/^os\.exec[lv]p?e?$/.test(path)) {
      // os.execv(path, args): args[0] is the program's own name; os.execl(path, arg0, arg1, …).
      const program = args[0] ? scalar(args[0]) : null;
      const rest = /^os\.execv/.test(path)
        ? args[1]
          ? argvOf(args[1]).slice(1)
          : [null]
        : restArgv(2).slice(0, path.endsWith('e') ? -1 : undefined);
      this.emit({ kind: 'argv', argv: [program, ...rest], at });
      return UNKNOWN;
    }
    if (/^os\.spawn[lv]p?e?$/.test(path)) {
      const program = args[1] ? scalar(args[1]) : null;
      const rest = /^os\.spawnv/.test(path)
        ? args[2]
          ? argvOf(args[2]).slice(1)
          : [null]
        : restArgv(3).slice(0, path.endsWith('e') ? -1 : undefined);
      this.emit({ kind: 'argv', argv: [program, ...rest], at });
      return UNKNOWN;
    }
    if (path === 'os.posix_spawn' || path === 'os.posix_spawnp') {
      this.emit({
        kind: 'argv',
        argv: [args[0] ? scalar(args[0]) : null, ...(args[1] ? argvOf(args[1]).slice(1) : [null])],
        at,
      });
      return UNKNOWN;
    }
    if (path === 'os.getenv' || path === 'os.environ.get') return envRef(args[0] ? scalar(args[0]) : null);
    if (path === 'pty.spawn') {
      // pty.spawn(argv): a list, or a program name alone.
      this.emit({ kind: 'argv', argv: args[0] ? argvOf(args[0]) : [null], at });
      return UNKNOWN;
    }
    if (path === 'runpy.run_path' || path === 'runpy.run_module') {
      // Another Python program run in this one: read as `python3 FILE` (`-m MODULE`).
      const target = args[0] ? scalar(args[0]) : null;
      this.emit({
        kind: 'argv',
        argv: path === 'runpy.run_path' ? ['python3', target] : ['python3', '-m', target],
        at,
      });
      return UNKNOWN;
    }
    if (path === 'exec' || path === 'eval' || path === 'builtins.exec' || path === 'builtins.eval') {
      this.emit({ kind: 'eval', code: args[0] ? scalar(args[0]) : null, at });
      return UNKNOWN;
    }
    if (path === 'shlex.split')
      return args[0]?.k === 'str' ? { k: 'list', items: shlexSplit(args[0].v).map(str), open: false } : UNKNOWN;
    if (path === 'shlex.quote') return args[0]?.k === 'str' ? args[0] : UNKNOWN;
    if (path === 'shlex.join' || path === 'subprocess.list2cmdline') {
      return args[0]?.k === 'list' && !args[0].open && args[0].items.every((i) => i.k === 'str')
        ? str(args[0].items.map((i) => scalar(i)!).join(' '))
        : UNKNOWN;
    }
    if (path === 'sh.Command' || path === 'plumbum.local.get')
      return { k: 'cmd', argv: [args[0] ? scalar(args[0]) : null] };
    if (
      path.startsWith('sh.') &&
      path.split('.').length === 2 &&
      !['Command', 'ErrorReturnCode', 'contrib'].includes(name)
    ) {
      this.emit({ kind: 'argv', argv: [name, ...restArgv(0), ...shKwargs(kwargs)], at });
      return UNKNOWN;
    }
    if (path.startsWith('plumbum.cmd.')) return { k: 'cmd', argv: [name, ...restArgv(0)] };
    const made = sdkConstructor(path);
    if (made) return { k: 'sdk', obj: made };
    const connection = pythonConnection(path, args[0], kwargs);
    if (connection) return { k: 'db', conn: connection };
    if (path === 'sqlalchemy.text' || path === 'sqlalchemy.sql.text' || path === 'sqlalchemy.sql.expression.text')
      return args[0] ?? UNKNOWN;
    // boto3 / aioboto3 / botocore.
    if (
      /^(boto3|aioboto3|boto3\.session\.Session|boto3\.Session|aioboto3\.Session)\.(client|resource)$/.test(path) ||
      (/\.(client|resource)$/.test(path) && /^(boto3|aioboto3|botocore)/.test(path))
    ) {
      const service = positional(0, 'service_name');
      const known = service ? scalar(service) : null;
      const listed = known === null ? undefined : cliService(known);
      if (known !== null && !listed) return UNKNOWN;
      return name === 'resource' ? { k: 'resource', service: listed } : { k: 'client', service: listed };
    }
    if (/^(boto3|aioboto3)(\.session)?\.Session$/.test(path) || path === 'botocore.session.get_session')
      return { k: 'ref', path: 'boto3' };
    // Pulumi Automation API.
    if (
      /^pulumi\.automation\.(create_stack|select_stack|create_or_select_stack)$/.test(path) ||
      /^pulumi\.automation\.Stack\.(create|select|create_or_select)$/.test(path)
    )
      return { k: 'pulumi', type: 'stack' };
    if (/^pulumi\.automation\.LocalWorkspace$/.test(path)) return { k: 'pulumi', type: 'workspace' };
    if (path === 'python_terraform.Terraform') return { k: 'terraform' };
    if (path === 'getattr' && args[1]) {
      const attr = scalar(args[1]);
      const owner = args[0];
      if (attr !== null && owner?.k === 'ref') return { k: 'ref', path: `${owner.path}.${attr}` };
      // `getattr(client, "delete_table")(…)`: the operation named, with parameters Deadbolt does not follow.
      if (attr !== null && owner?.k === 'client')
        this.sdkCall(owner, attr, { k: 'dict', entries: new Map(), open: true }, node);
      if (attr === null && owner && (owner.k === 'ref' || owner.k === 'client'))
        this.emit({
          kind: 'opaque',
          guarded: owner.k === 'client',
          at,
          why: 'calls a function whose name is computed when the program runs.',
        });
      return UNKNOWN;
    }
    if ((path === '__import__' || path === 'importlib.import_module') && args[0]) {
      const module = scalar(args[0]);
      return module === null ? UNKNOWN : { k: 'ref', path: module };
    }
    void env;
    void kwOpen;
    return UNKNOWN;
  }

  /** A method of a database connection: another handle on the same server, or SQL it runs. */
  private databaseCall(db: Value & { k: 'db' }, method: string, statement: Value | undefined, node: CodeNode): Value {
    if (HANDLE_METHODS.has(method)) return db;
    if (EXECUTE_METHODS.has(method)) {
      const effect = statementCommand(db.conn, statement, this.at(node));
      if (effect) this.emit(effect);
    }
    return UNKNOWN;
  }

  /** Calls a function defined in the program with the arguments given (bounded depth), returning what it returns. */
  private callFunction(
    fn: CodeNode,
    args: readonly Value[],
    kwargs: ReadonlyMap<string, Value>,
    env: Env,
    name?: string,
    method = false,
  ): Value {
    if (name) this.called.add(name);
    if (this.depth >= LIMITS.callDepth) return UNKNOWN;
    const inner: Env = new Map(env);
    const params = fn.childForFieldName('parameters');
    let position = 0;
    let first = true;
    for (let k = 0; params && k < params.namedChildCount; k++) {
      const p = params.namedChild(k)!;
      const pname = p.type === 'identifier' ? p.text : (p.childForFieldName('name') ?? p.namedChild(0))?.text;
      if (!pname) continue;
      if (first && method && (pname === 'self' || pname === 'cls')) {
        first = false;
        continue;
      }
      first = false;
      if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') {
        inner.set(pname, UNKNOWN);
        continue;
      }
      const given = kwargs.get(pname) ?? args[position++];
      const fallback =
        p.type === 'default_parameter' || p.type === 'typed_default_parameter'
          ? this.expr(p.childForFieldName('value')!, env)
          : UNKNOWN;
      inner.set(pname, given ?? fallback);
    }
    const body = fn.childForFieldName('body');
    const mocked = this.mockedFunctions.has(fn.startIndex);
    this.depth++;
    if (mocked) this.mocked++;
    const saved = this.returned;
    this.returned = undefined;
    if (body) this.block(body, inner);
    const result = this.returned ?? UNKNOWN;
    this.returned = saved;
    if (mocked) this.mocked--;
    this.depth--;
    return result;
  }
}

/** An environment variable read by name, as a reference (`os.environ.NAME`); unknown when the name is computed. */
function envRef(name: string | null): Value {
  return name !== null && /^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(name)
    ? { k: 'ref', path: `os.environ.${name}` }
    : UNKNOWN;
}

/** One item of a boto3 collection (`dynamodb.tables.all()` yields `Table`s), or unknown. */
function collectionItem(items: Value): Value {
  return items.k === 'awsobj' && COLLECTION_ITEMS[items.type]
    ? { k: 'awsobj', service: items.service, type: COLLECTION_ITEMS[items.type] }
    : UNKNOWN;
}

/** The context expressions of a `with` statement (`mock_aws()` in `with mock_aws():`, `open(f)` in `with open(f) as g:`). */
function withClauses(node: CodeNode): CodeNode[] {
  const out: CodeNode[] = [];
  for (let k = 0; k < node.namedChildCount; k++) {
    const clause = node.namedChild(k)!;
    if (clause.type !== 'with_clause') continue;
    for (let j = 0; j < clause.namedChildCount && out.length < 32; j++) {
      const item = clause.namedChild(j)!.namedChild(0);
      if (item) out.push(item.type === 'as_pattern' ? (item.namedChild(0) ?? item) : item);
    }
  }
  return out;
}

/** `mock_aws`, `mock_aws()`, `moto.mock_s3(...)`: a moto mock as a decorator or a context manager. */
function isMotoMock(node: CodeNode): boolean {
  const callee = node.type === 'call' ? node.childForFieldName('function') : node;
  return callee !== null && MOTO_MOCK.test(callee.text);
}

/** `mock_aws().start()`, or `m = mock_aws()` then `m.start()`: moto switched on for the rest of the run. */
function startsMotoMock(source: string): boolean {
  if (/\bmock_[a-z0-9_]+\(\)\.start\(/.test(source)) return true;
  const names = new Set<string>();
  const assigned = /\b([A-Za-z_][\w.]{0,64})\s*=\s*(?:moto\.)?mock_[a-z0-9_]+\(\s*\)/g;
  for (let m = assigned.exec(source); m && names.size < 32; m = assigned.exec(source)) names.add(m[1]);
  return [...names].some((name) => source.includes(`${name}.start(`));
}

/** `argv[1:]`, `items[:2]`: a slice of a list with literal bounds (no step); unknown otherwise. */
function sliceOf(list: Value & { k: 'list' }, text: string): Value {
  const m = /^\[?\s*(-?\d{1,4})?\s*:\s*(-?\d{1,4})?\s*\]?$/.exec(text);
  if (!m) return UNKNOWN;
  const start = m[1] === undefined ? undefined : Number(m[1]);
  const end = m[2] === undefined ? undefined : Number(m[2]);
  // A negative bound of an open list counts from an end Deadbolt does not know.
  if (list.open && ((start ?? 0) < 0 || end !== undefined)) return { k: 'list', items: [], open: true };
  return { k: 'list', items: list.items.slice(start, end), open: list.open };
}

function plus(left: Value, right: Value): Value {
  if (left.k === 'str' || left.k === 'tpl' || right.k === 'str' || right.k === 'tpl') {
    if (left.k === 'list' || right.k === 'list') return UNKNOWN;
    return joinParts([piece(left), piece(right)], LIMITS.stringLength);
  }
  if (left.k === 'list' && right.k === 'list')
    return { k: 'list', items: [...left.items, ...right.items], open: left.open || right.open };
  if (left.k === 'list') return { k: 'list', items: left.items, open: true };
  return UNKNOWN;
}

/** `sh` keyword arguments become options (`force=True` is `--force`); its own (`_cwd`) do not. */
function shKwargs(kwargs: ReadonlyMap<string, Value>): ArgValue[] {
  const out: ArgValue[] = [];
  for (const [key, value] of kwargs) {
    if (key.startsWith('_')) continue;
    const option = key.length === 1 ? `-${key}` : `--${key.replace(/_/g, '-')}`;
    if (value.k === 'bool') {
      if (value.v) out.push(option);
    } else {
      const v = scalar(value);
      out.push(v === null ? null : `${option}=${v}`);
    }
  }
  return out;
}

function unescapePython(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|.|\n)/g, (_, e: string) => {
    if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return (
      ({ n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' } as Record<string, string>)[e] ?? `\\${e}`
    );
  });
}

/** POSIX-style word splitting with quotes (Python's `shlex.split`). */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  const re = /(?:[^\s'"\\]+|'[^']*'|"(?:[^"\\]|\\.)*"|\\.)+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    words.push(
      m[0].replace(
        /'([^']*)'|"((?:[^"\\]|\\.)*)"|\\(.)/g,
        (_, a?: string, b?: string, c?: string) => a ?? (b !== undefined ? b.replace(/\\(["\\$`])/g, '$1') : (c ?? '')),
      ),
    );
  }
  return words;
}

/**
 * Reads Python program text; `undefined` when the grammar cannot be loaded.
 * `programArgs`: the program's path and arguments on the command line that
 * runs it (its `sys.argv`), when known.
 */
export async function readPython(code: string, programArgs?: readonly ArgValue[]): Promise<Reading | undefined> {
  return withTree('python', code, (root) => {
    const reader = new PythonReader(code, programArgs);
    try {
      reader.read(root);
    } catch {
      reader.incomplete ??= 'the program could not be read';
    }
    // A program using a cloud SDK or a database driver that could not be read to the end may call it in the part
    // not read: it counts as naming a tool, so the reading's gap asks.
    const mentions = reader.mentions || (reader.incomplete !== undefined && PYTHON_SDKS.test(code));
    return { effects: reader.effects, mentions, ...(reader.incomplete ? { incomplete: reader.incomplete } : {}) };
  });
}

const PYTHON_SDKS =
  /\b(boto3|botocore|aioboto3|google\.cloud|azure\.mgmt|azure\.storage|kubernetes|psycopg2?|asyncpg|sqlalchemy|pymysql|MySQLdb|pulumi|python_terraform)\b/;
