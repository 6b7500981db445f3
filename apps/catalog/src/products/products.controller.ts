import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, CurrentPrincipal, Principal, Public, Roles } from '@emporium/platform';
import {
  ChangePriceDto,
  CreateProductDto,
  DelistProductDto,
  ListProductsQuery,
  RejectProductDto,
  SkuDto,
  UpdateProductDto,
} from './dto/product.dto';
import { ProductListingService } from './product-listing.service';
import { ProductQueries } from './product-queries.service';
import { SkusAndPricesService } from './skus-and-prices.service';
import { PriceChangeResponse, ProductPageResponse, ProductResponse } from './dto/product.response';

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(
    private readonly listing: ProductListingService,
    private readonly skus: SkusAndPricesService,
    private readonly queries: ProductQueries,
  ) {}

  /** Creates a DRAFT, optionally with its SKUs (each one publishes catalog.product.sku-added). */
  @Post()
  @Roles('merchant')
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiProblems(409)
  create(@Body() request: CreateProductDto, @CurrentPrincipal() principal: Principal) {
    return this.listing.create(request, principal);
  }

  /** A merchant's own products in any status; ops see everyone's (filter by merchantId). */
  @Get()
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: ProductPageResponse })
  list(@Query() query: ListProductsQuery, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(query, principal);
  }

  /** Anyone may read a listed product; unlisted ones only their merchant and ops. */
  @Get(':id')
  @Public()
  @ApiOkResponse({ type: ProductResponse })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal | undefined) {
    return this.queries.get(id, principal);
  }

  /** Edits the content (not while in review); a listed product must keep passing the quality checks. */
  @Patch(':id')
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409, 422)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: UpdateProductDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.listing.update(id, request, principal);
  }

  /** Adds a SKU (publishes catalog.product.sku-added; inventory creates its stock records). */
  @Post(':id/skus')
  @Roles('merchant')
  @ApiCreatedResponse({ type: ProductResponse })
  @ApiProblems(409)
  addSku(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: SkuDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.skus.addSku(id, request, principal);
  }

  /** Changes one SKU's price; the change is kept in the price history and published. */
  @Put(':id/skus/:sku/price')
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: ProductResponse })
  changePrice(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('sku') sku: string,
    @Body() request: ChangePriceDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.skus.changePrice(id, sku, request.price, principal);
  }

  /** Every price change of the product’s SKUs, oldest first. */
  @Get(':id/price-history')
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: [PriceChangeResponse] })
  priceHistory(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.priceHistory(id, principal);
  }

  /** Runs the quality checks: IN_REVIEW when clean, REJECTED with the findings otherwise. */
  @Post(':id/submit')
  @HttpCode(200)
  @Roles('merchant')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409)
  submit(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.listing.submit(id, principal);
  }

  /** Lists a product in review (the merchant must be approved). */
  @Post(':id/approve')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409)
  approve(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.listing.approve(id, principal);
  }

  /** Sends a product in review back to its merchant with the reasons. */
  @Post(':id/reject')
  @HttpCode(200)
  @Roles('ops')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409)
  reject(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: RejectProductDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.listing.reject(id, request.reasons, principal);
  }

  /** Takes a listed product off sale, with the reason. */
  @Post(':id/delist')
  @HttpCode(200)
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409)
  delist(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() request: DelistProductDto,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.listing.delist(id, request.reason, principal);
  }

  /** Puts a delisted product back on sale without a new review (the merchant must still be approved). */
  @Post(':id/relist')
  @HttpCode(200)
  @Roles('merchant', 'ops')
  @ApiOkResponse({ type: ProductResponse })
  @ApiProblems(409)
  relist(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.listing.relist(id, principal);
  }
}
