import { DomainError, InvalidInputException, NotFoundError } from '@emporium/platform';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { words } from './search-terms';

export interface SearchSettings {
  /** A PostgreSQL text search configuration: its stemmer and its stop words. */
  language: string;
  /** Dropped from queries on top of the language's own stop words. */
  stopWords: string[];
  /** A query word also matches these (lower-case, one direction). */
  synonyms: Map<string, string[]>;
}

/** Every replica rereads the settings this often, so an ops edit reaches all of them within seconds. */
const REFRESH_MS = 5_000;

/**
 * The catalogue's search language, extra stop words and synonyms: rows that ops edit, read on every
 * search from a copy refreshed every few seconds (a replica's own edits apply at once).
 */
@Injectable()
export class SearchSettingsService {
  private cached?: { settings: SearchSettings; at: number };
  private loading?: Promise<SearchSettings>;

  constructor(private readonly dataSource: DataSource) {}

  async current(): Promise<SearchSettings> {
    if (this.cached && Date.now() - this.cached.at < REFRESH_MS) return this.cached.settings;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  async view() {
    const settings = await this.load();
    return { language: settings.language, stopWords: settings.stopWords };
  }

  /**
   * Changing the language re-derives every product's vector (the generated column follows
   * `search_language`), in this transaction: minutes at a million products, so a quiet hour's work.
   */
  async update(change: { language?: string; stopWords?: string[] }) {
    await this.dataSource.transaction(async (manager) => {
      if (change.language !== undefined) {
        const known: unknown[] = await manager.query(`SELECT 1 FROM pg_ts_config WHERE cfgname = $1`, [
          change.language,
        ]);
        if (known.length === 0)
          throw new InvalidInputException([
            {
              field: 'language',
              message: 'is not a text search configuration of this database (english, simple, german, french, ...)',
            },
          ]);
        const [previous] = await manager.query(`SELECT language::text AS language FROM search_settings FOR UPDATE`);
        await manager.query(`UPDATE search_settings SET language = $1::regconfig, updated_at = now()`, [
          change.language,
        ]);
        if (previous.language !== change.language)
          await manager.query(
            `UPDATE products SET search_language = $1::regconfig WHERE search_language <> $1::regconfig`,
            [change.language],
          );
      }
      if (change.stopWords !== undefined) {
        await manager.query(`UPDATE search_settings SET stop_words = $1, updated_at = now()`, [
          normalisedWords(change.stopWords),
        ]);
      }
    });
    this.cached = undefined;
    return this.view();
  }

  async listSynonyms() {
    const rows: { term: string; synonyms: string[] }[] = await this.dataSource.query(
      `SELECT term, synonyms FROM search_synonyms ORDER BY term`,
    );
    return { items: rows };
  }

  async putSynonyms(term: string, synonyms: string[]) {
    const key = [synonymKey(term)];
    // A synonym may be several words ("t shirt"): all of them must then match.
    const phrases = [
      ...new Set(
        synonyms.map((synonym) => words(synonym).join(' ')).filter((phrase) => phrase.length > 0 && phrase !== key[0]),
      ),
    ];
    if (phrases.length === 0)
      throw new InvalidInputException([{ field: 'synonyms', message: 'must name at least one other word' }]);
    await this.dataSource.query(
      `INSERT INTO search_synonyms (term, synonyms) VALUES ($1, $2) ON CONFLICT (term) DO UPDATE SET synonyms = excluded.synonyms, updated_at = now()`,
      [key[0], phrases],
    );
    this.cached = undefined;
    return { term: key[0], synonyms: phrases };
  }

  async deleteSynonyms(term: string) {
    // Through a CTE so the driver answers with rows (a bare DELETE ... RETURNING comes back as [rows, count]).
    const deleted: unknown[] = await this.dataSource.query(
      `WITH d AS (DELETE FROM search_synonyms WHERE term = $1 RETURNING term) SELECT term FROM d`,
      [synonymKey(term)],
    );
    if (deleted.length === 0) throw new NotFoundError('synonym', term);
    this.cached = undefined;
  }

  private async load(): Promise<SearchSettings> {
    const [settings] = await this.dataSource.query(
      `SELECT language::text AS language, stop_words FROM search_settings`,
    );
    if (!settings)
      throw new DomainError('SEARCH_NOT_CONFIGURED', 'search_settings has no row', HttpStatus.SERVICE_UNAVAILABLE);
    const synonyms: { term: string; synonyms: string[] }[] = await this.dataSource.query(
      `SELECT term, synonyms FROM search_synonyms`,
    );
    const loaded: SearchSettings = {
      language: settings.language,
      stopWords: settings.stop_words,
      synonyms: new Map(synonyms.map((row) => [row.term, row.synonyms])),
    };
    this.cached = { settings: loaded, at: Date.now() };
    return loaded;
  }
}

/** A synonym's key is one query word as search sees it (so a NUL byte or a phrase is a 400). */
function synonymKey(term: string): string {
  const key = words(term);
  if (key.length !== 1 || key[0] !== term.normalize('NFKC').toLowerCase()) {
    throw new InvalidInputException([{ field: 'term', message: 'must be one word of letters and digits' }]);
  }
  return key[0];
}

function normalisedWords(list: string[]): string[] {
  return [...new Set(list.flatMap((entry) => words(entry)))].sort();
}
