/** This package's version, as in package.json (errors.test.ts checks they agree). */
export const version = '0.1.0'
