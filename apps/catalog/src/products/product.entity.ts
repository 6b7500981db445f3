import {
  ProductCreatedV1,
  ProductDelistedV1,
  ProductListedV1,
  ProductRejectedV1,
  ProductSubmittedV1,
  ProductUpdatedV1,
} from '@emporium/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { canTransition, isEditable, ProductStatus } from './product-status';
import { IllegalProductTransitionError, ProductInReviewError } from './product.errors';
import { QualityFinding } from './quality-checks';

export interface ProductImage {
  url: string;
  altText: string;
  main: boolean;
}

export interface ProductContent {
  title: string;
  description: string;
  brand: string | null;
  categoryId: string;
  attributes: Record<string, string>;
  images: ProductImage[];
}

const bigintOrNull = { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

/**
 * A product owned by one merchant. It guards its own listing workflow.
 *
 * Why ~270 lines and ~16 public methods: it is the aggregate, and about half of it is its columns (~70
 * lines) and the event payload of each action (~90 lines), built here from its own state so an action and
 * its event cannot drift apart (as FTGO's Order returns its events). The transitions are a few lines each; the
 * rules they check live in `product-status.ts` and `quality-checks.ts`, the work around them in the
 * products services.
 */
@Entity('products')
export class Product {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'merchant_id', type: 'uuid' })
  merchantId: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'text', nullable: true })
  brand: string | null;

  @Column({ name: 'category_id', type: 'uuid' })
  categoryId: string;

  @Column({ type: 'jsonb' })
  attributes: Record<string, string>;

  @Column({ type: 'jsonb' })
  images: ProductImage[];

  @Column({ type: 'text' })
  status: ProductStatus;

  /** What the automated checks found at the last submission. */
  @Column({ type: 'jsonb' })
  findings: QualityFinding[];

  @Column({ name: 'rejection_reasons', type: 'jsonb' })
  rejectionReasons: string[];

  /** The cheapest SKU's price: what search filters and sorts by. */
  @Column({ name: 'min_price', type: 'bigint', nullable: true, transformer: bigintOrNull })
  minPrice: number | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ name: 'rating_count', type: 'int' })
  ratingCount: number;

  @Column({ name: 'rating_average', type: 'real' })
  ratingAverage: number;

  @Column({ name: 'units_sold', type: 'int' })
  unitsSold: number;

  @Column({ name: 'listed_at', type: 'timestamptz', nullable: true })
  listedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  static create(input: { id: string; merchantId: string; content: ProductContent; at: Date }): Product {
    return Object.assign(new Product(), {
      id: input.id,
      merchantId: input.merchantId,
      ...input.content,
      status: 'DRAFT' as ProductStatus,
      findings: [],
      rejectionReasons: [],
      minPrice: null,
      currency: null,
      ratingCount: 0,
      ratingAverage: 0,
      unitsSold: 0,
      listedAt: null,
      createdAt: input.at,
      updatedAt: input.at,
    });
  }

  /** Applies a content change and returns the names of the fields that changed. */
  edit(change: Partial<ProductContent>): string[] {
    if (!isEditable(this.status)) throw new ProductInReviewError(this.id);
    const changed = (Object.keys(change) as (keyof ProductContent)[]).filter(
      (field) => change[field] !== undefined && JSON.stringify(change[field]) !== JSON.stringify(this[field]),
    );
    Object.assign(this, Object.fromEntries(changed.map((field) => [field, change[field]])));
    // A fixed rejected product is a draft again, to be resubmitted.
    if (changed.length > 0 && this.status === 'REJECTED') this.moveTo('DRAFT');
    return changed;
  }

  /** With findings the product is held (REJECTED, findings listed); without, it goes to ops. */
  submit(findings: QualityFinding[]): void {
    if (this.status !== 'DRAFT' && this.status !== 'REJECTED')
      throw new IllegalProductTransitionError(this.id, this.status, 'IN_REVIEW');
    this.findings = findings;
    if (findings.length > 0) {
      this.moveTo('REJECTED');
      this.rejectionReasons = findings.map((finding) => `${finding.field}: ${finding.message}`);
    } else {
      this.moveTo('IN_REVIEW');
      this.rejectionReasons = [];
    }
  }

  approve(at: Date): void {
    if (this.status !== 'IN_REVIEW') throw new IllegalProductTransitionError(this.id, this.status, 'LISTED');
    this.moveTo('LISTED');
    this.listedAt = at;
  }

  reject(reasons: string[]): void {
    if (this.status !== 'IN_REVIEW') throw new IllegalProductTransitionError(this.id, this.status, 'REJECTED');
    this.moveTo('REJECTED');
    this.rejectionReasons = reasons;
  }

  delist(): void {
    if (this.status !== 'LISTED') throw new IllegalProductTransitionError(this.id, this.status, 'DELISTED');
    this.moveTo('DELISTED');
  }

  /** Off sale until ops look again: a change (a large price jump) that the listing decision did not cover. */
  returnToReview(): void {
    if (this.status !== 'LISTED') throw new IllegalProductTransitionError(this.id, this.status, 'IN_REVIEW');
    this.moveTo('IN_REVIEW');
  }

  relist(at: Date): void {
    if (this.status !== 'DELISTED') throw new IllegalProductTransitionError(this.id, this.status, 'LISTED');
    this.moveTo('LISTED');
    this.listedAt = at;
  }

  /** The columns the listing workflow changes (prices, ratings and sales are written by set-based SQL elsewhere). */
  workflowState(): Pick<Product, 'status' | 'findings' | 'rejectionReasons' | 'listedAt'> {
    return {
      status: this.status,
      findings: this.findings,
      rejectionReasons: this.rejectionReasons,
      listedAt: this.listedAt,
    };
  }

  // The events of each action, built by the product itself (as FTGO's Order returns its events).

  createdEvent(): ProductCreatedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      title: this.title,
      brand: this.brand ?? undefined,
      categoryId: this.categoryId,
      createdAt: this.createdAt.toISOString(),
    };
  }

  updatedEvent(changedFields: string[], at: Date): ProductUpdatedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      changedFields,
      title: this.title,
      brand: this.brand ?? undefined,
      categoryId: this.categoryId,
      updatedAt: at.toISOString(),
    };
  }

  submittedEvent(at: Date): ProductSubmittedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      findings: this.findings,
      submittedAt: at.toISOString(),
    };
  }

  rejectedEvent(decision: { automatic: boolean; actor: string; at: Date }): ProductRejectedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      automatic: decision.automatic,
      reasons: this.rejectionReasons,
      findings: this.findings,
      actor: decision.actor,
      rejectedAt: decision.at.toISOString(),
    };
  }

  delistedEvent(decision: {
    cause: ProductDelistedV1['cause'];
    reason?: string;
    actor: string;
    at: Date;
  }): ProductDelistedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      cause: decision.cause,
      reason: decision.reason,
      actor: decision.actor,
      delistedAt: decision.at.toISOString(),
    };
  }

  listedEvent(skus: { sku: string; price: number; currency: string }[], actor: string): ProductListedV1 {
    return {
      productId: this.id,
      merchantId: this.merchantId,
      status: this.status,
      title: this.title,
      brand: this.brand ?? undefined,
      categoryId: this.categoryId,
      skus: skus.map(({ sku, price, currency }) => ({ sku, price, currency })),
      actor,
      listedAt: this.listedAt!.toISOString(),
    };
  }

  get mainImage(): ProductImage | undefined {
    return this.images.find((image) => image.main) ?? this.images[0];
  }

  private moveTo(status: ProductStatus): void {
    if (!canTransition(this.status, status)) throw new IllegalProductTransitionError(this.id, this.status, status);
    this.status = status;
  }
}
