import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import * as fs from 'node:fs';
import { ALL_EVENTS } from '../registry';
import { paths } from './documents';

describe('the committed AsyncAPI document', () => {
  it('is valid AsyncAPI 3 (official parser, no errors) and describes every event version', async () => {
    const { document, diagnostics } = await new Parser().parse(fs.readFileSync(paths.asyncApi, 'utf8'));
    const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    const messageNames = document!.components().messages().all().map((message) => message.name());
    expect(messageNames.sort()).toEqual(ALL_EVENTS.map((definition) => definition.type).sort());
    for (const message of document!.components().messages().all()) {
      expect(message.payload()?.type()).toBe('object');
      expect(message.examples().length).toBeGreaterThan(0);
    }
  });
});
