import { Module } from '@nestjs/common';
import { ReadModelsHandlers } from './read-models.handlers';
import { ReadModelsService } from './read-models.service';

@Module({
  controllers: [ReadModelsHandlers],
  providers: [ReadModelsService],
  exports: [ReadModelsService],
})
export class ReadModelsModule {}
