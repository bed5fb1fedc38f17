// `node --import ./trace-imports.mjs`: appends every module the process loads to $TRACE_FILE, as a
// URL: ES modules as their loader resolves them, CommonJS ones (the `msdk` bundle, what it requires)
// as Module._load reads them. Node's builtins are left out.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const TRACE_FILE = process.env.TRACE_FILE;
const load = Module._load;
Module._load = function (request, parent, isMain, ...rest) {
  if (!Module.isBuiltin(request)) {
    const file = Module._resolveFilename(request, parent, isMain);
    appendFileSync(TRACE_FILE, `${pathToFileURL(file).href}\n`);
  }
  return load.call(this, request, parent, isMain, ...rest);
};

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.startsWith('file:')) appendFileSync(${JSON.stringify(TRACE_FILE)}, result.url + '\\n');
  return result;
}`)}`,
);
