// The SCIM discovery documents (RFC 7643 §5–7, RFC 7644 §4): what this server supports, stated exactly.

export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';
export const MAX_PAGE = 200;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    documentationUri: 'https://github.com/teamframe/teamframe/blob/main/docs/integrations.md',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_PAGE },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: 'The SCIM token from Teamframe Settings → Provisioning, sent as Authorization: Bearer tfscim_…', primary: true }],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  return [
    { schemas: [SCHEMA.resourceType], id: 'User', name: 'User', endpoint: '/Users', description: 'An employee of the organisation', schema: SCHEMA.user, schemaExtensions: [{ schema: SCHEMA.enterpriseUser, required: false }], meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` } },
    { schemas: [SCHEMA.resourceType], id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A department; its members are the employees in it', schema: SCHEMA.group, meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` } },
  ];
}

const attr = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...extra });

export function schemas(baseUrl: string) {
  return [
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.user,
      name: 'User',
      description: 'An employee. userName and the work e-mail identify them; the e-mail is where invites go.',
      attributes: [
        attr('userName', { required: true, uniqueness: 'server' }),
        attr('name', { type: 'complex', subAttributes: [attr('givenName', { required: true }), attr('familyName', { required: true }), attr('formatted', { mutability: 'readOnly' })] }),
        attr('displayName', { mutability: 'readOnly' }),
        attr('title'),
        attr('preferredLanguage', { description: 'The language of the employee’s mails and upload page (e.g. "de-DE"); one the product does not speak is stored as none, and the org default applies.' }),
        attr('active', { type: 'boolean' }),
        attr('emails', { type: 'complex', multiValued: true, subAttributes: [attr('value'), attr('type', { canonicalValues: ['work'] }), attr('primary', { type: 'boolean' })] }),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCHEMA.user}` },
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.enterpriseUser,
      name: 'EnterpriseUser',
      description: 'The department, which is also the employee’s one group.',
      attributes: [attr('department')],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCHEMA.enterpriseUser}` },
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.group,
      name: 'Group',
      description: 'A department. An employee is in at most one: adding them to a group moves them there.',
      attributes: [
        attr('displayName', { required: true, uniqueness: 'server' }),
        attr('members', { type: 'complex', multiValued: true, subAttributes: [attr('value', { mutability: 'immutable' }), attr('display', { mutability: 'readOnly' }), attr('$ref', { type: 'reference', referenceTypes: ['User'], mutability: 'readOnly' })] }),
      ],
      meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${SCHEMA.group}` },
    },
  ];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex: number) {
  return { schemas: [SCHEMA.listResponse], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
