import { Module } from '@nestjs/common';
import { ProductsController } from './products.controller';
import { ProductsHandlers } from './products.handlers';
import { ProductsService } from './products.service';

@Module({
  controllers: [ProductsHandlers, ProductsController],
  providers: [ProductsService],
})
export class ProductsModule {}
