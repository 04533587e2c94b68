/**
 * Random passwords for `reset-password`. Entra ID requires 8 to 256 characters from at least
 * three of upper case, lower case, digits and symbols; these use all four at a length of 24.
 */
import { randomInt } from 'node:crypto';

const CLASSES = [
  'ABCDEFGHJKLMNPQRSTUVWXYZ',
  'abcdefghijkmnopqrstuvwxyz',
  '23456789',
  '!#$%&*+-=?@^_~',
];

export const PASSWORD_LENGTH = 24;

/** Generates a password from node:crypto's CSPRNG with at least one character of each class. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  if (length < CLASSES.length) {
    throw new Error(`password length ${length} is too short; use at least ${CLASSES.length}`);
  }
  const all = CLASSES.join('');
  const characters = CLASSES.map((set) => set[randomInt(set.length)]);
  while (characters.length < length) characters.push(all[randomInt(all.length)]);

  // Fisher-Yates with a CSPRNG, so the guaranteed characters are not always at the front.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j], characters[i]];
  }
  return characters.join('');
}
