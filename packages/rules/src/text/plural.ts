/**
 * A count and its noun, agreeing: `plural(1, 'stack')` is "1 stack",
 * `plural(2, 'stack')` is "2 stacks". Every count a message prints goes through
 * here, so no output says "1 stacks" or "2 change".
 *
 * @param count how many
 * @param singular the noun for one (`stack`, `day`)
 * @param pluralForm the noun for any other count, when adding `s` is wrong (`properties`, `entries`)
 */
export function plural(count: number, singular: string, pluralForm: string = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
