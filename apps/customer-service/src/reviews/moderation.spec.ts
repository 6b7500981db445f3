import { flaggedWords, moderationWords } from './moderation';

describe('review moderation', () => {
  const words = moderationWords(' Scam, fraud ,,idiot,SCAM');

  it('reads the configured list: trimmed, lower-case, no blanks or repeats', () => {
    expect(words).toEqual(['scam', 'fraud', 'idiot']);
  });

  it('flags whole words in any case', () => {
    expect(flaggedWords('Total SCAM, the seller is an idiot!', words)).toEqual(['scam', 'idiot']);
  });

  it('does not flag a word inside another word or clean text', () => {
    expect(flaggedWords('Scampi were delicious, no fraudulent claims here', words)).toEqual([]);
    expect(flaggedWords('Lovely lamp', words)).toEqual([]);
  });
});
