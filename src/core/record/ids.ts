/**
 * Incident and record ids. An incident id is `INC-` plus 8 Crockford base32
 * characters: 5 from the clock (minutes since 2024, so ids roughly sort by
 * declaration time) and 3 random (32,768 per minute). Two responders on two
 * branches would have to declare in the same minute and draw the same random
 * part to collide; no sequential counter exists to clash on merge.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const EPOCH_MS = Date.UTC(2024, 0, 1);

export type RandomSource = (bytes: number) => Uint8Array;

export const cryptoRandom: RandomSource = (bytes) => {
  const out = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(out);
  return out;
};

/** 64 bits of FNV-1a over the text, as 16 hex digits: stable across machines and versions (no crypto in the pure core). */
export function stableHash(text: string): string {
  let high = 0xcbf29ce4;
  let low = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    low ^= text.charCodeAt(i);
    // Multiply the 64-bit value by the FNV prime 0x100000001b3, in 32-bit halves.
    const lowProduct = low * 0x1b3;
    const carry = Math.floor(lowProduct / 0x100000000);
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + carry) >>> 0;
    low = lowProduct >>> 0;
  }
  return `${high.toString(16).padStart(8, '0')}${low.toString(16).padStart(8, '0')}`;
}

function encode(value: number, length: number): string {
  let text = '';
  let rest = value;
  for (let i = 0; i < length; i++) {
    text = CROCKFORD_ALPHABET[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

function randomChars(length: number, random: RandomSource): string {
  return Array.from(random(length), (byte) => CROCKFORD_ALPHABET[byte % 32]).join('');
}

export function newIncidentId(now: Date = new Date(), random: RandomSource = cryptoRandom): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - EPOCH_MS) / 60_000)) % 32 ** 5;
  return `INC-${encode(minutes, 5)}${randomChars(3, random)}`;
}

/** Ids for timeline events, updates, action items and deploys: 12 random characters. */
export function newRecordId(random: RandomSource = cryptoRandom): string {
  return randomChars(12, random).toLowerCase();
}

/**
 * The id an incident takes when another incident, declared elsewhere, drew the
 * same one (the same minute and the same three random characters): the same
 * time part, and three characters from a hash of when and by whom it was
 * declared, so every replica that meets the clash picks the same new id.
 */
export function clashFreeIncidentId(id: string, birth: string): string {
  const hash = Number.parseInt(stableHash(birth).slice(-8), 16);
  for (let attempt = 0; ; attempt++) {
    const value = (hash + attempt * 7919) % 32 ** 3;
    const candidate = `${id.slice(0, 9)}${encode(value, 3)}`;
    if (candidate !== id) return candidate;
  }
}
