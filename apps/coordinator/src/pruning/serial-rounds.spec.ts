import { describe, expect, it } from 'vitest';
import { SerialRounds } from './serial-rounds';

describe('SerialRounds', () => {
  it('never overlaps the rounds of a key, takes what arrived meanwhile in the next round, and runs keys apart', async () => {
    const rounds: string[] = [];
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const serial = new SerialRounds<number>(async (key, requests) => {
      running++;
      most = Math.max(most, running);
      rounds.push(`${key}:${requests.join(',')}`);
      if (rounds.length === 1) await gate;
      running--;
    });
    const first = [serial.submit('a', 1), serial.submit('a', 2)];
    await new Promise((r) => setImmediate(r));
    const later = [serial.submit('a', 3), serial.submit('a', 4)];
    await serial.submit('b', 9);
    release();
    await Promise.all([...first, ...later]);
    expect(rounds).toEqual(['a:1,2', 'b:9', 'a:3,4']);
    // Keys a and b overlap; two rounds of a never do.
    expect(most).toBe(2);
    expect(serial.busyKeys()).toEqual([]);
  });

  it('rejects every request of a failed round, and the next round runs', async () => {
    let fail = true;
    const serial = new SerialRounds<number>(async () => {
      if (fail) throw new Error('database down');
    });
    const failed = await Promise.allSettled([serial.submit('a', 1), serial.submit('a', 2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(serial.submit('a', 3)).resolves.toBeUndefined();
  });
});
