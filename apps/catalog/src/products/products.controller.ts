import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Public, Roles } from '@emporium/platform';
import { ChangePriceDto, CreateProductDto, DelistProductDto, ListProductsQuery, RejectProductDto, SkuDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  /** Creates a DRAFT, optionally with its SKUs (each one publishes catalog.product.sku-added). */
  @Post()
  @Roles('merchant')
  create(@Body() request: CreateProductDto, @CurrentPrincipal() principal: Principal) {
    return this.products.create(request, principal);
  }

  /** A merchant's own products in any status; ops see everyone's (filter by merchantId). */
  @Get()
  @Roles('merchant', 'ops')
  list(@Query() query: ListProductsQuery, @CurrentPrincipal() principal: Principal) {
    return this.products.list(query, principal);
  }

  /** Anyone may read a listed product; unlisted ones only their merchant and ops. */
  @Get(':id')
  @Public()
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal | undefined) {
    return this.products.get(id, principal);
  }

  @Patch(':id')
  @Roles('merchant', 'ops')
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: UpdateProductDto, @CurrentPrincipal() principal: Principal) {
    return this.products.update(id, request, principal);
  }

  @Post(':id/skus')
  @Roles('merchant')
  addSku(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: SkuDto, @CurrentPrincipal() principal: Principal) {
    return this.products.addSku(id, request, principal);
  }

  /** Changes one SKU's price; the change is kept in the price history and published. */
  @Put(':id/skus/:sku/price')
  @Roles('merchant', 'ops')
  changePrice(@Param('id', new ParseUUIDPipe()) id: string, @Param('sku') sku: string, @Body() request: ChangePriceDto, @CurrentPrincipal() principal: Principal) {
    return this.products.changePrice(id, sku, request.price, principal);
  }

  @Get(':id/price-history')
  @Roles('merchant', 'ops')
  priceHistory(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.products.priceHistory(id, principal);
  }

  /** Runs the quality checks: IN_REVIEW when clean, REJECTED with the findings otherwise. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles('merchant')
  submit(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.products.submit(id, principal);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.products.approve(id, principal);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  reject(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: RejectProductDto, @CurrentPrincipal() principal: Principal) {
    return this.products.reject(id, request.reasons, principal);
  }

  @Post(':id/delist')
  @HttpCode(200)
  @Roles('merchant', 'ops')
  delist(@Param('id', new ParseUUIDPipe()) id: string, @Body() request: DelistProductDto, @CurrentPrincipal() principal: Principal) {
    return this.products.delist(id, request.reason, principal);
  }

  @Post(':id/relist')
  @HttpCode(200)
  @Roles('merchant', 'ops')
  relist(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.products.relist(id, principal);
  }
}
