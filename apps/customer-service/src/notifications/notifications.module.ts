import { Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import { createTransport } from 'nodemailer';
import { DataSource } from 'typeorm';
import type { CustomerServiceConfig } from '../config';
import { ContactDirectory, DevelopmentContactDirectory, HttpContactDirectory } from './contact-directory';
import { DevelopmentMailbox } from './development-mailbox';
import { NotificationChannel } from './notification-channel';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SmtpEmailChannel } from './smtp-email-channel';

@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    {
      provide: ContactDirectory,
      inject: [SERVICE_CONFIG],
      useFactory: (config: CustomerServiceConfig) =>
        config.MEMBERSHIP_URL
          ? new HttpContactDirectory(config.MEMBERSHIP_URL, config.JWT_SECRET, config.MEMBERSHIP_TIMEOUT_MS)
          : new DevelopmentContactDirectory(),
    },
    {
      provide: NotificationChannel,
      inject: [SERVICE_CONFIG, DataSource],
      useFactory: (config: CustomerServiceConfig, dataSource: DataSource) =>
        config.SMTP_URL
          ? new SmtpEmailChannel(createTransport(config.SMTP_URL), config.MAIL_FROM)
          : new DevelopmentMailbox(dataSource),
    },
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
