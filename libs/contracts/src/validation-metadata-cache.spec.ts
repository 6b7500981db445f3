import { IsInt, IsString, Min, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

memoiseValidationMetadata();

class Parcel {
  @IsString()
  sku!: string;
}

class WeighedParcel extends Parcel {
  @IsInt()
  @Min(1)
  grams!: number;
}

function fieldsWithErrors(value: object): string[] {
  return validateSync(value).map((error) => error.property);
}

describe('memoised class-validator metadata: the same verdicts as without the memo', () => {
  it('validates a class, then again from the memo', () => {
    const bad = Object.assign(new Parcel(), { sku: 42 });
    expect(fieldsWithErrors(bad)).toEqual(['sku']);
    expect(fieldsWithErrors(bad)).toEqual(['sku']);
    expect(fieldsWithErrors(Object.assign(new Parcel(), { sku: 'A-1' }))).toEqual([]);
  });

  it("keeps a subclass's inherited rules apart from its parent's", () => {
    expect(fieldsWithErrors(Object.assign(new WeighedParcel(), { sku: 1, grams: 0 })).sort()).toEqual(['grams', 'sku']);
    expect(fieldsWithErrors(Object.assign(new Parcel(), { sku: 'A-1' }))).toEqual([]);
  });

  it('sees the rules of a class defined after the first validation', () => {
    expect(fieldsWithErrors(Object.assign(new Parcel(), { sku: 'A-1' }))).toEqual([]);
    class Late {
      @IsInt()
      count!: number;
    }
    expect(fieldsWithErrors(Object.assign(new Late(), { count: 'x' }))).toEqual(['count']);
  });

  it('installs once, however often it is called', () => {
    memoiseValidationMetadata();
    expect(fieldsWithErrors(Object.assign(new WeighedParcel(), { sku: 'A-1', grams: 5 }))).toEqual([]);
  });
});
