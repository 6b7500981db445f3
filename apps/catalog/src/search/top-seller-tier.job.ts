import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CatalogConfig } from '../config';

/**
 * Keeps the top sellers' search tier the best-selling CATALOG_SEARCH_TOP_SELLERS_PERCENT of listed products
 * as sales move: moves the threshold and re-flags (search_top_sellers_refresh, migration 1765400000000).
 * Between refreshes the tier stays exact, only its size drifts: the trigger flags each product against the
 * current threshold as its sales change. Every replica runs the timer; a replica skips its turn when any
 * replica refreshed within the last nine tenths of the interval, so the catalogue is refreshed about once
 * an interval however many replicas run (each refresh costs PostgreSQL 150-480 ms at a million products).
 */
@Injectable()
export class TopSellerTierRefresh extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.CATALOG_SEARCH_TOP_SELLERS_REFRESH_SECONDS * 1000;
  }

  protected tick(): Promise<void> {
    return this.refreshIfDue();
  }

  /** Refreshes unless a replica did within the last nine tenths of the interval. */
  async refreshIfDue(): Promise<void> {
    const [row]: { due: boolean }[] = await this.dataSource.query(
      `SELECT refreshed_at IS NULL OR refreshed_at < now() - make_interval(secs => $1) AS due
       FROM search_top_seller_threshold`,
      [this.config.CATALOG_SEARCH_TOP_SELLERS_REFRESH_SECONDS * 0.9],
    );
    if (row?.due) await this.refresh();
  }

  async refresh(): Promise<void> {
    await this.dataSource.query(`SELECT search_top_sellers_refresh($1)`, [
      this.config.CATALOG_SEARCH_TOP_SELLERS_PERCENT / 100,
    ]);
  }
}
