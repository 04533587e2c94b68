/**
 * Deterministic randomness for the demo tenants and the large-tenant generator, so every run
 * writes byte-identical snapshots and the expected findings can name exact ids.
 */
import { createHash } from 'node:crypto';

export interface Random {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  guid(): string;
  /** Opaque Exchange or directory style id: base64 of `bytes` random bytes. */
  base64(bytes: number): string;
  hex(length: number): string;
}

/** Creates a mulberry32 generator. The same seed always yields the same sequence. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const bytes = (count: number): Buffer => {
    const buffer = Buffer.alloc(count);
    for (let i = 0; i < count; i += 1) {
      buffer[i] = Math.floor(next() * 256);
    }
    return buffer;
  };

  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    guid: () => formatGuid(bytes(16)),
    base64: (count) => bytes(count).toString('base64'),
    hex: (length) =>
      bytes(Math.ceil(length / 2))
        .toString('hex')
        .slice(0, length),
  };
}

/**
 * Derives a stable version-4 style GUID from a name, so a named object (a user, a group, an
 * app) keeps its id when events are added to a tenant and the PRNG sequence shifts.
 */
export function guidFor(name: string): string {
  return formatGuid(createHash('sha256').update(name).digest().subarray(0, 16));
}

function formatGuid(raw: Buffer): string {
  const buffer = Buffer.from(raw);
  buffer[6] = (buffer[6] & 0x0f) | 0x40;
  buffer[8] = (buffer[8] & 0x3f) | 0x80;
  const hex = buffer.toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join('-');
}
