import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { loadConfig, platformDefaults, ServiceConfig } from '@emporium/platform';

export const SERVICE_NAME = 'merchants';
export const DEFAULT_PORT = 3001;

export class MerchantsConfig extends ServiceConfig {
  /** The credibility score counts complaints, late shipments, returns and reviews of this many days back. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(3650)
  CREDIBILITY_WINDOW_DAYS: number;

  /** An approved merchant whose score falls below this is suspended automatically (0 disables it). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(100)
  CREDIBILITY_SUSPENSION_THRESHOLD: number;

  /** How many days before a qualification document expires the merchant is warned. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(365)
  DOCUMENT_EXPIRY_WARNING_DAYS: number;

  /** How often the document-expiry sweep runs. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  DOCUMENT_SWEEP_MS: number;
}

export function loadMerchantsConfig(env: Record<string, string | undefined> = process.env): MerchantsConfig {
  return loadConfig(
    MerchantsConfig,
    {
      ...platformDefaults(SERVICE_NAME, DEFAULT_PORT),
      CREDIBILITY_WINDOW_DAYS: '90',
      CREDIBILITY_SUSPENSION_THRESHOLD: '40',
      DOCUMENT_EXPIRY_WARNING_DAYS: '14',
      DOCUMENT_SWEEP_MS: '60000',
    },
    env,
  );
}
