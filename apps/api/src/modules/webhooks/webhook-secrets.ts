import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { SecretBox } from '../../core/crypto/secret-box';

/** Endpoint signing secrets, sealed at rest under their own key and bound to the endpoint id. */
@Injectable()
export class WebhookSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // main.ts fills TEAMFRAME_SECRET (from the env or the generated secret file) before Nest starts.
    this.box = new SecretBox(config.TEAMFRAME_SECRET!, 'teamframe/webhooks/endpoint-secret/v1');
  }

  seal(secret: string, endpointId: string): string {
    return this.box.seal(secret, endpointId);
  }

  open(sealed: string, endpointId: string): string {
    try {
      return this.box.open(sealed, endpointId);
    } catch {
      throw new Error(`The signing secret of webhook endpoint ${endpointId} cannot be opened: TEAMFRAME_SECRET differs from the one it was stored with.`);
    }
  }
}
