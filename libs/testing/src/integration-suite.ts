import { TopicSpec } from '@emporium/contracts';
import { createKafka, ensureTopics } from '@emporium/messaging';
import { ServiceConfig } from '@emporium/platform';
import {
  createRunTopics,
  deleteRunTopics,
  prepareDatabase,
  RunningService,
  ServiceRecipe,
  startService,
} from './service-under-test';
import { testInfrastructure, TestRun } from './test-run';
import { TopicReader } from './topic-reader';

/**
 * A service to start for the suite: its recipe, or its recipe with environment overrides, or a function
 * computing them at start for a value only known then: a free port, or another service's URL. A service
 * whose env is a function starts after those with a fixed env, and the function receives them by name
 * (orders with `LOGISTICS_URL: started.logistics.url`).
 */
export type EnvOf =
  | Record<string, string>
  | ((started: Record<string, RunningService>) => Promise<Record<string, string>> | Record<string, string>);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's config; the key's type is read back by ConfigOf
export type ServiceSpec<C extends ServiceConfig = any> = ServiceRecipe<C> | { recipe: ServiceRecipe<C>; env?: EnvOf };

type ConfigOf<S> = S extends ServiceRecipe<infer C> ? C : S extends { recipe: ServiceRecipe<infer C> } ? C : never;

export interface IntegrationSuiteOptions<S extends Record<string, ServiceSpec>> {
  /** The services to start in-process, by the name the suite uses for them (two replicas: two names). */
  services?: S;
  /** Platform topics (unprefixed: `Topics.ordersOrder`, `deadLetterTopic('inventory')`) the suite's reader reads from the beginning. */
  read?: string[];
  /** Create the platform's topics for the run (default true; false for a suite without a broker). */
  topics?: boolean;
  /** Extra topics the run needs besides the platform's (a probe service's dead-letter topic). */
  extraTopics?: TopicSpec[];
}

export type IntegrationSuite<S extends Record<string, ServiceSpec>> = {
  [K in keyof S]: RunningService<ConfigOf<S[K]>>;
} & {
  /** The run's private namespace: database names, topic prefix. */
  run: TestRun;
  /** Every message on the `read` topics since the suite started (throws when `read` is empty). */
  reader: TopicReader;
  /** The run's name for a platform topic: `topic(Topics.ordersOrder)` is `<prefix>orders.order.v1`. */
  topic(name: string): string;
};

const reserved = new Set(['run', 'reader', 'topic']);

/**
 * One call for an integration test file's whole lifecycle, in the spirit of Medusa's
 * `moduleIntegrationTestRunner`: a private test run (databases, topic prefix), the run's topics, the
 * services started on free ports, a topic reader; and the teardown of all of it in reverse. The body
 * declares its tests at once with everything it needs in hand:
 *
 * ```ts
 * integrationSuite('merchants API', { services: { merchants: merchantsRecipe }, read: [Topics.merchantsMerchant] }, ({ merchants, reader }) => {
 *   it('registers a merchant', async () => { await request(merchants.url).post('/merchants') ... });
 * });
 * ```
 *
 * The services and the reader exist only once the suite's `beforeAll` has run, so the body receives
 * stand-ins that forward to them: destructure freely, use them inside tests and hooks.
 */
export function integrationSuite<S extends Record<string, ServiceSpec> = Record<never, ServiceSpec>>(
  title: string,
  options: IntegrationSuiteOptions<S>,
  body: (suite: IntegrationSuite<S>) => void,
): void {
  describe(title, () => {
    const run = new TestRun();
    const specs = Object.entries(options.services ?? {}) as [string, ServiceSpec][];
    for (const [name] of specs)
      if (reserved.has(name)) throw new Error(`a service may not be called "${name}" in an integration suite`);
    const started = new Map<string, RunningService>();
    let reader: TopicReader | undefined;

    beforeAll(async () => {
      if (options.topics !== false) await createRunTopics(run);
      if (options.extraTopics?.length)
        await ensureTopics(
          createKafka('emporium-test-admin', testInfrastructure.brokers),
          run.topicPrefix,
          options.extraTopics,
        );
      // Databases first, one at a time (two replicas share one), then the apps side by side.
      for (const [, spec] of specs) await prepareDatabase(run, recipeOf(spec));
      // Each one is recorded as it comes up, so a failed start still closes the others. Those whose env
      // depends on the others start after them, in declaration order.
      const dependent = specs.filter(([, spec]) => 'recipe' in spec && typeof spec.env === 'function');
      const independent = specs.filter((entry) => !dependent.includes(entry));
      await Promise.all(
        independent.map(async ([name, spec]) =>
          started.set(name, await startService(run, recipeOf(spec), await envOf(spec, started))),
        ),
      );
      for (const [name, spec] of dependent)
        started.set(name, await startService(run, recipeOf(spec), await envOf(spec, started)));
      if (options.read?.length)
        reader = await new TopicReader().start(options.read.map((name) => run.topicPrefix + name));
    });

    const suite: Record<string, unknown> = {
      run,
      topic: (name: string) => run.topicPrefix + name,
      reader: standIn<TopicReader>('reader', () => {
        if (!options.read?.length)
          throw new Error('this suite has no reader: name the topics to read in its `read` option');
        return reader;
      }),
    };
    for (const [name] of specs) suite[name] = standIn<RunningService>(name, () => started.get(name));
    body(suite as IntegrationSuite<S>);

    // Declared after the body's hooks so it runs after them (jest runs afterAll hooks in declaration
    // order): a body's own teardown (closing a client of the run's database) still finds it there.
    afterAll(async () => {
      await reader?.stop();
      await Promise.all([...started.values()].map((service) => service.close()));
      await run.dropDatabases();
      if (options.topics !== false || options.extraTopics?.length) await deleteRunTopics(run);
    });
  });
}

function recipeOf(spec: ServiceSpec): ServiceRecipe<ServiceConfig> {
  return 'recipe' in spec ? spec.recipe : spec;
}

async function envOf(spec: ServiceSpec, started: Map<string, RunningService>): Promise<Record<string, string>> {
  if (!('recipe' in spec)) return {};
  return typeof spec.env === 'function' ? spec.env(Object.fromEntries(started)) : (spec.env ?? {});
}

/** Forwards every property read to the object `current()` returns once it exists; methods stay bound to it. */
function standIn<T extends object>(name: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const target = current();
      if (target === undefined)
        throw new Error(`"${name}" is not started yet: use it inside a test or a hook, not while declaring them`);
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_target, property) => {
      const target = current();
      return target !== undefined && property in target;
    },
  });
}
