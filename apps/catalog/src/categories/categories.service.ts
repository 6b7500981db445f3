import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Category } from './category.entity';
import { CreateCategoryDto } from './dto/create-category.dto';

export interface CategoryNode {
  id: string;
  name: string;
  requiredAttributes: string[];
  children: CategoryNode[];
}

@Injectable()
export class CategoriesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(request: CreateCategoryDto) {
    return this.dataSource.transaction(async (manager) => {
      const parent = request.parentId ? await manager.findOneBy(Category, { id: request.parentId }) : null;
      if (request.parentId && !parent) throw new NotFoundError('category', request.parentId);
      if (
        await manager.findOneBy(Category, { parentId: parent?.id ?? (null as unknown as string), name: request.name })
      ) {
        throw new DomainError('CATEGORY_EXISTS', `a category named ${request.name} already exists there`, 409);
      }
      const id = randomUUID();
      const category = manager.create(Category, {
        id,
        parentId: parent?.id ?? null,
        name: request.name,
        path: `${parent?.path ?? '/'}${id}/`,
        requiredAttributes: request.requiredAttributes ?? [],
      });
      await manager.insert(Category, category);
      return { id, name: category.name, parentId: category.parentId, requiredAttributes: category.requiredAttributes };
    });
  }

  /** The whole tree, children sorted by name. */
  async tree(): Promise<CategoryNode[]> {
    const all = await this.dataSource.manager.find(Category, { order: { name: 'ASC' } });
    const nodes = new Map(
      all.map((c) => [
        c.id,
        { id: c.id, name: c.name, requiredAttributes: c.requiredAttributes, children: [] as CategoryNode[] },
      ]),
    );
    const roots: CategoryNode[] = [];
    for (const category of all)
      (category.parentId ? nodes.get(category.parentId)!.children : roots).push(nodes.get(category.id)!);
    return roots;
  }
}
