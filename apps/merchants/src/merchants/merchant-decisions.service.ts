import { Injectable } from '@nestjs/common';
import { MerchantApproved, MerchantRejected, MerchantReinstated } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { Principal } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { expiredDocuments, lockMerchant, saveDecision, suspend, SYSTEM, utcDate } from './merchant-access';
import { MerchantRecords } from './merchant-records.service';
import { Merchant } from './merchant.entity';
import { DocumentExpiredError } from './merchant.errors';
import { MerchantView } from './merchant.view';

/** Ops decisions on a merchant: approve, reject, suspend, reinstate; each audited and published. */
@Injectable()
export class MerchantDecisions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly records: MerchantRecords,
  ) {}

  async approve(id: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      merchant.approve(principal.subject, at);
      await this.outbox.publish(manager, MerchantApproved, merchant.approvedEvent(principal.subject, at));
    });
  }

  async reject(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      merchant.reject(principal.subject, reason, at);
      await this.outbox.publish(manager, MerchantRejected, merchant.rejectedEvent(reason, principal.subject, at));
    });
  }

  async suspend(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, (manager, merchant, at) =>
      suspend(this.outbox, manager, merchant, 'OPS_DECISION', reason, principal.subject, at),
    );
  }

  async reinstate(id: string, reason: string, principal: Principal): Promise<MerchantView> {
    return this.decide(id, async (manager, merchant, at) => {
      const expired = await expiredDocuments(manager, id, utcDate(at));
      if (merchant.status === 'SUSPENDED' && expired.length > 0) throw new DocumentExpiredError(id, expired);
      merchant.reinstate(principal.subject, reason, at);
      await this.outbox.publish(manager, MerchantReinstated, merchant.reinstatedEvent(reason, principal.subject, at));
    });
  }

  private async decide(
    id: string,
    change: (manager: EntityManager, merchant: Merchant, at: Date) => Promise<void>,
  ): Promise<MerchantView> {
    await this.dataSource.transaction(async (manager) => {
      const merchant = await lockMerchant(manager, id);
      await change(manager, merchant, new Date());
      await saveDecision(manager, merchant);
    });
    return this.records.get(id, { subject: SYSTEM, roles: ['ops'] });
  }
}
