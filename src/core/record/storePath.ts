/**
 * Where the incident log lives, relative to the repository root, unless the
 * `incidents.storePath` setting or the CLI's `--store` names another file.
 * Spelled here only: the store, git (the merge driver's attribute line,
 * committing the log), the plan's runbook folder and the UI all read it.
 */
export const DEFAULT_STORE_FOLDER = '.incidents';
export const DEFAULT_STORE_PATH = `${DEFAULT_STORE_FOLDER}/incidents.json`;
