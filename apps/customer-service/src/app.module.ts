import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { CustomerServiceConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import { EventsModule } from './events/events.module';
import { FaqModule } from './faq/faq.module';
import { NotificationsModule } from './notifications/notifications.module';
import openApiMetadata from './openapi-metadata';
import { ReturnsModule } from './returns/returns.module';
import { ReviewsModule } from './reviews/reviews.module';
import { SurveysModule } from './surveys/surveys.module';
import { TicketsModule } from './tickets/tickets.module';

@Module({})
export class CustomerServiceAppModule {
  static forRoot(config: CustomerServiceConfig): DynamicModule {
    return {
      module: CustomerServiceAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        NotificationsModule,
        ReturnsModule,
        TicketsModule,
        ReviewsModule,
        SurveysModule,
        FaqModule,
        EventsModule,
      ],
    };
  }
}
