import { Product } from './product.entity';
import { canTransition } from './product-status';
import { IllegalProductTransitionError, ProductInReviewError } from './product.errors';

const draft = () =>
  Product.create({
    id: '7d1c2a4b-55e0-4b9d-8c1e-3c394a0e8d0e',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    content: {
      title: 'Organic cotton T-shirt',
      description: '',
      brand: null,
      categoryId: 'c',
      attributes: {},
      images: [],
    },
    at: new Date(),
  });
const finding = { code: 'IMAGE_REQUIRED' as const, field: 'images', message: 'at least one image is required' };

describe('Product listing workflow', () => {
  it('goes draft → in review → listed ↔ delisted', () => {
    const product = draft();
    product.submit([]);
    expect(product.status).toBe('IN_REVIEW');
    product.approve(new Date('2026-11-22T10:00:00Z'));
    expect(product).toMatchObject({ status: 'LISTED', listedAt: new Date('2026-11-22T10:00:00Z') });
    product.delist();
    product.relist(new Date());
    expect(product.status).toBe('LISTED');
  });

  it('is held (rejected with the findings as reasons) when the checks find problems', () => {
    const product = draft();
    product.submit([finding]);
    expect(product).toMatchObject({
      status: 'REJECTED',
      findings: [finding],
      rejectionReasons: ['images: at least one image is required'],
    });
  });

  it('becomes a draft again when a rejected product is edited, and can be resubmitted', () => {
    const product = draft();
    product.submit([finding]);
    expect(product.edit({ images: [{ url: 'https://img.example/1.jpg', altText: 'front', main: true }] })).toEqual([
      'images',
    ]);
    expect(product.status).toBe('DRAFT');
    product.submit([]);
    expect(product.status).toBe('IN_REVIEW');
  });

  it('refuses to list a rejected product with a stable code', () => {
    const product = draft();
    product.submit([finding]);
    expect(() => product.approve(new Date())).toThrow(IllegalProductTransitionError);
    try {
      product.approve(new Date());
    } catch (error) {
      expect(error).toMatchObject({ code: 'ILLEGAL_PRODUCT_TRANSITION', details: { from: 'REJECTED', to: 'LISTED' } });
    }
  });

  it('refuses edits while in review, and approval twice', () => {
    const product = draft();
    product.submit([]);
    expect(() => product.edit({ title: 'Another title here' })).toThrow(ProductInReviewError);
    product.approve(new Date());
    expect(() => product.approve(new Date())).toThrow(IllegalProductTransitionError);
    expect(() => product.submit([])).toThrow(IllegalProductTransitionError);
  });

  it('reports only the fields that really changed', () => {
    const product = draft();
    expect(product.edit({ title: 'Organic cotton T-shirt', description: 'new' })).toEqual(['description']);
  });

  it.each([
    ['DRAFT', 'LISTED', false],
    ['IN_REVIEW', 'LISTED', true],
    ['REJECTED', 'LISTED', false],
    ['LISTED', 'DELISTED', true],
    ['DELISTED', 'LISTED', true],
    // Only through returnToReview (a price jump); submit stays refused from LISTED (test above).
    ['LISTED', 'IN_REVIEW', true],
    ['DELISTED', 'IN_REVIEW', false],
  ] as const)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('goes back to review only from LISTED, and is delisted only from LISTED', () => {
    const product = draft();
    expect(() => product.returnToReview()).toThrow(IllegalProductTransitionError);
    expect(() => product.delist()).toThrow(IllegalProductTransitionError);
    product.submit([]);
    product.approve(new Date());
    product.returnToReview();
    expect(product.status).toBe('IN_REVIEW');
    expect(() => product.delist()).toThrow(IllegalProductTransitionError);
    expect(() => product.returnToReview()).toThrow(IllegalProductTransitionError);
  });
});
