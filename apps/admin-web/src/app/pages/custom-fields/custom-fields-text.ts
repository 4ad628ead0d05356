/** What the delete confirmation says: the values go too, for everyone, for good. */
export function deleteMessage(label: string): string {
  return `"${label}" and its value on every employee are removed for good; this cannot be undone. Exports made earlier keep their copy.`;
}

/** The snack bar after a delete. */
export function valuesRemovedSentence(label: string, valuesRemoved: number): string {
  if (valuesRemoved === 0) return `Deleted "${label}". No employee had a value.`;
  return `Deleted "${label}" and its value on ${valuesRemoved} employee${valuesRemoved === 1 ? '' : 's'}.`;
}
