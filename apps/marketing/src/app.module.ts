import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { MarketingConfig, SERVICE_NAME } from './config';
import { CouponsModule } from './coupons/coupons.module';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { PromotionsModule } from './promotions/promotions.module';
import { QuotesModule } from './quotes/quotes.module';
import { ReadModelsModule } from './read-models/read-models.module';

@Module({})
export class MarketingAppModule {
  static forRoot(config: MarketingConfig): DynamicModule {
    return {
      module: MarketingAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        ReadModelsModule,
        PromotionsModule,
        QuotesModule,
        CouponsModule,
      ],
    };
  }
}
