import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DomainEvent, ReturnInspected, ReturnInspectedV1, SkuAdded, SkuAddedV1 } from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ReturnRestocking } from './return-restocking.service';
import { StockControl } from './stock-control.service';

@Controller()
export class StockHandlers {
  constructor(
    private readonly control: StockControl,
    private readonly restocking: ReturnRestocking,
  ) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.control.registerSku(event, manager);
  }

  @EventPattern(ReturnInspected.type)
  async onReturnInspected(
    @Payload() event: DomainEvent<ReturnInspectedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.restocking.receiveReturn(event, manager);
  }
}
