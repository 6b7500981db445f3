import { Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
import { QuotesModule } from '../quotes/quotes.module';
import { CarrierGateway } from './carrier-gateway';
import { CarrierWebhookGuard } from './carrier-webhook.guard';
import { DelayDetection } from './delay-detection';
import { LabelBooking } from './label-booking';
import { ReturnsService } from './returns.service';
import { SandboxCarrierGateway } from './sandbox-carrier-gateway';
import { ShipmentActions } from './shipment-actions.service';
import { ShipmentIntake } from './shipment-intake.service';
import { ShipmentQueries } from './shipment-queries.service';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsHandlers } from './shipments.handlers';
import { TrackingService } from './tracking.service';
import { TrackingWebhooksController } from './tracking-webhooks.controller';

@Module({
  imports: [CarriersModule, QuotesModule],
  controllers: [ShipmentsHandlers, ShipmentsController, TrackingWebhooksController],
  providers: [
    ShipmentIntake,
    ShipmentActions,
    ShipmentQueries,
    ReturnsService,
    TrackingService,
    LabelBooking,
    DelayDetection,
    CarrierWebhookGuard,
    // The only carrier adapter today; a real carrier's adapter replaces this line.
    { provide: CarrierGateway, useClass: SandboxCarrierGateway },
  ],
})
export class ShipmentsModule {}
