// Read once at start; the root package.json is the single source of the version.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const APP_VERSION: string = require('../../../package.json').version;
