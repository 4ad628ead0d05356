import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { SESSION_COOKIE } from '../auth/session-cookie';
import { APP_VERSION } from '../../version';

/** The OpenAPI document, generated from the controllers; committed as apps/api/openapi.json. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Teamframe API')
    .setDescription('Uniform company headshots. Errors answer { error: { code, message, requestId } }. State-changing requests need the X-XSRF-TOKEN header equal to the XSRF-TOKEN cookie.')
    .setVersion(APP_VERSION)
    .addCookieAuth(SESSION_COOKIE)
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountOpenApi(app: INestApplication, doc: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs/openapi.json', yamlDocumentUrl: 'api/docs/openapi.yaml' });
}
