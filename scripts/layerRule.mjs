// @ts-check
// The ESLint rule behind the layer table of CONTRIBUTING.md ("Layers"); the
// table itself, one entry per folder, is in eslint.config.mjs.
//
// Each module a file names is checked, however it is named: import and
// export ... from (type-only too), a dynamic import() (the CLI loads its verbs
// that way), `typeof import('...')` and `import x = require('...')`. A
// relative path is resolved from the file and must land in one of the
// folders the file's layer may import (`mayImport`, globs relative to the
// project root: `src/core/**` is that folder and everything under it); a
// package name must not be one of the layer's refused `modules`. An import()
// of anything but a string literal is refused too: the rule could not see
// where it goes. (require() in TypeScript is refused by
// @typescript-eslint/no-require-imports.)
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder eslint.config.mjs is in, which the `mayImport` globs are relative to (as its `files` globs are). */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const withoutExtension = (path) => path.replace(/\.(ts|mts|cts|js|mjs|cjs)$/, '');

/** `folder/**` matches the folder and everything under it; any other glob is one file (its extension optional in the import). */
function inGlob(path, glob) {
  if (glob.endsWith('/**')) {
    const folder = glob.slice(0, -'/**'.length);
    return path === folder || path.startsWith(`${folder}/`);
  }
  return withoutExtension(path) === withoutExtension(glob);
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point downward only: each layer imports the folders and modules its row of the layer table allows (CONTRIBUTING.md, "Layers").' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          mayImport: { type: 'array', items: { type: 'string' } },
          modules: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, message: { type: 'string' } }, required: ['name', 'message'] } },
          message: { type: 'string' },
        },
        required: ['layer', 'message'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder: "'{{source}}' reaches {{target}}: {{message}}",
      module: "'{{source}}': {{message}}",
      unreadable:
        'An import() of an expression: the layer rule reads only a string literal, so write the path out (or say why not in an eslint-disable comment). See CONTRIBUTING.md, "Layers".',
    },
  },
  create(context) {
    const { mayImport, modules = [], message } = context.options[0];
    const folder = dirname(context.filename);

    /** @param {string} source @param {import('estree').Node} node */
    function check(source, node) {
      if (source.startsWith('.')) {
        if (!mayImport) return;
        const target = relative(PROJECT_ROOT, resolve(folder, source)).split(sep).join('/');
        if (!mayImport.some((glob) => inGlob(target, glob))) context.report({ node, messageId: 'folder', data: { source, target, message } });
        return;
      }
      const refused = modules.find((module) => source === module.name || source.startsWith(`${module.name}/`));
      if (refused) context.report({ node, messageId: 'module', data: { source, message: refused.message } });
    }

    /** A string literal's text (a template literal without expressions counts), else undefined. */
    const literal = (node) =>
      node?.type === 'Literal' && typeof node.value === 'string'
        ? node.value
        : node?.type === 'TemplateLiteral' && node.expressions.length === 0
          ? node.quasis[0].value.cooked
          : undefined;

    const fromSource = (node) => node.source && check(node.source.value, node.source);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        const source = literal(node.source);
        if (source === undefined) context.report({ node, messageId: 'unreadable' });
        else check(source, node.source);
      },
      // `typeof import('./main')`, `import('../ui/x').Type`
      TSImportType(node) {
        const source = literal(node.source ?? node.argument?.literal);
        if (source !== undefined) check(source, node);
      },
      // `import x = require('...')`
      TSExternalModuleReference(node) {
        const source = literal(node.expression);
        if (source !== undefined) check(source, node);
      },
    };
  },
};
