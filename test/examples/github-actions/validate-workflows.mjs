// Validates GitHub Actions workflow files with GitHub's own workflow parser
// and schema (@actions/workflow-parser, the one behind the Actions language
// service): keys, value types, permission scopes, expressions, cron syntax.
// Prints `{ "<file>": ["<error>", …] }` and exits 0; the test judges.
//   node --import ./register-json-import-hook.mjs validate-workflows.mjs FILE…
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from '@actions/workflow-parser';

const errors = {};
for (const file of process.argv.slice(2)) {
  const parsed = parseWorkflow(
    { name: basename(file), content: readFileSync(file, 'utf8') },
    new NoOperationTraceWriter(),
  );
  const found = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value && found.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) found.push(e.Message);
  }
  if (!parsed.value) found.push('the file is not a workflow');
  errors[file] = found;
}
process.stdout.write(`${JSON.stringify(errors)}\n`);
