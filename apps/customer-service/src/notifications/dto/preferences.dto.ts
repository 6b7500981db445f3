import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';
import { NOTIFICATION_CATEGORIES, NotificationCategory } from '../templates';

export class UpdatePreferencesDto {
  /** Categories the member does not want to hear about; the list replaces the previous one. */
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_CATEGORIES.length)
  @IsIn(NOTIFICATION_CATEGORIES, { each: true })
  optedOut: NotificationCategory[];
}
