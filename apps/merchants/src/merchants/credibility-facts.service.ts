import { Inject, Injectable } from '@nestjs/common';
import { EventMetadata, MerchantScoreChanged } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { MerchantsConfig } from '../config';
import { credibility, CredibilityInputs } from './credibility';
import { loadMerchant, saveDecision, suspend, SYSTEM } from './merchant-access';
import { Merchant } from './merchant.entity';

export type ScoreFactKind = 'COMPLETED_ORDER' | 'COMPLAINT' | 'LATE_SHIPMENT' | 'RETURN' | 'REVIEW';

export interface ScoreFact {
  merchantId: string;
  kind: ScoreFactKind;
  /** The order, ticket, shipment, return or review the fact is about: a fact counts once. */
  sourceId: string;
  occurredAt: string;
  rating?: number;
}

/** Credibility: facts from other services' events, the score they make, and the suspension below the threshold. */
@Injectable()
export class CredibilityFacts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MerchantsConfig,
  ) {}

  /** The score with the inputs and penalties it came from, for ops. */
  async score(id: string) {
    const merchant = await loadMerchant(this.dataSource.manager, id);
    const inputs = merchant.scoreInputs ?? (await this.inputsOf(this.dataSource.manager, id));
    return {
      merchantId: id,
      status: merchant.status,
      score: merchant.score,
      inputs,
      penalties: credibility(inputs).penalties,
      threshold: this.config.CREDIBILITY_SUSPENSION_THRESHOLD,
    };
  }

  /**
   * A fact from another service's event. It counts once (unique per merchant, kind and source), and each
   * new fact recomputes the score; an approved merchant that falls below the threshold is suspended.
   */
  async recordFact(fact: ScoreFact, manager: EntityManager, causedBy: EventMetadata): Promise<void> {
    const merchant = await manager.findOne(Merchant, {
      where: { id: fact.merchantId },
      lock: { mode: 'pessimistic_write' },
    });
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
      await suspend(
        this.outbox,
        manager,
        merchant,
        'LOW_CREDIBILITY_SCORE',
        `credibility score ${score} fell below ${threshold}`,
        SYSTEM,
        at,
        causedBy,
      );
      await saveDecision(manager, merchant);
    }
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
}
