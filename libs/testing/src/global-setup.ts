import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Jest global setup for integration tests: brings the local Kafka and PostgreSQL up when they are not
 * running (the script is idempotent and quick when they are).
 */
export default async function globalSetup(): Promise<void> {
  const script = path.resolve(__dirname, '../../../infra/scripts/infra.sh');
  execFileSync('bash', [script, 'up'], { stdio: 'inherit' });
}
