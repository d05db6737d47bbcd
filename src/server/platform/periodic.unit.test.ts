import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPeriodic } from './periodic.js';

describe('periodic upkeep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs after the first delay and then every interval, never two runs at once; errors are reported, not thrown', async () => {
    vi.useFakeTimers();
    let started = 0;
    let release: () => void = () => {};
    const errors: unknown[] = [];
    const job = startPeriodic(
      () => {
        started++;
        if (started === 2) return Promise.reject(new Error('database away'));
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { firstAfterMs: 100, everyMs: 1000, onError: (err) => errors.push(err) },
    );
    await vi.advanceTimersByTimeAsync(99);
    expect(started).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(1);
    // the first run is still going at the next tick: no second run starts
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(3);
    const stopping = job.stop();
    release();
    await stopping;
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(3);
  });
});
