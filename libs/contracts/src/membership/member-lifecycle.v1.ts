import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { MEMBER_TIERS, MemberTier } from './tier-changed.v1';

const memberId = '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55';

/**
 * A customer became a member. Deliberately without name, email, phone or birthday: personal data lives
 * only in membership (customer-service asks `GET /members/{id}/contact` when it must write to someone).
 */
export class MemberRegisteredV1 {
  /** The customer id (the JWT `sub` of the customer). */
  @IsUUID()
  memberId: string;

  @IsIn(MEMBER_TIERS)
  tier: MemberTier;

  /** The member's region (e.g. `EU-DE`), for regional offers. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  region?: string;

  @IsISO8601({ strict: true })
  registeredAt: string;
}

export const MemberRegistered = defineEvent({
  name: 'membership.member.registered',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: MemberRegisteredV1,
  summary:
    'A customer registered as a member (ORDINARY tier; tier-changed follows with the benefits). Carries no contact details.',
  subjectOf: (data) => data.memberId,
  example: { memberId, tier: 'ORDINARY', region: 'EU-DE', registeredAt: '2026-11-22T09:00:00.000Z' },
});

/** The member's personal data was anonymised; ids (member, ledger, orders) stay, so history still adds up. */
export class MemberErasedV1 {
  @IsUUID()
  memberId: string;

  @IsISO8601({ strict: true })
  erasedAt: string;
}

export const MemberErased = defineEvent({
  name: 'membership.member.erased',
  version: 1,
  topic: Topics.membershipMember,
  dataClass: MemberErasedV1,
  summary:
    "A member's personal data was erased (anonymised): subscribers drop whatever they keep about that member beyond its id.",
  subjectOf: (data) => data.memberId,
  example: { memberId, erasedAt: '2026-12-10T12:00:00.000Z' },
});
