import { queryWords, tsQueryExpression } from './text-query';
import { dictionaryTerms } from './search-terms';

describe('search text', () => {
  it('splits a query into unique lower-case words, dropping punctuation and tsquery syntax', () => {
    expect(queryWords("Men's  T-Shirt & (blue) | !red:*")).toEqual(['men', 's', 't', 'shirt', 'blue', 'red']);
    expect(queryWords('Café crème')).toEqual(['café', 'crème']);
    expect(queryWords(undefined)).toEqual([]);
  });

  it('keeps at most eight words', () => {
    expect(queryWords('a b c d e f g h i j')).toHaveLength(8);
  });

  it('requires every word: a dictionary word as itself, a misspelt one as typed or as its correction', () => {
    const corrections = new Map([
      ['hedphones', 'headphones'],
      ['wireless', 'wireless'],
    ]);
    expect(tsQueryExpression(['wireless', 'hedphones', 'xl'], corrections)).toBe(
      '(wireless) & (hedphones | headphones) & (xl)',
    );
  });

  it('matches a word still being typed as a prefix: its closest word starts with it, or none is close', () => {
    expect(tsQueryExpression(['headph', 'audio'], new Map([['headph', 'headphones']]))).toBe(
      '(headph:* | headphones) & (audio:*)',
    );
  });

  it('builds the typo dictionary from words of three or more letters, without plain numbers', () => {
    expect(dictionaryTerms('Organic T-shirt 2024 edition', 'Green Threads', null)).toEqual([
      'organic',
      'shirt',
      'edition',
      'green',
      'threads',
    ]);
  });

  it('drops the catalogue stop words, unless the query has nothing else', () => {
    expect(queryWords('cheap wireless kettle', ['cheap'])).toEqual(['wireless', 'kettle']);
    expect(queryWords('cheap', ['cheap'])).toEqual(['cheap']);
  });

  it('adds synonyms of a word and of its correction as alternatives; a phrase needs all its words', () => {
    const synonyms = new Map([
      ['parka', ['jacket', 'rain coat']],
      ['headphones', ['earphones']],
    ]);
    expect(tsQueryExpression(['parka'], new Map(), synonyms)).toBe('(parka:* | jacket | (rain & coat))');
    expect(tsQueryExpression(['hedphones'], new Map([['hedphones', 'headphones']]), synonyms)).toBe(
      '(hedphones | headphones | earphones)',
    );
  });
});
