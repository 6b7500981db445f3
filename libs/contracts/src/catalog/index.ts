export * from './sku-added.v1';
