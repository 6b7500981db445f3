import { ALL_EVENTS, EventDefinition, OrderPlaced } from '@emporium/contracts';
import { EventConsumer } from '@emporium/messaging';
import {
  eventMessage,
  eventually,
  integrationSuite,
  publishRaw,
  RunningService,
  ServiceRecipe,
} from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { catalogRecipe } from '../../catalog/test/catalog.recipe';
import { customerServiceRecipe } from '../../customer-service/test/customer-service.recipe';
import { inventoryApi } from '../../inventory/test/inventory.fixtures';
import { inventoryRecipe } from '../../inventory/test/inventory.recipe';
import { logisticsRecipe } from '../../logistics/test/logistics.recipe';
import { marketingRecipe } from '../../marketing/test/marketing.recipe';
import { membershipRecipe } from '../../membership/test/membership.recipe';
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';
import { givenDeliveredOrder } from '../../orders/test/orders.fixtures';
import { ordersRecipe } from '../../orders/test/orders.recipe';

/**
 * Consumer contract test: every event a producer declares (its `example` in libs/contracts) is fed, over
 * the real broker, to every service that handles it, against that service's real database, and must be
 * applied: recorded in the consumer's inbox, not dead-lettered. Unit tests feed consumers hand-built
 * payloads; this catches a producer and a consumer drifting apart (a renamed field, a tighter rule, a
 * value the consumer's schema refuses).
 *
 * The examples tell one order's story (one order id throughout), so they are fed in the registry's
 * order with cancellations last (a cancelled order is not dispatched), and a consumer may state what
 * the story assumes of it before it starts (`given`: the stock the order reserves). A new service joins
 * by adding itself to CONSUMERS.
 */
interface Consumer {
  recipe: ServiceRecipe<never>;
  given?: (service: RunningService) => Promise<void>;
}

const CONSUMERS: Consumer[] = [
  { recipe: merchantsRecipe as never },
  { recipe: catalogRecipe as never },
  {
    recipe: inventoryRecipe as never,
    given: async (inventory: RunningService) => {
      for (const { sku, quantity } of OrderPlaced.example.lines) await inventoryApi(inventory).receive(sku, quantity);
    },
  },
  {
    recipe: ordersRecipe as never,
    // The story's refund request is for the story's order, delivered: orders refuses (dead-letters) a
    // refund for an order it does not know or that was not delivered, by design (README "Refunds"). The
    // order is its own (placed.v1 is orders' event, not one it consumes), so orders' fixture gives it.
    given: (orders: RunningService) => givenDeliveredOrder(orders, OrderPlaced.example),
  },
  { recipe: logisticsRecipe as never },
  { recipe: membershipRecipe as never },
  { recipe: marketingRecipe as never },
  { recipe: customerServiceRecipe as never },
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every event's definition; each has its own data type
type AnyDefinition = EventDefinition<any>;

interface Outcome {
  type: string;
  outcome: 'applied' | 'dead-lettered';
  reason?: string;
}

/** Publishes the example with a fresh event id and waits for the consumer's verdict in its own database. */
async function feed(
  service: RunningService,
  name: string,
  topicOf: (topic: string) => string,
  definition: AnyDefinition,
): Promise<Outcome> {
  const message = eventMessage(definition, definition.example, randomUUID());
  const id = message.headers.ce_id;
  await publishRaw(topicOf(definition.topic), [message]);
  return eventually(
    async () => {
      const [applied] = await service.dataSource.query(
        `SELECT 1 FROM messaging_inbox WHERE consumer = $1 AND event_id = $2`,
        [name, id],
      );
      if (applied) return { type: definition.type, outcome: 'applied' as const };
      const [parked] = await service.dataSource.query(
        `SELECT reason FROM messaging_parked WHERE consumer = $1 AND message_id = $2`,
        [name, id],
      );
      return parked
        ? { type: definition.type, outcome: 'dead-lettered' as const, reason: parked.reason as string }
        : undefined;
    },
    30_000,
    `${name} to apply or dead-letter ${definition.type}`,
  );
}

const handled: Record<string, string[]> = {};

/** Registry order, cancellations last. */
const story = [
  ...ALL_EVENTS.filter((definition) => !definition.name.endsWith('.cancelled')),
  ...ALL_EVENTS.filter((definition) => definition.name.endsWith('.cancelled')),
];

for (const { recipe, given } of CONSUMERS) {
  integrationSuite(
    `consumer contract: ${recipe.name} applies the declared example of every event it handles`,
    { services: { service: recipe } },
    ({ service, topic }) => {
      it('applies each example of one order’s story', async () => {
        await given?.(service);
        const types = new Set(service.app.get(EventConsumer).handledTypes());
        const definitions = story.filter((definition) => types.has(definition.type));
        // Every handled type is a declared event (the consumer refuses to start otherwise); none is left out here.
        expect(definitions.map((definition) => definition.type).sort()).toEqual([...types].sort());
        handled[recipe.name] = [...types];
        const outcomes: Outcome[] = [];
        for (const definition of definitions) outcomes.push(await feed(service, recipe.name, topic, definition));
        expect(outcomes.filter((outcome) => outcome.outcome !== 'applied')).toEqual([]);
      });
    },
  );
}

// For the record: which declared events some service handles, and which none does (those are published
// for outside subscribers, or for services still to come).
afterAll(() => {
  const covered = new Set(Object.values(handled).flat());
  const unhandled = ALL_EVENTS.map((definition) => definition.type).filter((type) => !covered.has(type));
  process.stdout.write(
    `consumer contracts: ${covered.size} event types fed to ${Object.keys(handled).length} services; handled by none: ${unhandled.join(', ')}\n`,
  );
});
