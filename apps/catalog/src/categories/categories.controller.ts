import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@emporium/platform';
import { CategoriesService } from './categories.service';
import { CreateCategoryDto } from './dto/create-category.dto';

@ApiTags('categories')
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Public()
  tree() {
    return this.categories.tree();
  }

  @Post()
  @ApiBearerAuth()
  @Roles('ops')
  create(@Body() request: CreateCategoryDto) {
    return this.categories.create(request);
  }
}
