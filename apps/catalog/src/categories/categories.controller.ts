import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems, Public, Roles } from '@emporium/platform';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto } from './dto/create-category.dto';
import { CategoryNodeResponse, CategoryResponse } from './dto/category.response';

@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** The whole category tree, children sorted by name. */
  @Get()
  @Public()
  @ApiOkResponse({ type: [CategoryNodeResponse] })
  tree() {
    return this.categories.tree();
  }

  /** Creates a category, optionally under a parent, with the attributes its products require. */
  @Post()
  @ApiBearerAuth()
  @Roles('ops')
  @ApiCreatedResponse({ type: CategoryResponse })
  @ApiProblems(409)
  create(@Body() request: CreateCategoryDto) {
    return this.categories.create(request);
  }
}
