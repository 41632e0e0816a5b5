/**
 * Layer rules of the design (handbook section 2), written as data: which folder may import which.
 * `npm run lint` enforces them; test/lint/layers.test.ts proves they bite.
 */
const LAYERS = {
  shared: [],
  renderer: ['shared'],
  electron: ['shared'],
  hub: ['shared'],
};

const ALL = Object.keys(LAYERS);

const forbidden = Object.entries(LAYERS).map(([layer, allowed]) => {
  const denied = ALL.filter((other) => other !== layer && !allowed.includes(other));
  return {
    name: `${layer}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
    comment: `${layer}/ may import ${allowed.length ? allowed.join(', ') + ' and ' : ''}npm packages only`,
    severity: 'error',
    from: { path: `^${layer}/` },
    to: { path: `^(${denied.join('|')})/` },
  };
});

forbidden.push(
  {
    name: 'shared-is-pure',
    comment: 'shared/ runs everywhere: no Node built-ins and no DOM or Electron packages',
    severity: 'error',
    from: { path: '^shared/' },
    to: { dependencyTypes: ['core'] },
  },
  {
    name: 'shared-no-platform-packages',
    comment: 'shared/ may use pure npm packages only (zod…), never platform ones',
    severity: 'error',
    from: { path: '^shared/', pathNot: '\\.test\\.ts$' },
    to: { path: 'node_modules/(electron|react|react-dom|socket\\.io|dexie|pg|@electric-sql|maplibre-gl|@deck\\.gl|deck\\.gl)/' },
  },
  {
    name: 'no-unresolvable',
    comment: 'every import resolves, except packages that exist only as @types (nothing to find at run time)',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true, pathNot: '^(geojson|topojson-specification)$' },
  },
);

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
