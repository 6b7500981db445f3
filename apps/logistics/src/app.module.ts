import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { CarriersModule } from './carriers/carriers.module';
import { LogisticsConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { QuotesModule } from './quotes/quotes.module';
import { ShipmentsModule } from './shipments/shipments.module';

@Module({})
export class LogisticsAppModule {
  static forRoot(config: LogisticsConfig): DynamicModule {
    return {
      module: LogisticsAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        CarriersModule,
        QuotesModule,
        ShipmentsModule,
      ],
    };
  }
}
