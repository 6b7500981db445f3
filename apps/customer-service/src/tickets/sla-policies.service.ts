import { Inject, Injectable } from '@nestjs/common';
import { TicketKind, TicketPriority } from '@emporium/contracts';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { CustomerServiceConfig } from '../config';
import { SlaPolicyResponse } from './dto/ticket.response';
import { addBusinessMinutes, BusinessHours, businessHours } from './sla-clock';

export interface SlaPolicy {
  firstResponseMinutes: number;
  resolutionMinutes: number;
}

/** The SLA targets per ticket kind and priority, and the business hours their clocks run in. */
@Injectable()
export class SlaPolicies {
  readonly hours: BusinessHours;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: CustomerServiceConfig,
  ) {
    this.hours = businessHours(config.BUSINESS_HOURS, config.BUSINESS_DAYS);
  }

  async list(): Promise<SlaPolicyResponse[]> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
    const rows: any[] = await this.dataSource.query(`SELECT * FROM sla_policies ORDER BY kind, priority`);
    return rows.map((r) => ({
      kind: r.kind,
      priority: r.priority,
      firstResponseMinutes: r.first_response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** Applies to tickets opened (or reprioritised) from now on. */
  async set(
    kind: TicketKind,
    priority: TicketPriority,
    firstResponseMinutes: number,
    resolutionMinutes: number,
  ): Promise<SlaPolicyResponse> {
    await this.dataSource.query(
      `INSERT INTO sla_policies (kind, priority, first_response_minutes, resolution_minutes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, priority) DO UPDATE SET first_response_minutes = $3, resolution_minutes = $4, updated_at = now()`,
      [kind, priority, firstResponseMinutes, resolutionMinutes],
    );
    return { kind, priority, firstResponseMinutes, resolutionMinutes };
  }

  async policy(manager: EntityManager, kind: string, priority: string): Promise<SlaPolicy> {
    const [row] = await manager.query(`SELECT * FROM sla_policies WHERE kind = $1 AND priority = $2`, [kind, priority]);
    if (!row) throw new Error(`no SLA policy for ${kind}/${priority}`);
    return { firstResponseMinutes: row.first_response_minutes, resolutionMinutes: row.resolution_minutes };
  }

  /** `minutes` business minutes after `from`. */
  after(from: Date, minutes: number): Date {
    return addBusinessMinutes(from, minutes, this.hours);
  }
}
