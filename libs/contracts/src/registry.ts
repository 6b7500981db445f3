import { EventDefinition } from './event-definition';
import {
  OrderCancelled,
  OrderCancelledV2Event,
  OrderCompleted,
  OrderConfirmed,
  OrderDelivered,
  OrderPaymentAuthorised,
  OrderPaymentCaptured,
  OrderPlaced,
  OrderRefunded,
  OrderShipped,
} from './orders';
import { BirthdayRewardGranted, MemberTierChanged, PointsHeld, PointsHoldFailed } from './membership';
import { CouponRedemptionFailed, CouponsRedeemed } from './marketing';
import {
  StockAdjusted,
  StockBackInStock,
  StockCommitted,
  StockLow,
  StockOutOfStock,
  StockReceived,
  StockReleased,
  StockReplenishmentSuggested,
  StockReservationExpired,
  StockReservationFailed,
  StockReserved,
  StockRestocked,
  StockWrittenOff,
} from './inventory';
import { ProductCreated, ProductDelisted, ProductListed, ProductPriceChanged, ProductRejected, ProductSubmitted, ProductUpdated, SkuAdded } from './catalog';
import {
  ShipmentCreated,
  ShipmentDamaged,
  ShipmentDelayed,
  ShipmentDelivered,
  ShipmentDispatched,
  ShipmentInTransit,
  ShipmentLost,
  ShipmentOutForDelivery,
  ShipmentReturnCreated,
  ShipmentReturnReceived,
} from './logistics';
import { CompensationRequested, ReturnApproved, ReturnInspected, ReturnRefundRequested, ReviewPublished, TicketOpened, TicketResolved, TicketSlaBreached } from './customer-service';
import {
  MerchantApproved,
  MerchantDocumentExpiring,
  MerchantRegistered,
  MerchantReinstated,
  MerchantRejected,
  MerchantScoreChanged,
  MerchantSuspended,
} from './merchants';

/** Every published event version. The schema generator and the compatibility check walk this list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of every event's definition; each has its own data type
export const ALL_EVENTS: readonly EventDefinition<any>[] = [
  OrderPlaced,
  OrderConfirmed,
  OrderCancelled,
  StockReceived,
  StockReserved,
  StockReservationFailed,
  StockReleased,
  StockReservationExpired,
  StockCommitted,
  StockAdjusted,
  StockRestocked,
  StockWrittenOff,
  StockLow,
  StockOutOfStock,
  StockBackInStock,
  StockReplenishmentSuggested,
  SkuAdded,
  ProductCreated,
  ProductSubmitted,
  ProductListed,
  ProductRejected,
  ProductDelisted,
  ProductUpdated,
  ProductPriceChanged,
  MerchantRegistered,
  MerchantApproved,
  MerchantRejected,
  MerchantSuspended,
  MerchantReinstated,
  MerchantScoreChanged,
  MerchantDocumentExpiring,
  OrderCompleted,
  ShipmentDelayed,
  TicketOpened,
  ReturnApproved,
  ReviewPublished,
  ShipmentDispatched,
  ReturnInspected,
  ShipmentCreated,
  ShipmentInTransit,
  ShipmentOutForDelivery,
  ShipmentDelivered,
  ShipmentLost,
  ShipmentDamaged,
  ShipmentReturnCreated,
  ShipmentReturnReceived,
  OrderCancelledV2Event,
  OrderPaymentAuthorised,
  OrderPaymentCaptured,
  OrderShipped,
  OrderDelivered,
  OrderRefunded,
  ReturnRefundRequested,
  CompensationRequested,
  PointsHeld,
  PointsHoldFailed,
  MemberTierChanged,
  BirthdayRewardGranted,
  CouponsRedeemed,
  CouponRedemptionFailed,
  TicketSlaBreached,
  TicketResolved,
];

const byType = new Map(ALL_EVENTS.map((definition) => [definition.type, definition]));

/** Looks an event definition up by its wire type (`ce_type`), e.g. `orders.order.placed.v1`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of every event's definition; each has its own data type
export function findEventDefinition(type: string): EventDefinition<any> | undefined {
  return byType.get(type);
}
