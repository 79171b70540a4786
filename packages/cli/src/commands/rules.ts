/** `deadbolt rules`: the catalogue, as text, a Markdown table or JSON. */
import { CATALOGUE } from '@deadbolt/rules';
import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { formatRulesJson } from '../formatters/json';
import { formatRulesMarkdown } from '../formatters/markdown';
import { formatRulesText } from '../formatters/text';
import { formatTypesJson, formatTypesMarkdown, formatTypesText } from '../formatters/data-stores';

export const RULES_FORMATS = ['text', 'markdown', 'json'] as const;

const USAGE = `Usage: deadbolt rules [--types] [--format text|markdown|json]

Lists the rules: id, severity, requirement, resource types, why, and fix.
With --types, lists the decision on every resource type instead: a data store
(what it holds, whether DeletionPolicy Snapshot is supported, the settings
that keep its data with their default, safe value and rule), a member judged
by its cluster, or out of scope with the reason.

Options:
  -t, --types          List every resource type's decision instead of the rules.
  -f, --format FORMAT  text (default), markdown (a table) or json.
  -h, --help           Show this help.
`;

export const rules: Command = {
  name: 'rules',
  summary: 'List the rules.',
  usage: USAGE,
  async run(args, ctx) {
    const { values, positionals } = parseCommandArgs('rules', args, {
      format: { type: 'string', short: 'f' },
      types: { type: 'boolean', short: 't' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (positionals.length)
      throw new UsageError(`rules: unexpected argument \`${positionals[0]}\`. See \`npx deadbolt rules --help\`.`);
    const format = values.format ?? 'text';
    if (values.types) {
      if (format === 'text') ctx.stdout.write(formatTypesText());
      else if (format === 'markdown') ctx.stdout.write(formatTypesMarkdown());
      else if (format === 'json') ctx.stdout.write(formatTypesJson());
      else throw new UsageError(`rules: unknown format \`${values.format}\`; use ${RULES_FORMATS.join(', ')}.`);
      return 0;
    }
    switch (format) {
      case 'text':
        ctx.stdout.write(formatRulesText(CATALOGUE));
        return 0;
      case 'markdown':
        ctx.stdout.write(formatRulesMarkdown(CATALOGUE));
        return 0;
      case 'json':
        ctx.stdout.write(formatRulesJson(CATALOGUE));
        return 0;
      default:
        throw new UsageError(`rules: unknown format \`${values.format}\`; use ${RULES_FORMATS.join(', ')}.`);
    }
  },
};
