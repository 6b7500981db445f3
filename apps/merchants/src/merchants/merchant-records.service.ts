import { Injectable } from '@nestjs/common';
import { MerchantRegistered } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, InvalidInputException, Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { RegisterMerchantDto } from './dto/register-merchant.dto';
import { assertMayRead, loadMerchant, newDocument, utcDate } from './merchant-access';
import { MerchantAuditEntry } from './merchant-audit.entity';
import { MerchantDocument } from './merchant-document.entity';
import { Merchant } from './merchant.entity';
import { MerchantAlreadyRegisteredError } from './merchant.errors';
import { merchantView, MerchantView } from './merchant.view';

/** Registration and reading merchant records (the review queue is the ops listing). */
@Injectable()
export class MerchantRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async register(request: RegisterMerchantDto, principal: Principal): Promise<MerchantView> {
    const today = utcDate(new Date());
    const expired = request.documents.flatMap((document, index) =>
      document.expiresOn < today
        ? [{ field: `documents.${index}.expiresOn`, message: 'the document has already expired' }]
        : [],
    );
    if (expired.length > 0) throw new InvalidInputException(expired);

    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(Merchant, { ownerSubject: principal.subject });
      if (existing) throw new MerchantAlreadyRegisteredError(existing.id);
      const { documents: _documents, ...details } = request;
      const merchant = Merchant.register({
        id: randomUUID(),
        ownerSubject: principal.subject,
        ...details,
        at: new Date(),
      });
      const documents = request.documents.map((document) => newDocument(merchant.id, document));
      await manager.insert(Merchant, merchant);
      await manager.insert(MerchantDocument, documents);
      await manager.insert(MerchantAuditEntry, merchant.pendingAudit);
      await this.outbox.publish(manager, MerchantRegistered, merchant.registeredEvent(documents));
      return merchantView(merchant, documents, merchant.pendingAudit);
    });
  }

  /** The ops listing; `status=PENDING_REVIEW` is the review queue, oldest first. */
  async list(query: ListMerchantsQuery) {
    const limit = query.limit ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (query.cursor) {
      const [createdAt, id] = decodeCursor(query.cursor, 2);
      params.push(createdAt, id);
      where.push(`(created_at, id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM merchants ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT $${params.length}`,
      params,
    );
    const page = ids.slice(0, limit);
    const merchants =
      page.length === 0
        ? []
        : await this.dataSource.manager.find(Merchant, {
            where: page.map(({ id }) => ({ id })),
            order: { createdAt: 'ASC', id: 'ASC' },
          });
    const last = merchants.at(-1);
    return {
      items: merchants.map((merchant) => merchantView(merchant)),
      nextCursor: ids.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async get(id: string, principal: Principal): Promise<MerchantView> {
    const manager = this.dataSource.manager;
    const merchant = await loadMerchant(manager, id);
    assertMayRead(merchant, principal);
    const [documents, audit] = await Promise.all([
      manager.find(MerchantDocument, { where: { merchantId: id }, order: { expiresOn: 'ASC', id: 'ASC' } }),
      manager.find(MerchantAuditEntry, { where: { merchantId: id }, order: { id: 'ASC' } }),
    ]);
    return merchantView(merchant, documents, audit);
  }
}
