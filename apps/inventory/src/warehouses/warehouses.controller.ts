import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Roles } from '@emporium/platform';
import { CreateWarehouseDto } from './dto/create-warehouse.dto';
import { Warehouse } from './warehouse.entity';
import { WarehousesService } from './warehouses.service';
import { WarehouseResponse } from './dto/warehouse.response';

@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  /** The id is chosen by ops, so a retry either creates it or answers 409: no Idempotency-Key needed. */
  @Post()
  @Roles('ops')
  @ApiCreatedResponse({ type: WarehouseResponse })
  @ApiProblems(409)
  create(@Body() request: CreateWarehouseDto): Promise<Warehouse> {
    return this.warehouses.create(request);
  }

  /** Every warehouse, by region and priority. */
  @Get()
  @Roles('ops', 'service', 'merchant')
  @ApiOkResponse({ type: [WarehouseResponse] })
  list(): Promise<Warehouse[]> {
    return this.warehouses.list();
  }

  /** One warehouse. */
  @Get(':id')
  @Roles('ops', 'service', 'merchant')
  @ApiOkResponse({ type: WarehouseResponse })
  get(@Param('id') id: string): Promise<Warehouse> {
    return this.warehouses.get(id);
  }
}
