import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { APP_VERSION } from '../../version';

const API_TOKEN_SCHEME = 'api-token';

/** The OpenAPI document, generated from the controllers; committed as apps/api/openapi.json. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Teamframe API')
    .setDescription('Uniform company headshots. Errors answer { error: { code, message, requestId } }. State-changing requests need the X-XSRF-TOKEN header equal to the XSRF-TOKEN cookie.')
    .setVersion(APP_VERSION)
    .addCookieAuth(SESSION_COOKIE)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (`tf_…`) an owner created in Settings → API tokens; it acts with the role chosen there.' }, API_TOKEN_SCHEME)
    .build();
  return acceptApiTokens(SwaggerModule.createDocument(app, config));
}

/** Every route open to a role also takes an API token (the SessionGuard accepts either), so say so per operation. */
function acceptApiTokens(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item) as { 'x-roles'?: unknown; security?: Record<string, string[]>[] }[]) {
      if (op && typeof op === 'object' && op['x-roles']) op.security = [...(op.security ?? []), { [API_TOKEN_SCHEME]: [] }];
    }
  }
  return doc;
}

export function mountOpenApi(app: INestApplication, doc: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });
}
