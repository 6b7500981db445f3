import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';
import { parseTierThresholds, TierThreshold } from './tiers/tier-rules';

export const SERVICE_NAME = 'membership';
export const DEFAULT_PORT = 3006;

const toNumber = ({ value }: { value: unknown }) => Number(value);

export class MembershipConfig extends ServiceConfig {
  /** Points earned per currency unit (100 minor units) paid, before the tier multiplier. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100)
  POINTS_PER_CURRENCY_UNIT: number;

  /** How long earned and granted points last before they expire (oldest first). */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(120)
  POINTS_EXPIRY_MONTHS: number;

  /**
   * `TIER:minSpend:minOrders,...` for SILVER, GOLD and DIAMOND: a member reaches a tier when its rolling
   * 12-month spend (minor units) OR its completed orders in those 12 months reach the tier's numbers.
   */
  @IsString()
  @Matches(/^(SILVER|GOLD|DIAMOND):\d{1,12}:\d{1,6}(,(SILVER|GOLD|DIAMOND):\d{1,12}:\d{1,6}){2}$/)
  TIER_THRESHOLDS: string;

  /** A tier holds for this long after it was reached or last confirmed; downgrades wait for its end. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(36)
  TIER_PERIOD_MONTHS: number;

  /** Points for a published review (once per review). */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(100_000)
  FEEDBACK_POINTS: number;

  /** How often the jobs (expiry, tier period ends, birthdays) look for work; each is idempotent. */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  JOBS_INTERVAL_MS: number;

  /** Parsed TIER_THRESHOLDS (set by loadMembershipConfig). */
  tierThresholds: TierThreshold[];
}

export function loadMembershipConfig(env: Record<string, string | undefined> = process.env): MembershipConfig {
  const config = loadConfig(
    MembershipConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      POINTS_PER_CURRENCY_UNIT: '1',
      POINTS_EXPIRY_MONTHS: '12',
      TIER_THRESHOLDS: 'SILVER:50000:5,GOLD:200000:15,DIAMOND:500000:40',
      TIER_PERIOD_MONTHS: '12',
      FEEDBACK_POINTS: '50',
      JOBS_INTERVAL_MS: '600000',
    },
    env,
  );
  config.tierThresholds = parseTierThresholds(config.TIER_THRESHOLDS);
  return config;
}
