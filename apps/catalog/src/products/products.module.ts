import { Module } from '@nestjs/common';
import { ProductListingService } from './product-listing.service';
import { ProductProjections } from './product-projections.service';
import { ProductQualityGate } from './product-quality-gate';
import { ProductQueries } from './product-queries.service';
import { ProductsController } from './products.controller';
import { ProductsHandlers } from './products.handlers';
import { SkusAndPricesService } from './skus-and-prices.service';

@Module({
  controllers: [ProductsHandlers, ProductsController],
  providers: [ProductListingService, SkusAndPricesService, ProductQueries, ProductProjections, ProductQualityGate],
})
export class ProductsModule {}
