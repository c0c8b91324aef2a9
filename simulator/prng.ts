// A small seeded pseudo-random generator, so the seed data and generated IDs are the same on every
// run (tests rely on it) without touching Math.random or the clock.

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error("pick() from an empty list");
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (probability) => next() < probability,
  };
}

const ID_LETTERS = [..."abcdefghijklmnopqrstuvwxyz"];
const ID_CHARS = [..."abcdefghijklmnopqrstuvwxyz0123456789"];

/** A DTS-shaped job ID: 15 lower-case alphanumerics starting with a letter (e.g. `l3m1213ye7l3k2j`). */
export function randomJobId(prng: Prng): string {
  let id = prng.pick(ID_LETTERS);
  for (let i = 1; i < 15; i++) id += prng.pick(ID_CHARS);
  return id;
}

/** Lower-case alphanumerics of the given length, for cloud resource IDs (`rm-bp1...`). */
export function randomSuffix(prng: Prng, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += prng.pick(ID_CHARS);
  return out;
}
