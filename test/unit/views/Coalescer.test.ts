import * as assert from 'node:assert';
import { Coalescer } from '../../../src/views/Coalescer';
import { ManualTimers } from '../helpers/ManualTimers';

suite('views: Coalescer', () => {
  test('the first change redraws at once; a burst folds into one trailing redraw', () => {
    const timers = new ManualTimers();
    let fired = 0;
    const coalescer = new Coalescer(() => fired++, 100, timers);
    coalescer.trigger();
    assert.strictEqual(fired, 1, 'at once');
    for (let i = 0; i < 5; i++) coalescer.trigger();
    assert.strictEqual(fired, 1, 'the burst waits');
    timers.advance(100);
    assert.strictEqual(fired, 2, 'one trailing redraw');
    timers.advance(1000);
    assert.strictEqual(fired, 2, 'nothing more without changes');
    coalescer.trigger();
    assert.strictEqual(fired, 3, 'a change after a quiet window redraws at once again');
  });

  test('dispose drops a pending redraw', () => {
    const timers = new ManualTimers();
    let fired = 0;
    const coalescer = new Coalescer(() => fired++, 100, timers);
    coalescer.trigger();
    coalescer.trigger();
    coalescer.dispose();
    timers.advance(500);
    assert.strictEqual(fired, 1);
  });
});
