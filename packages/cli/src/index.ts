export { execute, usage, version, COMMANDS, type ExecuteOptions } from './cli';
export type { Command, CommandContext, OutputStream } from './command';
export { UsageError } from './errors';
export { formatText, formatRulesText, type TextOptions } from './formatters/text';
export { formatJson, formatRulesJson } from './formatters/json';
export { formatSarif, SARIF_SCHEMA, type SarifOptions } from './formatters/sarif';
export {
  formatRulesMarkdown,
  replaceRulesTable,
  rulesTableIn,
  RULES_START_MARKER,
  RULES_END_MARKER,
} from './formatters/markdown';
export {
  formatTypesText,
  formatTypesMarkdown,
  formatTypesJson,
  replaceTypesTable,
  typesTableIn,
  TYPES_START_MARKER,
  TYPES_END_MARKER,
} from './formatters/data-stores';
export { countFindings, summaryLine, type CheckReport, type Counts } from './formatters/report';
export { parseTemplate, readTemplateFile } from './input/template-file';
export { loadInputs, type LoadedInputs, type LoadOptions, type TerraformInputs } from './input/inputs';
export { type TerraformBlock } from './input/terraform-files';
