import "server-only";
// Serialises async work per key inside this process. Sign-in uses it so that parallel guesses at
// one username (or from one address) are checked one after another against the failure count,
// instead of all passing the check before any failure is recorded.

export class LockQueueFullError extends Error {
  override readonly name = "LockQueueFullError";
}

interface Queue {
  tail: Promise<void>;
  waiting: number;
}

const queues = new Map<string, Queue>();

/** More waiters than this on one key is an attack, not a person: refuse at once rather than queue. */
export const MAX_WAITERS_PER_KEY = 20;

async function withKeyLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const queue = queues.get(key) ?? { tail: Promise.resolve(), waiting: 0 };
  if (queue.waiting >= MAX_WAITERS_PER_KEY) throw new LockQueueFullError(`Too many concurrent attempts on one key`);
  queues.set(key, queue);

  const previous = queue.tail;
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  queue.tail = previous.then(() => mine);
  queue.waiting += 1;
  try {
    await previous;
    return await work();
  } finally {
    queue.waiting -= 1;
    release();
    if (queue.waiting === 0) queues.delete(key);
  }
}

/** Runs `work` holding every key's lock, taken in sorted order so two callers cannot deadlock. */
export function withKeyLocks<T>(keys: string[], work: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const run = sorted.reduceRight<() => Promise<T>>((inner, key) => () => withKeyLock(key, inner), work);
  return run();
}
