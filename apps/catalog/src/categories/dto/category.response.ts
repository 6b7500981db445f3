// Response bodies as the OpenAPI document shows them (swagger plugin, npm run openapi:generate).

export class CategoryResponse {
  id: string;
  name: string;
  /** null for a root category */
  parentId: string | null;
  /** Attributes every product in this category must have to pass the quality checks */
  requiredAttributes: string[];
}

export class CategoryNodeResponse {
  id: string;
  name: string;
  requiredAttributes: string[];
  /** Sorted by name */
  children: CategoryNodeResponse[];
}
