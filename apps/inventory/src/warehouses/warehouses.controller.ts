import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@emporium/platform';
import { CreateWarehouseDto } from './dto/create-warehouse.dto';
import { Warehouse } from './warehouse.entity';
import { WarehousesService } from './warehouses.service';

@ApiTags('warehouses')
@ApiBearerAuth()
@Controller('warehouses')
export class WarehousesController {
  constructor(private readonly warehouses: WarehousesService) {}

  /** The id is chosen by ops, so a retry either creates it or answers 409: no Idempotency-Key needed. */
  @Post()
  @Roles('ops')
  create(@Body() request: CreateWarehouseDto): Promise<Warehouse> {
    return this.warehouses.create(request);
  }

  @Get()
  @Roles('ops', 'service', 'merchant')
  list(): Promise<Warehouse[]> {
    return this.warehouses.list();
  }

  @Get(':id')
  @Roles('ops', 'service', 'merchant')
  get(@Param('id') id: string): Promise<Warehouse> {
    return this.warehouses.get(id);
  }
}
