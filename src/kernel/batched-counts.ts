// Counts gathered in memory and written in batches: for counters on hot paths (a product page
// view, an API call) where a write per event would cost more than the count is worth. Each
// process keeps its own batch per runtime and writes it with one upsert: every `flushMs`, when
// it grows past `maxKeys`, before a report reads the counts, and when the server closes. What a
// process holds when it crashes (at most `flushMs` of counts) is lost, so use it only for counts
// where that is acceptable and say so where it is used.
import type { Runtime } from './context.ts';

interface Batch<R> {
  rows: Map<string, R>;
  timer: NodeJS.Timeout | undefined;
  /** The flush being written, which the next one waits for. */
  writing: Promise<void>;
}

export interface BatchedCounts<R> {
  /** Adds to the row under `key`, made by `init` the first time the batch sees the key. */
  add(rt: Runtime, key: string, init: () => R, bump: (row: R) => void): void;
  /** Writes what was gathered so far; resolves once it, and any flush before, is in the database. */
  flush(rt: Runtime): Promise<void>;
}

export function batchedCounts<R>(opts: {
  /** For the log line when a batch could not be written. */
  what: string;
  flushMs: number;
  maxKeys: number;
  /** One upsert of the rows (adding to what is stored). */
  write(rt: Runtime, rows: R[]): Promise<void>;
}): BatchedCounts<R> {
  const batches = new WeakMap<Runtime, Batch<R>>();
  const batchOf = (rt: Runtime): Batch<R> => {
    let b = batches.get(rt);
    if (!b) {
      b = { rows: new Map(), timer: undefined, writing: Promise.resolve() };
      batches.set(rt, b);
    }
    return b;
  };
  const flush = (rt: Runtime): Promise<void> => {
    const b = batchOf(rt);
    if (b.timer) clearTimeout(b.timer);
    b.timer = undefined;
    const rows = [...b.rows.values()];
    b.rows = new Map();
    b.writing = b.writing.then(async () => {
      if (!rows.length) return;
      try {
        await opts.write(rt, rows);
      } catch (err) {
        rt.log.warn({ err, rows: rows.length }, `${opts.what} not written`);
      }
    });
    return b.writing;
  };
  return {
    add(rt, key, init, bump) {
      const b = batchOf(rt);
      let row = b.rows.get(key);
      if (!row) {
        row = init();
        b.rows.set(key, row);
      }
      bump(row);
      if (b.rows.size >= opts.maxKeys) void flush(rt);
      else if (!b.timer) {
        b.timer = setTimeout(() => void flush(rt), opts.flushMs);
        b.timer.unref();
      }
    },
    flush,
  };
}
