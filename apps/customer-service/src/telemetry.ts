// Loaded before anything else (see main.ts) so OpenTelemetry can patch http, express and pg as they load.
import { startTelemetry } from '@emporium/platform/telemetry';

startTelemetry('customer-service');
