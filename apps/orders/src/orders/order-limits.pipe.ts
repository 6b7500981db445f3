import { Inject, Injectable, PipeTransform } from '@nestjs/common';
import { InvalidInputException, SERVICE_CONFIG } from '@emporium/platform';
import type { OrdersConfig } from '../config';
import { PlaceOrderDto } from './dto/place-order.dto';

/**
 * Runs after validation. One line per SKU: a second line of the same SKU is refused, not merged, so each
 * SKU has one price, one discount share and one line a refund names (merging would silently rewrite what
 * the client sent). At most ORDER_MAX_UNITS_PER_SKU units of one SKU per order, so one customer cannot
 * lock a SKU's whole stock at checkout (issue 11, finding 7).
 */
@Injectable()
export class OrderLimitsPipe implements PipeTransform<PlaceOrderDto, PlaceOrderDto> {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: OrdersConfig) {}

  transform(order: PlaceOrderDto): PlaceOrderDto {
    const cap = this.config.ORDER_MAX_UNITS_PER_SKU;
    const firstLine = new Map<string, number>();
    const violations = order.lines.flatMap((line, index) => {
      const first = firstLine.get(line.sku);
      if (first !== undefined)
        return [{ field: `lines.${index}.sku`, message: `${line.sku} is already on lines.${first}: one line per SKU` }];
      firstLine.set(line.sku, index);
      return line.quantity > cap
        ? [{ field: `lines.${index}.quantity`, message: `at most ${cap} units of ${line.sku} per order` }]
        : [];
    });
    if (violations.length > 0) throw new InvalidInputException(violations);
    return order;
  }
}
