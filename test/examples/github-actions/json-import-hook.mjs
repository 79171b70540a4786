// @actions/workflow-parser imports its JSON schema without an import attribute
// (it is built for bundlers); Node refuses that. This loader hook adds
// `type: 'json'` to JSON imports so the parser runs under plain Node.
// https://nodejs.org/docs/latest-v20.x/api/module.html#customization-hooks
export async function load(url, context, nextLoad) {
  if (url.endsWith('.json'))
    return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  return nextLoad(url, context);
}
