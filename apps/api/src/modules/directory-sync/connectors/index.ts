import type { DirectoryKind } from '@teamframe/shared-types';
import type { AppConfig } from '../../../core/config/config';
import { BambooHrConnector } from './bamboohr.connector';
import type { DirectoryConnector } from './directory-connector';
import { GoogleAdminConnector } from './google-admin.connector';
import { MicrosoftGraphConnector } from './microsoft-graph.connector';

/** Builds the connector of a stored connection: service URLs from the operator's config, the rest from the org's settings. */
export const CONNECTORS: Record<DirectoryKind, (config: AppConfig, settings: Record<string, string>, credentials: Record<string, string>) => DirectoryConnector> = {
  microsoft: (c, s, cr) => new MicrosoftGraphConnector({ loginUrl: c.DIRECTORY_MICROSOFT_LOGIN_URL.replace(/\/$/, ''), graphUrl: c.DIRECTORY_MICROSOFT_GRAPH_URL.replace(/\/$/, ''), tenantId: s.tenantId, clientId: s.clientId, clientSecret: cr.clientSecret }),
  google: (c, s, cr) => new GoogleAdminConnector({ tokenUrl: c.DIRECTORY_GOOGLE_TOKEN_URL, apiUrl: c.DIRECTORY_GOOGLE_API_URL.replace(/\/$/, ''), serviceAccountEmail: s.serviceAccountEmail, adminEmail: s.adminEmail, privateKeyPem: cr.privateKeyPem }),
  bamboohr: (c, s, cr) => new BambooHrConnector({ apiUrl: c.DIRECTORY_BAMBOOHR_API_URL.replace(/\/$/, ''), companyDomain: s.companyDomain, apiKey: cr.apiKey }),
};
