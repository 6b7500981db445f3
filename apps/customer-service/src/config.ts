import { Transform } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'customer-service';
export const DEFAULT_PORT = 3008;

const toNumber = ({ value }: { value: unknown }) => Number(value);

export class CustomerServiceConfig extends ServiceConfig {
  /** Days after delivery in which a no-reason return is approved without review. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(365)
  RETURN_WINDOW_DAYS: number;

  /** How often SLA targets are checked for breaches. */
  @Transform(toNumber)
  @IsInt()
  @Min(50)
  SLA_SWEEP_MS: number;

  /** Business hours the SLA clock runs in, UTC, `HH:MM-HH:MM` (end exclusive). */
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/)
  BUSINESS_HOURS: string;

  /** ISO weekdays the SLA clock runs on, comma-separated (1 = Monday .. 7 = Sunday). */
  @IsString()
  @Matches(/^[1-7](,[1-7])*$/)
  BUSINESS_DAYS: string;

  /** Comma-separated words (case-insensitive) that send a review to moderation instead of publishing it. */
  @IsString()
  @MaxLength(10_000)
  REVIEW_MODERATION_WORDS: string;

  /** Value of the compensation coupon asked for after a delivery exception, minor units of the order's currency. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100_000)
  COMPENSATION_AMOUNT: number;

  /** membership's base URL for `GET /members/{id}/contact`; without it the development mailbox addresses members by id. */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true })
  MEMBERSHIP_URL?: string;

  @Transform(toNumber)
  @IsInt()
  @Min(100)
  @Max(60_000)
  MEMBERSHIP_TIMEOUT_MS: number;

  /** `smtp://user:pass@host:port`: email goes out through SMTP; without it, to the development mailbox (a table). */
  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//)
  SMTP_URL?: string;

  @IsEmail()
  MAIL_FROM: string;
}

export function loadCustomerServiceConfig(
  env: Record<string, string | undefined> = process.env,
): CustomerServiceConfig {
  return loadConfig(
    CustomerServiceConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      RETURN_WINDOW_DAYS: '7',
      SLA_SWEEP_MS: '60000',
      BUSINESS_HOURS: '09:00-17:00',
      BUSINESS_DAYS: '1,2,3,4,5',
      REVIEW_MODERATION_WORDS: 'scam,fraud,idiot',
      COMPENSATION_AMOUNT: '500',
      MEMBERSHIP_TIMEOUT_MS: '2000',
      MAIL_FROM: 'care@emporium.example',
    },
    env,
  );
}
