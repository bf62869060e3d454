import { describe, expect, it } from 'vitest';
import { createMutex } from './mutex.ts';

describe('createMutex', () => {
  it('lets holders in one at a time, in arrival order', async () => {
    const mutex = createMutex();
    const log: string[] = [];
    const hold = async (name: string) => {
      const release = await mutex.lock();
      log.push(`${name} in`);
      await Promise.resolve();
      await Promise.resolve();
      log.push(`${name} out`);
      release();
    };
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    expect(log).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('ignores a second release of the same turn', async () => {
    const mutex = createMutex();
    const first = await mutex.lock();
    const second = mutex.lock();
    first();
    const releaseSecond = await second;
    first();
    let thirdIn = false;
    const third = mutex.lock().then((release) => {
      thirdIn = true;
      release();
    });
    await Promise.resolve();
    expect(thirdIn).toBe(false);
    releaseSecond();
    await third;
    expect(thirdIn).toBe(true);
  });
});
