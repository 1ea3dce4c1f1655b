import { strict as assert } from 'node:assert';
import { selectionLines } from '../../../src/presenters/selectionLines';

const at = (line: number, character: number): { line: number; character: number } => ({ line, character });

describe('selectionLines (Add Selection to Chat label)', () => {
  it('labels a selection inside one line with that line only', () => {
    assert.deepEqual(selectionLines(at(2, 4), at(2, 17)), { start: 3, end: 3 });
  });

  it('leaves out a last line the selection reaches only at character 0', () => {
    // Lines 1-3 selected by dragging to the start of line 4: the editor shows the caret on line 4, nothing of it is selected.
    assert.deepEqual(selectionLines(at(0, 0), at(3, 0)), { start: 1, end: 3 });
  });

  it('keeps the last line when the selection ends part-way through it', () => {
    assert.deepEqual(selectionLines(at(0, 0), at(3, 1)), { start: 1, end: 4 });
  });

  it('labels an empty selection with the caret line', () => {
    assert.deepEqual(selectionLines(at(5, 0), at(5, 0)), { start: 6, end: 6 });
    assert.deepEqual(selectionLines(at(5, 9), at(5, 9)), { start: 6, end: 6 });
  });

  it('gives the same lines for a selection made backwards', () => {
    assert.deepEqual(selectionLines(at(3, 0), at(0, 0)), { start: 1, end: 3 });
    assert.deepEqual(selectionLines(at(3, 2), at(1, 5)), { start: 2, end: 4 });
  });
});
