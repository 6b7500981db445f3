import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { OrdersConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { OrdersModule } from './orders/orders.module';

@Module({})
export class OrdersAppModule {
  static forRoot(config: OrdersConfig): DynamicModule {
    return {
      module: OrdersAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        OrdersModule,
      ],
    };
  }
}
