import * as assert from 'node:assert/strict';
import { Disposable, DisposableStore, MutableDisposable, disposeAll, toDisposable } from '../../../src/common/dispose';

function recorder(log: string[], name: string, fail = false) {
  return toDisposable(() => {
    log.push(name);
    if (fail) throw new Error(`${name} failed`);
  });
}

describe('dispose', () => {
  it('disposes newest first, every one even when one throws, and rethrows the error', () => {
    const log: string[] = [];
    assert.throws(() => disposeAll([recorder(log, 'a'), recorder(log, 'b', true), recorder(log, 'c')]), /b failed/);
    assert.deepEqual(log, ['c', 'b', 'a']);
  });

  it('reports several failures together', () => {
    const log: string[] = [];
    assert.throws(() => disposeAll([recorder(log, 'a', true), recorder(log, 'b', true)]), AggregateError);
    assert.deepEqual(log, ['b', 'a']);
  });

  it('toDisposable runs its clean-up once', () => {
    const log: string[] = [];
    const d = recorder(log, 'x');
    d.dispose();
    d.dispose();
    assert.deepEqual(log, ['x']);
  });

  it('a store disposes what is added after it was disposed, at once', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    store.add(recorder(log, 'early'));
    store.dispose();
    assert.deepEqual(log, ['early']);
    store.add(recorder(log, 'late'));
    assert.deepEqual(log, ['early', 'late']);
    store.dispose();
    assert.deepEqual(log, ['early', 'late']);
  });

  it('a store can be cleared and reused, and delete disposes one value', () => {
    const log: string[] = [];
    const store = new DisposableStore();
    const one = store.add(recorder(log, 'one'));
    store.add(recorder(log, 'two'));
    store.delete(one);
    assert.deepEqual(log, ['one']);
    store.clear();
    assert.deepEqual(log, ['one', 'two']);
    store.add(recorder(log, 'three'));
    store.dispose();
    assert.deepEqual(log, ['one', 'two', 'three']);
  });

  it('a Disposable subclass disposes what it registered', () => {
    const log: string[] = [];
    class Feature extends Disposable {
      constructor() {
        super();
        this._register(recorder(log, 'listener'));
        this._register(recorder(log, 'watcher'));
      }
    }
    const feature = new Feature();
    feature.dispose();
    feature.dispose();
    assert.deepEqual(log, ['watcher', 'listener']);
  });

  it('MutableDisposable disposes the value it replaces, and values set after disposal', () => {
    const log: string[] = [];
    const slot = new MutableDisposable();
    slot.value = recorder(log, 'first');
    slot.value = recorder(log, 'second');
    assert.deepEqual(log, ['first']);
    slot.dispose();
    assert.deepEqual(log, ['first', 'second']);
    slot.value = recorder(log, 'third');
    assert.deepEqual(log, ['first', 'second', 'third']);
    assert.equal(slot.value, undefined);
  });
});
