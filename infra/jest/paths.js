// Maps the tsconfig path aliases (@emporium/*) for jest, so tests import libraries as services do.
const { compilerOptions } = require('../../tsconfig.base.json');
const path = require('node:path');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`] = path.join(__dirname, '../..', target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
