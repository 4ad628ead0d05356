export * from './roles';
export * from './errors';
export * from './auth';
export * from './health';
export * from './queues';
export * from './employees';
export * from './sso';
