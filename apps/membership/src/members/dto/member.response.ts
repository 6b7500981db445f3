import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEMBER_TIERS, MemberTier } from '@emporium/contracts';

export class MemberResponse {
  id: string;
  /** Null once erased. */
  name: string | null;
  /** Null once erased. */
  email: string | null;
  phone: string | null;
  /** YYYY-MM-DD */
  birthday: string | null;
  region: string | null;
  marketingConsent: boolean;
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;
  /** ISO 8601 UTC: when the tier period ends (a lower tier applies only then). */
  tierReviewAt: string;
  /** Spendable points: the ledger's sum. */
  pointsBalance: number;
  erased: boolean;
  /** ISO 8601 UTC */
  erasedAt: string | null;
  /** ISO 8601 UTC */
  createdAt: string;
}

/** What customer-service needs to write to a member; `erased` members have no contact data left. */
export class MemberContactResponse {
  memberId: string;
  name: string | null;
  email: string | null;
  @ApiPropertyOptional()
  phone?: string;
  marketingConsent: boolean;
  erased: boolean;
}

export class ErasureResponse {
  memberId: string;
  /** ISO 8601 UTC */
  erasedAt: string;
}
