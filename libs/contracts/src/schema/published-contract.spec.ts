import * as fs from 'node:fs';
import { validateEventData } from '../event-definition';
import { ALL_EVENTS } from '../registry';
import { compatibilityReport, readPublishedSchemas, renderDocuments } from './documents';

describe('the published event contract', () => {
  it('breaks no event version that was already published', () => {
    expect(compatibilityReport()).toEqual([]);
  });

  it('has a frozen published schema for every declared event version', () => {
    const published = readPublishedSchemas();
    expect(ALL_EVENTS.filter((definition) => !published.has(definition.type)).map((d) => d.type)).toEqual([]);
  });

  it('has committed documents (JSON Schemas, AsyncAPI) that match the code: run `npm run contracts:generate`', () => {
    for (const [file, content] of renderDocuments()) {
      expect({ file, content: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '<missing>' }).toEqual({
        file,
        content,
      });
    }
  });

  it('gives every event a valid example', () => {
    for (const definition of ALL_EVENTS)
      expect({ type: definition.type, result: validateEventData(definition, definition.example).ok }).toEqual({
        type: definition.type,
        result: true,
      });
  });
});
