// Written by the build (scripts/recordValidators.mjs) from src/store/recordJsonSchemas.ts; the .js beside it is not in git.
/** True when the value passes the record's JSON Schema (compiled by ajv). */
export declare const incident: (value: unknown) => boolean;
export declare const deploy: (value: unknown) => boolean;
