import { parseArgs, type ParseArgsConfig } from 'util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What `parseArgs` returns for `options`. */
export type ParsedCommandArgs<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>;

/**
 * `util.parseArgs` in strict mode, with its errors turned into one-line
 * `UsageError`s that name the command.
 */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
): ParsedCommandArgs<O> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const option = /'(-[^']*)'/.exec(err.message)?.[1];
    switch (err.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(
          `${command}: unknown option \`${option ?? err.message}\`. See \`npx deadbolt ${command} --help\`.`,
        );
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(
          option && /argument missing/.test(err.message)
            ? `${command}: option \`${option}\` needs a value. See \`npx deadbolt ${command} --help\`.`
            : `${command}: ${err.message.split('\n')[0].replace(/\.?$/, '.')} See \`npx deadbolt ${command} --help\`.`,
        );
      default:
        throw new UsageError(`${command}: ${err.message.split('\n')[0]}`);
    }
  }
}

/** Values of a repeatable option, also accepting comma-separated lists (`--rule a,b`). */
export function listValues(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}
