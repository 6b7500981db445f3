import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import { MemberErased, MemberRegistered, MemberTierChanged } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { InvalidInputException, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { MembershipConfig } from '../config';
import { PointsReader } from '../points/points-reader';
import { addMonths, TIER_BENEFITS } from '../tiers/tier-rules';
import { MemberExportResponse } from '../points/dto/points.response';
import { ErasureResponse, MemberContactResponse, MemberResponse } from './dto/member.response';
import { RegisterMemberDto } from './dto/register-member.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { EmailTakenError, MemberErasedError, MemberExistsError, MemberNotFoundError } from './member.errors';

const PROFILE_COLUMNS = `id, name, email, phone, to_char(birthday, 'YYYY-MM-DD') AS birthday, region, marketing_consent, tier, tier_review_at,
  points_balance, erased_at, created_at`;

/** Profiles: the only place personal data lives. Events about members carry ids, tier and region only. */
@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly points: PointsReader,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /** A customer registers itself (member id = its token's subject); ops register a customer by id. */
  async register(principal: Principal, request: RegisterMemberDto): Promise<MemberResponse> {
    const memberId = this.registrantOf(principal, request.memberId);
    const now = new Date();
    return this.dataSource.transaction(async (manager) => {
      const [existing] = await manager.query(`SELECT erased_at FROM members WHERE id = $1`, [memberId]);
      if (existing) throw existing.erased_at ? new MemberErasedError(memberId) : new MemberExistsError(memberId);
      const inserted = await this.uniqueEmail(() =>
        manager.query(
          `INSERT INTO members (id, name, email, phone, birthday, region, marketing_consent, tier_review_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [
            memberId,
            request.name,
            request.email.trim(),
            request.phone ?? null,
            request.birthday ?? null,
            request.region ?? null,
            request.marketingConsent,
            addMonths(now, this.config.TIER_PERIOD_MONTHS),
          ],
        ),
      );
      // A concurrent registration of the same id won the race.
      if (inserted.length === 0) throw new MemberExistsError(memberId);
      const region = request.region ? { region: request.region } : {};
      await this.outbox.publish(manager, MemberRegistered, {
        memberId,
        tier: 'ORDINARY',
        ...region,
        registeredAt: now.toISOString(),
      });
      await this.outbox.publish(manager, MemberTierChanged, {
        memberId,
        tier: 'ORDINARY',
        benefits: TIER_BENEFITS.ORDINARY,
        ...region,
        changedAt: now.toISOString(),
      });
      return this.profile(memberId, manager);
    });
  }

  async profile(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<MemberResponse> {
    const [row] = await manager.query(`SELECT ${PROFILE_COLUMNS} FROM members WHERE id = $1`, [memberId]);
    if (!row) throw new MemberNotFoundError(memberId);
    return toProfile(row);
  }

  async update(memberId: string, request: UpdateMemberDto): Promise<MemberResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT erased_at FROM members WHERE id = $1 FOR UPDATE`, [memberId]);
      if (!row) throw new MemberNotFoundError(memberId);
      if (row.erased_at) throw new MemberErasedError(memberId);
      const columns: Record<string, unknown> = {
        name: request.name,
        email: request.email?.trim(),
        phone: request.phone,
        birthday: request.birthday,
        region: request.region,
        marketing_consent: request.marketingConsent,
      };
      const changes = Object.entries(columns).filter(([, value]) => value !== undefined);
      if (changes.length === 0)
        throw new InvalidInputException([{ field: 'body', message: 'names no field to change' }]);
      const assignments = changes.map(([column], i) => `${column} = $${i + 2}`).join(', ');
      await this.uniqueEmail(() =>
        manager.query(`UPDATE members SET ${assignments}, updated_at = now() WHERE id = $1`, [
          memberId,
          ...changes.map(([, value]) => value),
        ]),
      );
      return this.profile(memberId, manager);
    });
  }

  async findByEmail(email: string): Promise<MemberResponse> {
    const [row] = await this.dataSource.query(
      `SELECT ${PROFILE_COLUMNS} FROM members WHERE lower(email) = lower($1) AND erased_at IS NULL`,
      [email.trim()],
    );
    if (!row) throw new MemberNotFoundError('with this email');
    return toProfile(row);
  }

  async contact(memberId: string): Promise<MemberContactResponse> {
    const member = await this.profile(memberId);
    return {
      memberId,
      name: member.name,
      email: member.email,
      ...(member.phone ? { phone: member.phone } : {}),
      marketingConsent: member.marketingConsent,
      erased: member.erased,
    };
  }

  /** Everything membership keeps about the member, as JSON (the right of access / portability). */
  async export(memberId: string): Promise<MemberExportResponse> {
    // One snapshot: the profile, the balance and the ledger agree with each other.
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const profile = await this.profile(memberId, manager);
      const [holds, orders, birthdayRewards, ledger, points] = [
        await manager.query(
          `SELECT order_id AS "orderId", points, status, created_at AS "createdAt", updated_at AS "updatedAt" FROM point_holds WHERE member_id = $1 ORDER BY created_at`,
          [memberId],
        ),
        await manager.query(
          `SELECT order_id AS "orderId", spend, refunded, fully_refunded AS "fullyRefunded", earned_on AS "earnedOn", earned_points AS "earnedPoints",
                  multiplier_percent AS "multiplierPercent", reversed_points AS "reversedPoints", completed_at AS "completedAt"
             FROM member_orders WHERE member_id = $1 ORDER BY completed_at`,
          [memberId],
        ),
        await manager.query(
          `SELECT year, points, granted_at AS "grantedAt" FROM birthday_rewards WHERE member_id = $1 ORDER BY year`,
          [memberId],
        ),
        await this.points.allEntries(memberId, manager),
        await this.points.balance(memberId, manager),
      ];
      return {
        exportedAt: new Date().toISOString(),
        profile: { ...profile },
        points,
        ledger,
        holds,
        orders,
        birthdayRewards,
      };
    });
  }

  /**
   * Erasure: personal data is anonymised (nulled) in place; the member id, the ledger and the order
   * history stay, so balances and other services' records still add up. Idempotent: erasing twice
   * answers the first erasure.
   */
  async erase(memberId: string): Promise<ErasureResponse> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT erased_at FROM members WHERE id = $1 FOR UPDATE`, [memberId]);
      if (!row) throw new MemberNotFoundError(memberId);
      if (row.erased_at) return { memberId, erasedAt: row.erased_at.toISOString() };
      const erasedAt = new Date();
      await manager.query(
        `UPDATE members SET name = NULL, email = NULL, phone = NULL, birthday = NULL, region = NULL, marketing_consent = false,
                erased_at = $2, updated_at = $2 WHERE id = $1`,
        [memberId, erasedAt],
      );
      await this.outbox.publish(manager, MemberErased, { memberId, erasedAt: erasedAt.toISOString() });
      return { memberId, erasedAt: erasedAt.toISOString() };
    });
  }

  private registrantOf(principal: Principal, requested: string | undefined): string {
    if (principal.roles.includes('customer')) {
      if (requested !== undefined && requested !== principal.subject)
        throw new ForbiddenException('A customer registers only itself (memberId must be the token subject)');
      return principal.subject;
    }
    if (!requested)
      throw new InvalidInputException([{ field: 'memberId', message: 'is required when ops register a customer' }]);
    return requested;
  }

  private async uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { constraint?: string }).constraint === 'members_email'
      )
        throw new EmailTakenError();
      throw error;
    }
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a members row from pg
function toProfile(row: any): MemberResponse {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    birthday: row.birthday,
    region: row.region,
    marketingConsent: row.marketing_consent,
    tier: row.tier,
    tierReviewAt: row.tier_review_at.toISOString(),
    pointsBalance: row.points_balance,
    erased: row.erased_at !== null,
    erasedAt: row.erased_at ? row.erased_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
