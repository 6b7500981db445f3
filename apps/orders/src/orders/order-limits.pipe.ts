import { Inject, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputException, SERVICE_CONFIG } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { PlaceOrderDto } from './dto/place-order.dto';

/**
 * At most ORDER_MAX_UNITS_PER_SKU units of one SKU per order (summed over its lines), so one customer
 * cannot lock a SKU's whole stock at checkout (issue 11, finding 7). Runs after validation.
 */
@Injectable()
export class OrderLimitsPipe implements PipeTransform<PlaceOrderDto, PlaceOrderDto> {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: OrdersConfig) {}

  transform(order: PlaceOrderDto): PlaceOrderDto {
    const cap = this.config.ORDER_MAX_UNITS_PER_SKU;
    const units = new Map<string, number>();
    const violations = order.lines.flatMap((line, index) => {
      const total = (units.get(line.sku) ?? 0) + line.quantity;
      units.set(line.sku, total);
      return total > cap ? [{ field: `lines.${index}.quantity`, message: `at most ${cap} units of ${line.sku} per order` }] : [];
    });
    if (violations.length > 0) throw new InvalidInputException(violations);
    return order;
  }
}
