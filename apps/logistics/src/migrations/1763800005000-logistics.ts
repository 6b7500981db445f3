import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seeded defaults so the platform ships parcels out of the box: two sandbox carriers with rate cards, the
 * platform's delivery promises per zone, and the country -> zone map. Ops change carriers and rate cards
 * through `PUT /carriers/{code}`; the README's worked example is computed from these numbers.
 */
const POST_RATES: Record<string, Record<string, number[]>> = {
  // maxWeightGrams brackets 1000 / 5000 / 10000 / 31500
  STANDARD: { DOMESTIC: [490, 690, 1090, 1690], EU: [990, 1490, 2290, 3490], WORLD: [1690, 2990, 4990, 7990] },
  EXPRESS: { DOMESTIC: [990, 1290, 1790, 2490], EU: [1990, 2690, 3790, 5490], WORLD: [3990, 5990, 8990, 12990] },
};
const POST_BRACKETS = [1000, 5000, 10000, 31500];
const POST_DAYS: Record<string, Record<string, number>> = {
  STANDARD: { DOMESTIC: 3, EU: 6, WORLD: 12 },
  EXPRESS: { DOMESTIC: 1, EU: 3, WORLD: 6 },
};
// maxWeightGrams brackets 2000 / 5000 / 10000 / 31500
const PARCEL_RATES: Record<string, number[]> = {
  DOMESTIC: [450, 590, 990, 1490],
  EU: [1090, 1390, 2190, 3290],
  WORLD: [1890, 2790, 4790, 7490],
};
const PARCEL_BRACKETS = [2000, 5000, 10000, 31500];
const PARCEL_DAYS: Record<string, number> = { DOMESTIC: 2, EU: 4, WORLD: 8 };
const PROMISES: Record<string, Record<string, number>> = {
  STANDARD: { DOMESTIC: 5, EU: 7, WORLD: 14 },
  EXPRESS: { DOMESTIC: 2, EU: 3, WORLD: 6 },
};
const EU = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

export class Logistics1763800005000 implements MigrationInterface {
  name = 'Logistics1763800005000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE carriers (
        code                text PRIMARY KEY,
        name                text NOT NULL,
        active              boolean NOT NULL DEFAULT true,
        -- cm3 per kg; volumetric grams = length x width x height in mm3 / divisor
        volumetric_divisor  int NOT NULL CHECK (volumetric_divisor > 0),
        webhook_secret      text NOT NULL,
        currency            char(3) NOT NULL,
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE carrier_services (
        carrier_code   text NOT NULL REFERENCES carriers (code) ON DELETE CASCADE,
        service_level  text NOT NULL CHECK (service_level IN ('STANDARD', 'EXPRESS')),
        zone           text NOT NULL,
        promised_days  int NOT NULL CHECK (promised_days > 0),
        PRIMARY KEY (carrier_code, service_level, zone)
      )`);
    await queryRunner.query(`
      CREATE TABLE rate_cards (
        carrier_code      text NOT NULL,
        service_level     text NOT NULL,
        zone              text NOT NULL,
        max_weight_grams  int NOT NULL CHECK (max_weight_grams > 0),
        price             int NOT NULL CHECK (price >= 0),
        PRIMARY KEY (carrier_code, service_level, zone, max_weight_grams),
        FOREIGN KEY (carrier_code, service_level, zone) REFERENCES carrier_services ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery_promises (
        delivery_option  text NOT NULL CHECK (delivery_option IN ('STANDARD', 'EXPRESS')),
        zone             text NOT NULL,
        promised_days    int NOT NULL CHECK (promised_days > 0),
        PRIMARY KEY (delivery_option, zone)
      )`);
    await queryRunner.query(`CREATE TABLE shipping_zones (country char(2) PRIMARY KEY, zone text NOT NULL)`);
    // Read model of catalog's sku-added: what a parcel weighs and which merchant sells the SKU.
    await queryRunner.query(`
      CREATE TABLE sku_profiles (
        sku           text PRIMARY KEY,
        merchant_id   uuid NOT NULL,
        weight_grams  int NOT NULL,
        length_mm     int NOT NULL,
        width_mm      int NOT NULL,
        height_mm     int NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE shipping_quotes (
        id                       uuid PRIMARY KEY,
        customer_id              uuid,
        zone                     text NOT NULL,
        delivery_option          text NOT NULL,
        carrier_code             text NOT NULL,
        service_level            text NOT NULL,
        chargeable_weight_grams  int NOT NULL,
        carrier_cost             int NOT NULL,
        fee                      int NOT NULL,
        currency                 char(3) NOT NULL,
        promised_days            int NOT NULL,
        request                  jsonb NOT NULL,
        created_at               timestamptz NOT NULL DEFAULT now(),
        expires_at               timestamptz NOT NULL
      )`);
    // Joins the two events a shipment needs, whichever arrives first (they travel on different topics).
    await queryRunner.query(`
      CREATE TABLE order_intake (
        order_id              uuid PRIMARY KEY,
        reserved_lines        jsonb,
        confirmed             jsonb,
        cancelled_at          timestamptz,
        shipments_created_at  timestamptz,
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE shipments (
        id                       uuid PRIMARY KEY,
        kind                     text NOT NULL CHECK (kind IN ('OUTBOUND', 'RETURN')),
        order_id                 uuid NOT NULL,
        return_id                uuid UNIQUE,
        customer_id              uuid,
        merchant_id              uuid,
        warehouse_id             text NOT NULL,
        carrier_code             text NOT NULL,
        service_level            text NOT NULL,
        zone                     text NOT NULL,
        delivery_option          text NOT NULL,
        -- ADDRESS or DEFAULT: whether the zone and option came from the order or from configuration
        routing_source           text NOT NULL,
        destination              jsonb,
        lines                    jsonb NOT NULL,
        actual_weight_grams      int NOT NULL,
        chargeable_weight_grams  int NOT NULL,
        carrier_cost             int NOT NULL,
        shipping_fee             int NOT NULL,
        currency                 char(3) NOT NULL,
        promise_met              boolean NOT NULL,
        status                   text NOT NULL,
        tracking_number          text,
        label                    jsonb,
        label_claimed_at         timestamptz,
        label_attempts           int NOT NULL DEFAULT 0,
        label_error              text,
        dispatch_by              timestamptz NOT NULL,
        promised_by              timestamptz NOT NULL,
        created_at               timestamptz NOT NULL DEFAULT now(),
        booked_at                timestamptz,
        dispatched_at            timestamptz,
        delivered_at             timestamptz,
        received_at              timestamptz,
        cancelled_at             timestamptz,
        delayed_at               timestamptz,
        delay_stage              text,
        exception_at             timestamptz,
        exception_detail         text
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX shipments_outbound_parcel ON shipments (order_id, warehouse_id, coalesce(merchant_id::text, '')) WHERE kind = 'OUTBOUND'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX shipments_tracking_number ON shipments (carrier_code, tracking_number)`,
    );
    await queryRunner.query(
      `CREATE INDEX shipments_label_pending ON shipments (created_at) WHERE status = 'LABEL_PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX shipments_open ON shipments (promised_by) WHERE delayed_at IS NULL AND kind = 'OUTBOUND'`,
    );
    await queryRunner.query(`CREATE INDEX shipments_merchant ON shipments (merchant_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX shipments_listing ON shipments (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX shipments_carrier_period ON shipments (carrier_code, created_at)`);
    await queryRunner.query(`
      CREATE TABLE tracking_events (
        id                bigserial PRIMARY KEY,
        shipment_id       uuid NOT NULL REFERENCES shipments (id),
        carrier_code      text NOT NULL,
        carrier_event_id  text NOT NULL,
        status            text NOT NULL,
        occurred_at       timestamptz NOT NULL,
        location          text,
        detail            text,
        received_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (carrier_code, carrier_event_id)
      )`);
    await queryRunner.query(`CREATE INDEX tracking_events_shipment ON tracking_events (shipment_id, occurred_at)`);

    await this.seed(queryRunner);
  }

  private async seed(queryRunner: QueryRunner): Promise<void> {
    // Development webhook secrets: production sets its own with PUT /carriers/{code} (apps/logistics/README.md).
    await queryRunner.query(
      `INSERT INTO carriers (code, name, volumetric_divisor, webhook_secret, currency) VALUES
        ('SANDBOX-POST', 'Sandbox Post', 6000, 'sandbox-post-webhook-secret', 'EUR'),
        ('SANDBOX-PARCEL', 'Sandbox Parcel', 5000, 'sandbox-parcel-webhook-secret', 'EUR')`,
    );
    for (const [level, zones] of Object.entries(POST_RATES)) {
      for (const [zone, prices] of Object.entries(zones)) {
        await this.service(queryRunner, 'SANDBOX-POST', level, zone, POST_DAYS[level][zone], POST_BRACKETS, prices);
      }
    }
    for (const [zone, prices] of Object.entries(PARCEL_RATES)) {
      await this.service(queryRunner, 'SANDBOX-PARCEL', 'STANDARD', zone, PARCEL_DAYS[zone], PARCEL_BRACKETS, prices);
    }
    for (const [option, zones] of Object.entries(PROMISES)) {
      for (const [zone, days] of Object.entries(zones)) {
        await queryRunner.query(
          `INSERT INTO delivery_promises (delivery_option, zone, promised_days) VALUES ($1, $2, $3)`,
          [option, zone, days],
        );
      }
    }
    await queryRunner.query(`INSERT INTO shipping_zones (country, zone) VALUES ('DE', 'DOMESTIC')`);
    await queryRunner.query(`INSERT INTO shipping_zones (country, zone) SELECT unnest($1::text[]), 'EU'`, [EU]);
  }

  private async service(
    queryRunner: QueryRunner,
    carrier: string,
    level: string,
    zone: string,
    days: number,
    brackets: number[],
    prices: number[],
  ) {
    await queryRunner.query(
      `INSERT INTO carrier_services (carrier_code, service_level, zone, promised_days) VALUES ($1, $2, $3, $4)`,
      [carrier, level, zone, days],
    );
    await queryRunner.query(
      `INSERT INTO rate_cards (carrier_code, service_level, zone, max_weight_grams, price) SELECT $1, $2, $3, unnest($4::int[]), unnest($5::int[])`,
      [carrier, level, zone, brackets, prices],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'tracking_events',
      'shipments',
      'order_intake',
      'shipping_quotes',
      'sku_profiles',
      'shipping_zones',
      'delivery_promises',
      'rate_cards',
      'carrier_services',
      'carriers',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
