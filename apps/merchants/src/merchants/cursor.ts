import { InvalidInputException } from '@emporium/platform';

/** Opaque keyset cursor: the sort key of the last row of a page. Stable under inserts, unlike offsets. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // fall through to the 400
  }
  throw new InvalidInputException([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
}
