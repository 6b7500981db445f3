import { CheckedProduct, qualityChecks, QualityRules } from './quality-checks';

const rules: QualityRules = { titleMinLength: 10, titleMaxLength: 150, forbiddenWords: ['replica', 'fake'] };
const good: CheckedProduct = {
  title: 'Organic cotton T-shirt',
  description: 'Soft, breathable and fairly made.',
  brand: 'Green Threads',
  attributes: { material: 'cotton' },
  images: [{ url: 'https://img.example/1.jpg', main: true }],
  skus: [{ sku: 'TS-1', price: 1999 }],
  requiredAttributes: ['material'],
};
const codes = (product: CheckedProduct) =>
  qualityChecks(product, rules).map((finding) => `${finding.code}@${finding.field}`);

describe('quality checks', () => {
  it('pass a complete product', () => {
    expect(qualityChecks(good, rules)).toEqual([]);
  });

  it('check the title length', () => {
    expect(codes({ ...good, title: 'T-shirt' })).toEqual(['TITLE_TOO_SHORT@title']);
    expect(codes({ ...good, title: 'x'.repeat(151) })).toEqual(['TITLE_TOO_LONG@title']);
  });

  it('require the category’s attributes', () => {
    expect(codes({ ...good, attributes: {} })).toEqual(['REQUIRED_ATTRIBUTE_MISSING@attributes.material']);
    expect(codes({ ...good, attributes: { material: '  ' } })).toEqual([
      'REQUIRED_ATTRIBUTE_MISSING@attributes.material',
    ]);
  });

  it('require an image, and at most one main image', () => {
    expect(codes({ ...good, images: [] })).toEqual(['IMAGE_REQUIRED@images']);
    expect(codes({ ...good, images: [good.images[0], good.images[0]] })).toEqual(['MAIN_IMAGE_AMBIGUOUS@images']);
  });

  it('find forbidden words on word boundaries, in any case, in every text field', () => {
    expect(codes({ ...good, title: 'Rolex REPLICA watch, mint' })).toEqual(['FORBIDDEN_WORD@title']);
    expect(codes({ ...good, description: 'Not fake at all.', brand: 'Fake-Co' })).toEqual([
      'FORBIDDEN_WORD@description',
      'FORBIDDEN_WORD@brand',
    ]);
    // "fakes" and "replicable" are different words.
    expect(codes({ ...good, description: 'Unlike fakes, this is replicable quality.' })).toEqual([]);
  });

  it('require a SKU with a price above zero', () => {
    expect(codes({ ...good, skus: [] })).toEqual(['SKU_REQUIRED@skus']);
    expect(
      codes({
        ...good,
        skus: [
          { sku: 'A', price: 100 },
          { sku: 'B', price: 0 },
        ],
      }),
    ).toEqual(['PRICE_NOT_POSITIVE@skus.1.price']);
  });

  it('list every finding at once', () => {
    expect(codes({ ...good, title: 'fake', images: [], skus: [] })).toEqual([
      'TITLE_TOO_SHORT@title',
      'IMAGE_REQUIRED@images',
      'FORBIDDEN_WORD@title',
      'SKU_REQUIRED@skus',
    ]);
  });
});
