/**
 * The automated checks a product must pass before ops see it. Pure, so the rules are unit-tested and the
 * same function guards submission and edits of listed products. Each finding has a stable code.
 */
export interface QualityFinding {
  code:
    | 'TITLE_TOO_SHORT'
    | 'TITLE_TOO_LONG'
    | 'REQUIRED_ATTRIBUTE_MISSING'
    | 'IMAGE_REQUIRED'
    | 'MAIN_IMAGE_AMBIGUOUS'
    | 'FORBIDDEN_WORD'
    | 'SKU_REQUIRED'
    | 'PRICE_NOT_POSITIVE';
  field: string;
  message: string;
}

export interface QualityRules {
  titleMinLength: number;
  titleMaxLength: number;
  /** Lower-case words (or phrases) that may not appear, matched on word boundaries. */
  forbiddenWords: string[];
}

export interface CheckedProduct {
  title: string;
  description: string;
  brand?: string | null;
  attributes: Record<string, string>;
  images: { url: string; main: boolean }[];
  skus: { sku: string; price: number }[];
  /** From the product's category. */
  requiredAttributes: string[];
}

export function qualityChecks(product: CheckedProduct, rules: QualityRules): QualityFinding[] {
  const findings: QualityFinding[] = [];
  const title = product.title.trim();
  if (title.length < rules.titleMinLength)
    findings.push({
      code: 'TITLE_TOO_SHORT',
      field: 'title',
      message: `the title must have at least ${rules.titleMinLength} characters`,
    });
  if (title.length > rules.titleMaxLength)
    findings.push({
      code: 'TITLE_TOO_LONG',
      field: 'title',
      message: `the title may have at most ${rules.titleMaxLength} characters`,
    });

  for (const name of product.requiredAttributes) {
    if (!product.attributes[name]?.trim())
      findings.push({
        code: 'REQUIRED_ATTRIBUTE_MISSING',
        field: `attributes.${name}`,
        message: `the category requires the attribute ${name}`,
      });
  }

  if (product.images.length === 0)
    findings.push({ code: 'IMAGE_REQUIRED', field: 'images', message: 'at least one image is required' });
  if (product.images.filter((image) => image.main).length > 1)
    findings.push({ code: 'MAIN_IMAGE_AMBIGUOUS', field: 'images', message: 'only one image may be the main image' });

  const texts = { title: product.title, description: product.description, brand: product.brand ?? '' };
  for (const word of rules.forbiddenWords) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'iu');
    for (const [field, text] of Object.entries(texts)) {
      if (pattern.test(text))
        findings.push({ code: 'FORBIDDEN_WORD', field, message: `contains the forbidden word "${word}"` });
    }
  }

  if (product.skus.length === 0)
    findings.push({ code: 'SKU_REQUIRED', field: 'skus', message: 'at least one SKU is required' });
  product.skus.forEach((sku, index) => {
    if (sku.price <= 0)
      findings.push({
        code: 'PRICE_NOT_POSITIVE',
        field: `skus.${index}.price`,
        message: `the price of ${sku.sku} must be above zero`,
      });
  });
  return findings;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
