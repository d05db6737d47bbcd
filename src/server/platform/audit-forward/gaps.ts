// Sequence numbers are taken when a row is inserted but become visible when its transaction commits,
// so seq 11 can be readable while seq 10 is still on its way; moving the cursor past 10 then would
// lose it for good. Every transaction that inserts into a table holds its RowExclusiveLock from before
// the number is drawn until it ends, so a gap can only still fill while one of the transactions that
// held that lock when the gap was first seen is running. Once they have all ended (and a fresh read
// still finds nothing) the numbers were rolled back and the gap is passed. Nothing is ever skipped on
// time alone: a transaction left open holds forwarding until it ends, with a warning.

export type Verdict = 'open' | 'passable';

interface Pending {
  from: number;
  holders: Set<string>;
  seenAt: number;
  warned: boolean;
}

export class GapGuard {
  private pending: Pending | undefined;

  constructor(private readonly stallWarnMs: number) {}

  // `holders`: the virtual transaction ids that hold the insert lock now. `onStall` hears once per gap
  // that it has been open longer than stallWarnMs.
  verdict(from: number, holders: readonly string[], now: number, onStall?: (from: number, sinceMs: number) => void): Verdict {
    const p = this.pending;
    if (p?.from !== from) {
      this.pending = { from, holders: new Set(holders), seenAt: now, warned: false };
      return holders.length === 0 ? 'passable' : 'open';
    }
    if (!holders.some((h) => p.holders.has(h))) return 'passable';
    if (!p.warned && now - p.seenAt >= this.stallWarnMs) {
      p.warned = true;
      onStall?.(from, now - p.seenAt);
    }
    return 'open';
  }
}
