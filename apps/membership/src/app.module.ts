import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { MembershipConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import { MembersModule } from './members/members.module';
import openApiMetadata from './openapi-metadata';

@Module({})
export class MembershipAppModule {
  static forRoot(config: MembershipConfig): DynamicModule {
    return {
      module: MembershipAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        MembersModule,
      ],
    };
  }
}
