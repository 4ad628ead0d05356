import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type InviteMailPayload, MAIL_JOB, QUEUE, type ReviewMailPayload } from '@teamframe/shared-types';
import { type Job, UnrecoverableError } from 'bullmq';
import { workerOptions } from '../../core/queue/queue.module';
import { InviteMailHandler } from '../invites/invite-mail.handler';
import { NotificationMailHandler, type NotificationMailPayload } from '../notifications/notification-mail.handler';
import { ReviewMailHandler } from '../review/review-mail.handler';

/** The `mail` queue's one worker: one handler per job name. */
@Processor(QUEUE.mail, workerOptions(QUEUE.mail))
export class MailJobsProcessor extends WorkerHost {
  constructor(
    private readonly invites: InviteMailHandler,
    private readonly reviews: ReviewMailHandler,
    private readonly notifications: NotificationMailHandler,
  ) {
    super();
  }

  process(job: Job<InviteMailPayload | ReviewMailPayload | NotificationMailPayload>): Promise<'sent' | 'skipped'> {
    switch (job.name) {
      case MAIL_JOB.invite:
      case MAIL_JOB.reminder:
        return this.invites.send(job as Job<InviteMailPayload>);
      case MAIL_JOB.reviewDecision:
        return this.reviews.send((job.data as ReviewMailPayload).headshotId);
      case MAIL_JOB.batchFinished:
      case MAIL_JOB.reviewWaiting:
      case MAIL_JOB.dailyDigest:
      case MAIL_JOB.campaignDue:
        return this.notifications.send(job as Job<NotificationMailPayload>);
      default:
        throw new UnrecoverableError(`unknown mail job ${job.name}`);
    }
  }
}
