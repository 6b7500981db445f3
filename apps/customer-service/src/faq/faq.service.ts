import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FaqEntryDto } from './dto/faq-entry.dto';
import { FaqEntryResponse } from './dto/faq-entry.response';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
const view = (r: any): FaqEntryResponse => ({
  id: r.id,
  question: r.question,
  answer: r.answer,
  published: r.published,
  updatedAt: r.updated_at.toISOString(),
});

/**
 * Any word of the text may match (OR), ranked by ts_rank: a customer's question rarely contains every word
 * of an answer. Words are reduced to letters and digits first, so the text never reaches to_tsquery's syntax.
 */
export function anyWordQuery(text: string): string | undefined {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 32);
  return words.length ? words.join(' | ') : undefined;
}

@Injectable()
export class FaqService {
  constructor(private readonly dataSource: DataSource) {}

  async create(dto: FaqEntryDto): Promise<FaqEntryResponse> {
    const [row] = await this.dataSource.query(
      `INSERT INTO faq_entries (id, question, answer, published) VALUES ($1, $2, $3, $4) RETURNING *`,
      [randomUUID(), dto.question, dto.answer, dto.published ?? true],
    );
    return view(row);
  }

  async update(id: string, dto: FaqEntryDto): Promise<FaqEntryResponse> {
    const [rows] = await this.dataSource.query(
      `UPDATE faq_entries SET question = $2, answer = $3, published = $4, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, dto.question, dto.answer, dto.published ?? true],
    );
    if (rows.length === 0) throw new NotFoundError('faq entry', id);
    return view(rows[0]);
  }

  async search(q: string | undefined, includeUnpublished: boolean, limit = 20): Promise<FaqEntryResponse[]> {
    const query = q ? anyWordQuery(q) : undefined;
    if (q && !query) return [];
    const rows = await this.dataSource.query(
      `SELECT * FROM faq_entries
        WHERE ($1::boolean OR published) AND ($2::text IS NULL OR search @@ to_tsquery('english', $2))
        ORDER BY CASE WHEN $2::text IS NULL THEN 0 ELSE ts_rank(search, to_tsquery('english', $2)) END DESC, updated_at DESC
        LIMIT $3`,
      [includeUnpublished, query ?? null, limit],
    );
    return rows.map(view);
  }

  /** The best three published answers for a pre-sales question, in the caller's transaction. */
  async suggest(text: string, manager: EntityManager): Promise<{ id: string; question: string; answer: string }[]> {
    const query = anyWordQuery(text);
    if (!query) return [];
    const rows = await manager.query(
      `SELECT id, question, answer FROM faq_entries WHERE published AND search @@ to_tsquery('english', $1)
        ORDER BY ts_rank(search, to_tsquery('english', $1)) DESC, updated_at DESC LIMIT 3`,
      [query],
    );
    return rows.map((r: { id: string; question: string; answer: string }) => ({
      id: r.id,
      question: r.question,
      answer: r.answer,
    }));
  }
}
