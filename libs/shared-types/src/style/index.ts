export * from './schema';
export * from './checks';
export * from './presets';
