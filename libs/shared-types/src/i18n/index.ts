export * from './catalogue';
export * from './languages';
export * from './message-lint';
export * from './translator';
