import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import {
  EventMetadata,
  MerchantApproved,
  MerchantDocumentExpiring,
  MerchantRegistered,
  MerchantReinstated,
  MerchantRejected,
  MerchantScoreChanged,
  MerchantSuspended,
  SuspensionCause,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, InvalidInputException, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { MerchantsConfig } from '../config';
import { credibility, CredibilityInputs } from './credibility';
import { ListMerchantsQuery } from './dto/list-merchants.query';
import { QualificationDocumentDto, RegisterMerchantDto } from './dto/register-merchant.dto';
import { MerchantAuditEntry } from './merchant-audit.entity';
import { MerchantDocument } from './merchant-document.entity';
import { Merchant } from './merchant.entity';
import { DocumentExpiredError, MerchantAlreadyRegisteredError } from './merchant.errors';
import { merchantView, MerchantView } from './merchant.view';

export type ScoreFactKind = 'COMPLETED_ORDER' | 'COMPLAINT' | 'LATE_SHIPMENT' | 'RETURN' | 'REVIEW';

export interface ScoreFact {
  merchantId: string;
  kind: ScoreFactKind;
  /** The order, ticket, shipment, return or review the fact is about: a fact counts once. */
  sourceId: string;
  occurredAt: string;
  rating?: number;
}

/** The system actor of automatic decisions (expired documents, low score). */
const SYSTEM = 'system';

@Injectable()
export class MerchantsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MerchantsConfig,
  ) {}

  async register(request: RegisterMerchantDto, principal: Principal): Promise<MerchantView> {
    const today = utcDate(new Date());
    const expired = request.documents.flatMap((document, index) =>
      document.expiresOn < today ? [{ field: `documents.${index}.expiresOn`, message: 'the document has already expired' }] : [],
    );
    if (expired.length > 0) throw new InvalidInputException(expired);

    return this.dataSource.transaction(async (manager) => {
      const existing = await manager.findOneBy(Merchant, { ownerSubject: principal.subject });
      if (existing) throw new MerchantAlreadyRegisteredError(existing.id);
      const { documents: _documents, ...details } = request;
      const merchant = Merchant.register({ id: randomUUID(), ownerSubject: principal.subject, ...details, at: new Date() });
      const documents = request.documents.map((document) => this.newDocument(merchant.id, document));
      await manager.insert(Merchant, merchant);
      await manager.insert(MerchantDocument, documents);
      await manager.insert(MerchantAuditEntry, merchant.pendingAudit);
      await this.outbox.publish(manager, MerchantRegistered, {
        merchantId: merchant.id,
        status: merchant.status,
        legalName: merchant.legalName,
        contactEmail: merchant.contactEmail,
        businessLicenceNumber: merchant.businessLicenceNumber,
        documents: documents.map((d) => ({ documentId: d.id, type: d.type, number: d.number, issuer: d.issuer, expiresOn: d.expiresOn, url: d.url })),
        registeredBy: principal.subject,
        registeredAt: merchant.createdAt.toISOString(),
      });
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
    const merchants = page.length === 0 ? [] : await this.dataSource.manager.find(Merchant, { where: page.map(({ id }) => ({ id })), order: { createdAt: 'ASC', id: 'ASC' } });
    const last = merchants.at(-1);
    return {
      items: merchants.map((merchant) => merchantView(merchant)),
      nextCursor: ids.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async get(id: string, principal: Principal): Promise<MerchantView> {
    const manager = this.dataSource.manager;
    const merchant = await this.load(manager, id);
    assertMayRead(merchant, principal);
    const [documents, audit] = await Promise.all([
      manager.find(MerchantDocument, { where: { merchantId: id }, order: { expiresOn: 'ASC', id: 'ASC' } }),
      manager.find(MerchantAuditEntry, { where: { merchantId: id }, order: { id: 'ASC' } }),
    ]);
    return merchantView(merchant, documents, audit);
  }

  /** The score with the inputs and penalties it came from, for ops. */
  async score(id: string) {
    const merchant = await this.load(this.dataSource.manager, id);
    const inputs = merchant.scoreInputs ?? (await this.inputsOf(this.dataSource.manager, id));
    return { merchantId: id, status: merchant.status, score: merchant.score, inputs, penalties: credibility(inputs).penalties, threshold: this.config.CREDIBILITY_SUSPENSION_THRESHOLD };
  }

  async approve(id: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      merchant.approve(principal.subject, at);
      await this.outbox.publish(manager, MerchantApproved, { merchantId: id, status: merchant.status, legalName: merchant.legalName, actor: principal.subject, approvedAt: at.toISOString() });
    });
  }

  async reject(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      merchant.reject(principal.subject, reason, at);
      await this.outbox.publish(manager, MerchantRejected, { merchantId: id, status: merchant.status, legalName: merchant.legalName, reason, actor: principal.subject, rejectedAt: at.toISOString() });
    });
  }

  async suspend(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, (manager, merchant, at) => this.suspendLocked(manager, merchant, 'OPS_DECISION', reason, principal.subject, at));
  }

  async reinstate(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      const expired = await this.expiredDocuments(manager, id, utcDate(at));
      if (merchant.status === 'SUSPENDED' && expired.length > 0) throw new DocumentExpiredError(id, expired);
      merchant.reinstate(principal.subject, reason, at);
      await this.outbox.publish(manager, MerchantReinstated, { merchantId: id, status: merchant.status, legalName: merchant.legalName, reason, actor: principal.subject, reinstatedAt: at.toISOString() });
    });
  }

  /** A renewed or additional document; the newest document of a type is the one that counts. */
  async addDocument(id: string, request: QualificationDocumentDto, principal: Principal): Promise<MerchantView> {
    if (request.expiresOn < utcDate(new Date())) throw new InvalidInputException([{ field: 'expiresOn', message: 'the document has already expired' }]);
    await this.dataSource.transaction(async (manager) => {
      const merchant = await this.lock(manager, id);
      assertMayRead(merchant, principal);
      if (principal.roles.includes('merchant') ? !isOwner(merchant, principal) : !isOps(principal)) throw new ForbiddenException('Only the merchant itself or ops may add its documents');
      const document = this.newDocument(id, request);
      await manager.insert(MerchantDocument, document);
      merchant.record('DOCUMENT_ADDED', principal.subject, new Date(), `${document.type} ${document.number}, valid until ${document.expiresOn}`);
      await manager.insert(MerchantAuditEntry, merchant.pendingAudit);
    });
    return this.get(id, principal);
  }

  /**
   * A fact from another service's event. It counts once (unique per merchant, kind and source), and each
   * new fact recomputes the score; an approved merchant that falls below the threshold is suspended.
   */
  async recordFact(fact: ScoreFact, manager: EntityManager, causedBy: EventMetadata): Promise<void> {
    const merchant = await manager.findOne(Merchant, { where: { id: fact.merchantId }, lock: { mode: 'pessimistic_write' } });
    // A fact about a merchant we never registered (another environment's data, a test): nothing to score.
    if (!merchant) return;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO merchant_score_facts (merchant_id, kind, source_id, rating, occurred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (merchant_id, kind, source_id) DO NOTHING RETURNING id`,
      [fact.merchantId, fact.kind, fact.sourceId, fact.rating ?? null, fact.occurredAt],
    );
    if (inserted.length === 0) return;

    const inputs = await this.inputsOf(manager, merchant.id);
    const { score } = credibility(inputs);
    const previousScore = merchant.score;
    await manager.update(Merchant, { id: merchant.id }, { score, scoreInputs: inputs });
    if (score === previousScore) return;
    merchant.score = score;
    const at = new Date();
    await this.outbox.publish(
      manager,
      MerchantScoreChanged,
      { merchantId: merchant.id, status: merchant.status, previousScore, score, inputs, changedAt: at.toISOString() },
      { causedBy },
    );
    const threshold = this.config.CREDIBILITY_SUSPENSION_THRESHOLD;
    if (merchant.status === 'APPROVED' && score < threshold) {
      await this.suspendLocked(manager, merchant, 'LOW_CREDIBILITY_SCORE', `credibility score ${score} fell below ${threshold}`, SYSTEM, at, causedBy);
      await this.saveDecision(manager, merchant);
    }
  }

  /**
   * Warns about documents that expire within the warning period (once per document) and suspends
   * approved merchants with an expired document type. SKIP LOCKED lets every replica run it.
   */
  async sweepDocuments(now = new Date(), limit = 100): Promise<{ warned: number; suspended: number }> {
    const today = utcDate(now);
    const warnUntil = utcDate(new Date(now.getTime() + this.config.DOCUMENT_EXPIRY_WARNING_DAYS * 86_400_000));
    return this.dataSource.transaction(async (manager) => {
      const expiredMerchants: { id: string }[] = await manager.query(
        `SELECT m.id FROM merchants m
         WHERE m.status = 'APPROVED'
           AND EXISTS (SELECT 1 FROM merchant_documents d WHERE d.merchant_id = m.id GROUP BY d.type HAVING max(d.expires_on) < $1::date)
         ORDER BY m.id LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
        [today, limit],
      );
      for (const { id } of expiredMerchants) {
        const merchant = await manager.findOneByOrFail(Merchant, { id });
        const expired = await this.expiredDocuments(manager, id, today);
        const reason = expired.map((d) => `${d.type} ${d.number} expired on ${d.expiresOn}`).join('; ');
        await this.suspendLocked(manager, merchant, 'DOCUMENT_EXPIRED', reason, SYSTEM, now);
        await this.saveDecision(manager, merchant);
      }

      // Only the newest document of each type is warned about: an older one that was renewed does not matter.
      const expiring: { id: string; merchant_id: string; type: string; number: string; expires_on: string; status: Merchant['status'] }[] = await manager.query(
        `SELECT d.id, d.merchant_id, d.type, d.number, d.expires_on::text AS expires_on, m.status
         FROM merchant_documents d JOIN merchants m ON m.id = d.merchant_id
         WHERE d.warned_at IS NULL AND d.expires_on >= $1::date AND d.expires_on <= $2::date AND m.status IN ('PENDING_REVIEW', 'APPROVED')
           AND NOT EXISTS (SELECT 1 FROM merchant_documents newer WHERE newer.merchant_id = d.merchant_id AND newer.type = d.type AND newer.expires_on > d.expires_on)
         ORDER BY d.expires_on, d.id LIMIT $3 FOR UPDATE OF d SKIP LOCKED`,
        [today, warnUntil, limit],
      );
      for (const document of expiring) {
        await manager.update(MerchantDocument, { id: document.id }, { warnedAt: now });
        await this.outbox.publish(manager, MerchantDocumentExpiring, {
          merchantId: document.merchant_id,
          status: document.status,
          documentId: document.id,
          type: document.type,
          number: document.number,
          expiresOn: document.expires_on,
          daysLeft: Math.round((Date.parse(document.expires_on) - Date.parse(today)) / 86_400_000),
          warnedAt: now.toISOString(),
        });
      }
      return { warned: expiring.length, suspended: expiredMerchants.length };
    });
  }

  private async decide(id: string, change: (manager: EntityManager, merchant: Merchant, at: Date) => Promise<void>): Promise<MerchantView> {
    await this.dataSource.transaction(async (manager) => {
      const merchant = await this.lock(manager, id);
      await change(manager, merchant, new Date());
      await this.saveDecision(manager, merchant);
    });
    return this.get(id, { subject: SYSTEM, roles: ['ops'] });
  }

  private async suspendLocked(manager: EntityManager, merchant: Merchant, cause: SuspensionCause, reason: string, actor: string, at: Date, causedBy?: EventMetadata) {
    merchant.suspend(actor, reason, at);
    await this.outbox.publish(
      manager,
      MerchantSuspended,
      { merchantId: merchant.id, status: merchant.status, legalName: merchant.legalName, cause, reason, actor, suspendedAt: at.toISOString() },
      { causedBy },
    );
  }

  private async saveDecision(manager: EntityManager, merchant: Merchant): Promise<void> {
    await manager.update(Merchant, { id: merchant.id }, { status: merchant.status, version: merchant.version + 1 });
    merchant.version += 1;
    await manager.insert(MerchantAuditEntry, merchant.pendingAudit.splice(0));
  }

  private async inputsOf(manager: EntityManager, merchantId: string): Promise<CredibilityInputs> {
    const windowDays = this.config.CREDIBILITY_WINDOW_DAYS;
    const [row] = await manager.query(
      `SELECT count(*) FILTER (WHERE kind = 'COMPLETED_ORDER')::int AS completed_orders,
              count(*) FILTER (WHERE kind = 'COMPLAINT')::int       AS complaints,
              count(*) FILTER (WHERE kind = 'LATE_SHIPMENT')::int   AS late_shipments,
              count(*) FILTER (WHERE kind = 'RETURN')::int          AS returns,
              count(*) FILTER (WHERE kind = 'REVIEW')::int          AS reviews,
              coalesce(avg(rating) FILTER (WHERE kind = 'REVIEW'), 0)::float8 AS average_rating
       FROM merchant_score_facts WHERE merchant_id = $1 AND occurred_at > now() - make_interval(days => $2)`,
      [merchantId, windowDays],
    );
    return {
      windowDays,
      completedOrders: row.completed_orders,
      complaints: row.complaints,
      lateShipments: row.late_shipments,
      returns: row.returns,
      reviews: row.reviews,
      averageRating: Math.round(row.average_rating * 100) / 100,
    };
  }

  /** Document types whose newest document has expired. */
  private async expiredDocuments(manager: EntityManager, merchantId: string, today: string) {
    const rows: { id: string; type: string; number: string; expires_on: string }[] = await manager.query(
      `SELECT DISTINCT ON (type) id, type, number, expires_on::text AS expires_on FROM merchant_documents
       WHERE merchant_id = $1 ORDER BY type, expires_on DESC`,
      [merchantId],
    );
    return rows.filter((row) => row.expires_on < today).map((row) => ({ documentId: row.id, type: row.type, number: row.number, expiresOn: row.expires_on }));
  }

  private newDocument(merchantId: string, document: QualificationDocumentDto): MerchantDocument {
    return Object.assign(new MerchantDocument(), { id: randomUUID(), merchantId, ...document, warnedAt: null });
  }

  private async load(manager: EntityManager, id: string): Promise<Merchant> {
    const merchant = await manager.findOneBy(Merchant, { id });
    if (!merchant) throw new NotFoundError('merchant', id);
    return merchant;
  }

  private async lock(manager: EntityManager, id: string): Promise<Merchant> {
    const merchant = await manager.findOne(Merchant, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!merchant) throw new NotFoundError('merchant', id);
    return merchant;
  }
}

function isOps(principal: Principal): boolean {
  return principal.roles.includes('ops') || principal.roles.includes('service');
}

function isOwner(merchant: Merchant, principal: Principal): boolean {
  return principal.merchantId === merchant.id || principal.subject === merchant.ownerSubject;
}

/** A merchant user sees only its own merchant: 403, as the issue asks, not a 404 that hides it. */
function assertMayRead(merchant: Merchant, principal: Principal): void {
  // Narrowest scope wins: a token holding `merchant` reads only its own merchant, even if it holds ops too.
  const mayRead = principal.roles.includes('merchant') ? isOwner(merchant, principal) : isOps(principal);
  if (!mayRead) throw new ForbiddenException('A merchant may only read its own merchant record');
}

export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
