import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, NotFoundError, Principal } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ListReturnsQuery } from './dto/list-returns.query';
import { ReturnPageResponse, ReturnResponse } from './dto/return.response';
import { ReturnRow, returnScope } from './return-access';
import { returnView } from './return.view';

/** Reading returns as each caller may see them. */
@Injectable()
export class ReturnQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal): Promise<ReturnResponse> {
    return this.view(id, principal);
  }

  async list(query: ListReturnsQuery, principal: Principal): Promise<ReturnPageResponse> {
    const scope = returnScope(principal);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows: ReturnRow[] = await this.dataSource.query(
      `SELECT * FROM returns
        WHERE ($1::boolean OR customer_id = $2::uuid OR merchant_id = $3::uuid)
          AND ($4::uuid IS NULL OR order_id = $4) AND ($5::text IS NULL OR status = $5)
          AND ($6::timestamptz IS NULL OR (requested_at, id) < ($6, $7::uuid))
        ORDER BY requested_at DESC, id DESC LIMIT $8`,
      [
        scope.all,
        scope.customerId ?? null,
        scope.merchantId ?? null,
        query.orderId ?? null,
        query.status ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const lines: ReturnRow[] = page.length
      ? await this.dataSource.query(`SELECT * FROM return_lines WHERE return_id = ANY($1) ORDER BY sku`, [
          page.map((r) => r.id),
        ])
      : [];
    const last = page[page.length - 1];
    return {
      items: page.map((row) =>
        returnView(
          row,
          lines.filter((line) => line.return_id === row.id),
        ),
      ),
      nextCursor: rows.length > limit ? encodeCursor([last.requested_at.toISOString(), last.id]) : null,
    };
  }

  /** The return as the API shows it; with a principal, one it may not see is unknown. Pass the manager to read inside a transaction. */
  async view(
    id: string,
    principal?: Principal,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReturnResponse> {
    const [row] = await manager.query(`SELECT * FROM returns WHERE id = $1`, [id]);
    if (row && principal) {
      const scope = returnScope(principal);
      const visible = scope.all || row.customer_id === scope.customerId || row.merchant_id === scope.merchantId;
      if (!visible) throw new NotFoundError('return', id);
    }
    if (!row) throw new NotFoundError('return', id);
    const lines = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1 ORDER BY sku`, [id]);
    return returnView(row, lines);
  }
}
