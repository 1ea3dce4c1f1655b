/** A position in a text document, zero-based like VS Code's `Position`. */
export interface TextPoint {
  readonly line: number;
  readonly character: number;
}

/** One-based, inclusive line numbers as shown in an attachment label ("README.md:1-3"). */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The lines a selection covers, one-based and inclusive. The selection may run either way
 * (anchor after active). An empty selection covers the caret's line. A selection that ends at
 * character 0 of a later line does not include that line: nothing of it is selected.
 */
export function selectionLines(anchor: TextPoint, active: TextPoint): LineSpan {
  const [first, last] = before(anchor, active) ? [anchor, active] : [active, anchor];
  const endLine = last.character === 0 && last.line > first.line ? last.line - 1 : last.line;
  return { start: first.line + 1, end: endLine + 1 };
}

function before(a: TextPoint, b: TextPoint): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}
