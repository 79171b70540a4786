/**
 * The task runners' names alone, for the analysis's dispatch: the readers
 * (`task-runners.ts`, the Makefile, justfile and Taskfile parsers) load only
 * when a line runs one.
 */

/**
 * Runners whose tasks live in files Deadbolt does not read (Nx `project.json`,
 * every workspace package's scripts, pyinvoke's `tasks.py`): a target whose
 * name says it tears something down asks; other targets are everyday work.
 */
/**
 * Runners whose tasks live in files Deadbolt does not read (Nx `project.json`,
 * every workspace package's scripts, pyinvoke's `tasks.py`): a target whose
 * name says it tears something down asks; other targets are everyday work.
 */
export const WORKSPACE_RUNNERS: Readonly<Record<string, { readonly file: string; readonly verbs: readonly string[] }>> =
  {
    nx: { file: 'Nx project configuration', verbs: ['run', 'run-many', 'affected'] },
    turbo: { file: "workspace packages' scripts", verbs: ['run'] },
    lerna: { file: "workspace packages' scripts", verbs: ['run', 'exec'] },
    invoke: { file: 'tasks.py', verbs: [] },
    inv: { file: 'tasks.py', verbs: [] },
  };

export const TASK_RUNNERS: ReadonlySet<string> = new Set([
  'make',
  'gmake',
  'just',
  'task',
  'go-task',
  ...Object.keys(WORKSPACE_RUNNERS),
]);
