import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { MerchantsConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { MerchantsModule } from './merchants/merchants.module';

@Module({})
export class MerchantsAppModule {
  static forRoot(config: MerchantsConfig): DynamicModule {
    return {
      module: MerchantsAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        MerchantsModule,
      ],
    };
  }
}
