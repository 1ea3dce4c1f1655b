import * as assert from 'node:assert/strict';
import { StorageError } from '../../../src/core/storage/storageError';
import { StorageProblemReporter, describeStorageProblem } from '../../../src/core/storage/storageProblems';

describe('store problems are reported once', () => {
  const readOnly = (): StorageError => new StorageError({ reason: 'read_only', path: '/home/u/.local/share/switchboard/switchboard.db', operation: 'record usage', detail: 'attempt to write a readonly database' });

  it('reports the first failure of each kind, again after the store worked, and ignores other errors', () => {
    const seen: string[] = [];
    const r = new StorageProblemReporter((e) => seen.push(e.reason));
    assert.equal(r.failed(readOnly()), true);
    assert.equal(r.failed(readOnly()), false);
    assert.equal(r.failed(new StorageError({ reason: 'disk_full', path: readOnly().path, operation: 'record usage', detail: 'database or disk is full' })), true);
    assert.equal(r.failed(new Error('not a store error')), false);
    r.succeeded();
    assert.equal(r.failed(readOnly()), true);
    assert.deepEqual(seen, ['read_only', 'disk_full', 'read_only']);
  });

  it('describes a problem in one line with the file and the fix', () => {
    assert.equal(describeStorageProblem(readOnly()), 'Usage is not being recorded: Switchboard could not record usage in /home/u/.local/share/switchboard/switchboard.db: attempt to write a readonly database. Make the folder writable, or point SWITCHBOARD_HOME at a writable folder.');
  });
});
