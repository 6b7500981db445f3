import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DomainEvent, ReturnInspected, ReturnInspectedV1, SkuAdded, SkuAddedV1 } from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { StockService } from './stock.service';

@Controller()
export class StockHandlers {
  constructor(private readonly stock: StockService) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.stock.registerSku(event, manager);
  }

  @EventPattern(ReturnInspected.type)
  async onReturnInspected(
    @Payload() event: DomainEvent<ReturnInspectedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.stock.receiveReturn(event, manager);
  }
}
