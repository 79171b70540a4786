/**
 * The catalogue of commands the Claude Code hook stops: data only. Each entry
 * says why the command loses data and what to do instead; `tools.ts` reads
 * the command line against it.
 *
 * "deny": the command deletes data, or removes what protects it, with nobody
 * looking. "ask": it may, and only a human can tell (a saved plan, a state
 * edit, a deploy that applies whatever changed).
 */

export type Decision = 'deny' | 'ask';

export interface Verdict {
  readonly decision: Decision;
  /** One sentence of consequence: how the data is lost. */
  readonly why: string;
  /** What to do instead. */
  readonly instead: string;
  /**
   * How the reason opens, when not the default ("Deadbolt blocked this command" / "Deadbolt cannot tell whether
   * this command is safe"): an "ask" that is a judgement, not a doubt (a change to production).
   */
  readonly head?: string;
}

export { GUARDED_TOOLS } from './guarded-tools';

const PLAN_FIRST =
  'Save a plan (`terraform plan -out=tfplan`), check it with `terraform show -json tfplan > plan.json && npx deadbolt plan plan.json`, and have a human review and apply it.';
const PULUMI_FIRST =
  'Run `pulumi preview --json > preview.json`, check it with `npx deadbolt plan preview.json`, and have a human run the update.';
export const HUMAN_ONLY =
  'If it really has to go, a human runs it, after checking that a final snapshot or backup exists in another account.';

export const TERRAFORM = {
  destroy: {
    decision: 'deny',
    why: 'destroys every resource in the workspace, databases, buckets and their backups included.',
    instead: `${PLAN_FIRST} To see what a destroy would delete: \`terraform plan -destroy\`.`,
  },
  applyDestroy: {
    decision: 'deny',
    why: 'is a destroy: it deletes every resource in the workspace, databases and buckets included.',
    instead: `${PLAN_FIRST} To see what a destroy would delete: \`terraform plan -destroy\`.`,
  },
  autoApprove: {
    decision: 'deny',
    why: 'applies whatever the plan contains without showing it to anyone; a replaced or removed database is deleted with its automated backups.',
    instead: PLAN_FIRST,
  },
  stdinApproval: {
    decision: 'deny',
    why: 'answers the approval prompt from a pipe or here-document, so the plan is applied without anyone reading it.',
    instead: PLAN_FIRST,
  },
  savedPlan: {
    decision: 'ask',
    why: 'applies a saved plan without a prompt; a saved plan may replace or destroy resources that hold data.',
    instead: 'Check the plan first: `terraform show -json PLANFILE > plan.json && npx deadbolt plan plan.json`.',
  },
  workspaceDelete: {
    decision: 'deny',
    why: 'deletes a workspace and its state: Terraform forgets every resource in it.',
    instead: 'A human deletes workspaces, after `terraform state list` shows the workspace is empty.',
  },
  stateEdit: {
    decision: 'ask',
    why: 'edits the state by hand; a resource removed or moved in the state can be destroyed or duplicated by the next apply.',
    instead: 'Prefer `removed`, `moved` and `import` blocks in the configuration, reviewed in a plan.',
  },
  taint: {
    decision: 'ask',
    why: 'marks a resource for replacement: the next apply deletes it and creates a new, empty one.',
    instead: 'Use `terraform plan -replace=ADDRESS` so the replacement is shown in a reviewed plan.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand or options computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand and options out literally.',
  },
  terragruntAll: {
    decision: 'deny',
    why: 'applies every module under the directory, and Terragrunt passes `-auto-approve` to each one.',
    instead:
      "Plan every module (`terragrunt run --all -- plan -out=tfplan`), check each module's plan in its directory (`TG_LOG_DISABLE=true terragrunt show -json tfplan > plan.json && npx deadbolt plan plan.json`), and have a human apply them.",
  },
} satisfies Record<string, Verdict>;

export const PULUMI = {
  destroy: {
    decision: 'deny',
    why: 'deletes every resource in the stack, databases and buckets included (protected resources excepted).',
    instead: `To see what it would delete: \`pulumi destroy --preview-only\`. ${PULUMI_FIRST}`,
  },
  autoApprove: {
    decision: 'deny',
    why: 'applies the update without showing the preview to anyone; a replaced database or bucket is deleted.',
    instead: PULUMI_FIRST,
  },
  stackRm: {
    decision: 'deny',
    why: 'removes the stack; with `--force` it drops the state of resources that still exist, and Pulumi no longer protects them.',
    instead: 'A human removes stacks, after `pulumi stack --show-urns` shows the stack is empty.',
  },
  stateDelete: {
    decision: 'deny',
    why: 'removes resources from the state (with `--force`, protected ones too): Pulumi forgets them, and the next update may create duplicates or lose track of the data.',
    instead: 'Use `pulumi refresh` or the `retainOnDelete` option, reviewed in a preview.',
  },
  unprotect: {
    decision: 'deny',
    why: 'clears `protect` on resources, so the next update or destroy can delete them.',
    instead:
      'Change `protect` in the program, where the change is reviewed, and check the preview: `pulumi preview --json > preview.json && npx deadbolt plan preview.json`.',
  },
  ignoreProtect: {
    decision: 'deny',
    why: 'asks Pulumi to ignore `protect`, the flag that keeps databases and buckets from being deleted.',
    instead: 'Change `protect` in the program, where the change is reviewed.',
  },
  stateEdit: {
    decision: 'ask',
    why: 'edits the stack state by hand; a resource lost from the state is no longer protected or tracked.',
    instead: 'Prefer aliases and `import` in the program, reviewed in a preview.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand or options computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand and options out literally.',
  },
} satisfies Record<string, Verdict>;

export const CDK = {
  destroy: {
    decision: 'deny',
    why: 'deletes the CloudFormation stacks; every resource whose DeletionPolicy is not Retain or Snapshot is deleted, databases and buckets included.',
    instead:
      'A human runs `cdk destroy`, after `npx deadbolt check cdk.out` shows every stateful resource is retained.',
  },
  deploy: {
    decision: 'ask',
    why: 'deploys without showing the changes; CloudFormation deletes replaced resources, a database included, unless UpdateReplacePolicy keeps them.',
    instead:
      'Run `cdk diff` and `npx deadbolt check cdk.out` first, or create the change set without executing it (`cdk deploy STACK --method=prepare-change-set --change-set-name deadbolt-review`) and check it: `aws cloudformation describe-change-set --stack-name STACK --change-set-name deadbolt-review --include-property-values > cs.json && npx deadbolt plan cs.json`.',
  },
  unknownArguments: {
    decision: 'ask',
    why: 'runs with a subcommand computed when the line runs, so Deadbolt cannot tell whether it destroys anything.',
    instead: 'Write the subcommand out literally.',
  },
} satisfies Record<string, Verdict>;

export const CDKTF = {
  destroy: TERRAFORM.destroy,
  autoApprove: TERRAFORM.autoApprove,
  unknownArguments: TERRAFORM.unknownArguments,
} satisfies Record<string, Verdict>;

export const SAM = {
  delete: {
    decision: 'deny',
    why: 'deletes the CloudFormation stack and every resource in it that is not retained.',
    instead: HUMAN_ONLY,
  },
  deploy: {
    decision: 'ask',
    why: 'executes the change set without showing it; replaced resources are deleted.',
    instead:
      'Deploy with `--no-execute-changeset`, then check the change set it names: `aws cloudformation describe-change-set --change-set-name CHANGE_SET_ARN --include-property-values > cs.json && npx deadbolt plan cs.json`.',
  },
} satisfies Record<string, Verdict>;

export const SERVERLESS = {
  remove: {
    decision: 'deny',
    why: "deletes the service's CloudFormation stack and every resource in it that is not retained.",
    instead: HUMAN_ONLY,
  },
} satisfies Record<string, Verdict>;

/** Verdicts for what the hook cannot see through. */
export const OPAQUE = {
  dynamicCommand: {
    decision: 'ask',
    why: 'runs a command whose name is computed when the line runs (a variable, a substitution, a glob), so Deadbolt cannot tell which program it is.',
    instead: 'Write the command name out literally.',
  },
  shellFromPipe: {
    decision: 'ask',
    why: 'feeds a shell commands that only exist when the line runs (a pipe, a decoded or downloaded script), so Deadbolt cannot read them.',
    instead: 'Write the commands out, or save the script to a file a human can read first.',
  },
  dynamicCode: {
    decision: 'ask',
    why: 'runs shell code built when the line runs (`eval` of a variable, `sh -c "$x"`), so Deadbolt cannot read it.',
    instead: 'Write the commands out literally.',
  },
  inlineCode: {
    decision: 'ask',
    why: 'runs inline code that mentions an infrastructure tool or starts processes from decoded or computed strings; Deadbolt does not read programs.',
    instead: 'Run the tool directly, so the hook can check the command.',
  },
  unreadableScript: {
    decision: 'ask',
    why: 'runs a shell script Deadbolt cannot read (missing, too large, or not a regular file).',
    instead: 'Make sure the script exists before running it, so the hook can read it.',
  },
  wrapped: {
    decision: 'ask',
    why: 'passes an infrastructure command to another program, which may run it.',
    instead: 'Run the tool directly, so the hook can check the command.',
  },
  incomplete: {
    decision: 'ask',
    why: 'could not be fully parsed, and it mentions an infrastructure tool or builds commands at run time.',
    instead: 'Write the command line out plainly (check the quotes).',
  },
  tooDeep: {
    decision: 'ask',
    why: 'nests shells within shells too deeply for Deadbolt to follow.',
    instead: 'Write the commands out without nesting.',
  },
} satisfies Record<string, Verdict>;
