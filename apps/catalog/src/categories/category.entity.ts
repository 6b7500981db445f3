import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A node of the category tree. `path` ('/root-id/child-id/') makes a subtree one prefix match. */
@Entity('categories')
export class Category {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  path: string;

  /** Attributes every product in this category must fill in (a quality check). */
  @Column({ name: 'required_attributes', type: 'text', array: true })
  requiredAttributes: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
