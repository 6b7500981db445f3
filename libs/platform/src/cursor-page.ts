import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidInputException } from './problem-details';

/** Query parameters of a cursor-paginated list; list queries extend it with their filters. */
export class CursorPageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

let cursorKey: Buffer = randomBytes(32);

/** Cursors are signed so a tampered one is a 400 here and never reaches SQL; every replica shares the key. */
export function configureCursorSigning(secret: string): void {
  cursorKey = createHash('sha256').update(`emporium-cursor:${secret}`).digest();
}

function signatureOf(payload: string): string {
  return createHmac('sha256', cursorKey).update(payload).digest('base64url').slice(0, 22);
}

/** Opaque keyset cursor: the sort key of the last row of a page. Stable under inserts, unlike offsets. */
export function encodeCursor(key: unknown[]): string {
  const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
  return `${payload}.${signatureOf(payload)}`;
}

export function decodeCursor(cursor: string, length: number): unknown[] {
  try {
    const [payload, signature, extra] = cursor.split('.');
    const expected = signatureOf(payload ?? '');
    if (
      extra === undefined &&
      signature &&
      signature.length === expected.length &&
      timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (Array.isArray(key) && key.length === length) return key;
    }
  } catch {
    // fall through to the 400
  }
  throw new InvalidInputException([{ field: 'cursor', message: 'is not a cursor this API issued' }]);
}
