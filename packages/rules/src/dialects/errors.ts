/**
 * Input that cannot be read as what it claims to be: a template without
 * `Resources`, a resource without `Type`, a plan of an unknown format. Front
 * ends report it and exit 2; it is never a pass.
 */
export class InputError extends Error {
  constructor(
    message: string,
    public readonly source?: string,
  ) {
    super(source ? `${source}: ${message}` : message);
    this.name = 'InputError';
  }
}
