/**
 * What needs HR's attention in the org right now: the dashboard's numbers, and the snapshot the live
 * channel (`GET /api/activity/events`) pushes whenever it changes, so review, batches and dashboard
 * refresh without a reload.
 */
export interface ActivityDto {
  /** Active (not deactivated) employees. */
  employees: number;
  /** Employees whose latest headshot waits for HR's decision. */
  inReview: number;
  /** Invited and no selfie yet. */
  missingSelfies: number;
  /** HR rejected their headshot and asked for another selfie, which has not arrived yet. */
  askedToRetake: number;
  /** Selfies that arrived in batch mode and wait for HR to start a batch. */
  waitingForBatch: number;
  /**
   * Selfies an `api` process kept for a worker to check and no worker has checked yet (those waiting for
   * storage space are in `waitingForSpace` instead). Only a split deployment has any; more than a few for
   * long means no worker is running.
   */
  waitingForCheck: number;
  /**
   * Kept selfies that passed their check but wait because the organisation's storage is full: they are
   * processed once space is freed (files erased) or the quota is raised, without a new photo.
   */
  waitingForSpace: number;
  /** Headshots being rendered now. */
  processing: number;
  /** Employees whose latest headshot could not be rendered. */
  failed: number;
  approved: number;
  /** The newest change to any headshot or employee of the org; moves on every decision and render. */
  changedAt: string | null;
}
