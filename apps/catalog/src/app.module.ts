import { DynamicModule, Module } from '@nestjs/common';
import { PlatformModule } from '@emporium/platform';
import { CategoriesModule } from './categories/categories.module';
import { CatalogConfig, SERVICE_NAME } from './config';
import { entities, migrations } from './database';
import openApiMetadata from './openapi-metadata';
import { ProductsModule } from './products/products.module';
import { SearchModule } from './search/search.module';

@Module({})
export class CatalogAppModule {
  static forRoot(config: CatalogConfig): DynamicModule {
    return {
      module: CatalogAppModule,
      imports: [
        PlatformModule.forRoot({ name: SERVICE_NAME, config, entities, migrations, openApiMetadata }),
        CategoriesModule,
        ProductsModule,
        SearchModule,
      ],
    };
  }
}
