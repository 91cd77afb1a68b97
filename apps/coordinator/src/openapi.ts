import { attuneVersion } from '@attune/telemetry/attune-version';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** OpenAPI UI at /docs, JSON at /docs-json, with the token scheme every route but the open ones requires. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Attune coordinator')
    .setDescription('Submit studies, follow their trials, read the best configuration.')
    .setVersion(attuneVersion())
    // Every route but /health, /dashboard/config and POST /session: an API token, or the dashboard's session cookie.
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'attn_ (opaque)', description: 'an API token (`attune token create`, or `attune admin bootstrap` for the first): `Authorization: Bearer attn_…`' }, 'token')
    .addCookieAuth('attune_session', { type: 'apiKey', in: 'cookie', description: "the dashboard's session (POST /session); unsafe requests also send X-CSRF-Token, the attune_csrf cookie's value" }, 'session')
    .addSecurityRequirements('token')
    .addSecurityRequirements('session')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
}
