/**
 * Placeholders that messages and docs show where the reason goes, and the
 * stock fillers people type to get past a prompt. An acknowledgement that
 * keeps one of them was never written.
 */
const UNWRITTEN = /^(?:<[^<>]*>|\[[^[\]]*\]|\{[^{}]*\}|\.{3}|…|todo|tbd|fixme|n\/?a|none|reason|xxx+|-+|\?+)$/i;

/**
 * Whether `reason` says why a risk is accepted: a string with words in it, not
 * empty and not a placeholder left as written (`'<why losing this data is accepted>'`,
 * `TODO`, `…`). Every acknowledgement, approval and break-glass entry needs one,
 * so that the record says who accepted what, and why.
 */
export function isWrittenReason(reason: unknown): reason is string {
  if (typeof reason !== 'string') return false;
  const text = reason.trim();
  return text !== '' && !UNWRITTEN.test(text);
}
