import type { DirectoryKind } from '@teamframe/shared-types';

/** The person as a directory finds them: by work e-mail (Microsoft UPN, Google primary e-mail, BambooHR work e-mail). */
export interface DirectoryPerson {
  email: string;
}

/** A JPEG ready to send. */
export interface DirectoryPhoto {
  jpeg: Buffer;
  width: number;
  height: number;
}

/**
 * One directory or HRIS that shows people's photos. A new one is one file implementing this, added to
 * CONNECTORS (connectors/index.ts). Methods throw ConnectorError with a sentence HR can act on.
 */
export interface DirectoryConnector {
  readonly kind: DirectoryKind;
  pushPhoto(person: DirectoryPerson, photo: DirectoryPhoto): Promise<void>;
  /** Removes the photo (after an erasure); absent when the service's API cannot. A missing photo counts as removed. */
  removePhoto?(person: DirectoryPerson): Promise<void>;
}

/** `retryable`: worth another attempt later (throttling, 5xx, network); else a setup problem HR must fix. */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
