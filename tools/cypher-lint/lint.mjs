// Lint plankg's Cypher against Neo4j's grammar and the plankg graph model.
//
// Checks every plankg/queries/*.cypher file (LadybugDB overrides *.ladybug.cypher excepted) with
// the parameters its header declares, and every statement the Neo4j store generates.
// The model, the query headers and the generated statements come from one source of truth,
// `python -m plankg.store.lintdata` (or a file of its output given with --data FILE).
//
// Usage: node lint.mjs [--strict] [--data FILE]
//   PYTHON=path/to/python overrides the interpreter (default: ../../.venv/bin/python, else python3).
// Exit status: 1 when any error-severity diagnostic is found (with --strict, any warning too),
// 2 when the lint itself cannot run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const queriesDir = join(repo, 'plankg', 'queries');
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

function parseArgs(argv) {
  const args = { strict: false, data: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--strict') args.strict = true;
    else if (argv[i] === '--data') args.data = argv[++i];
    else {
      console.error(`lint.mjs: unknown argument ${argv[i]}; usage: node lint.mjs [--strict] [--data FILE]`);
      process.exit(2);
    }
  }
  return args;
}

function python() {
  if (process.env.PYTHON) return process.env.PYTHON;
  const venv = join(repo, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

function loadData(file) {
  if (file) return JSON.parse(readFileSync(file, 'utf8'));
  try {
    const out = execFileSync(python(), ['-m', 'plankg.store.lintdata'], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: [repo, process.env.PYTHONPATH].filter(Boolean).join(':') },
    });
    return JSON.parse(out);
  } catch (err) {
    console.error(`lint.mjs: cannot read the graph model from python -m plankg.store.lintdata: ${err.message}`);
    process.exit(2);
  }
}

// Declared parameters get a sample value of no particular type: the lint only checks names.
// rowKeys: keys of UNWIND row maps that are not graph properties (an edge row's src and dst).
function withParameters(schema, names, rowKeys = []) {
  return {
    ...schema,
    propertyKeys: [...schema.propertyKeys, ...rowKeys],
    parameters: Object.fromEntries(names.map((name) => [name, null])),
  };
}

function lint(where, text, dbSchema) {
  const { diagnostics } = lintCypherQuery(text, dbSchema);
  return diagnostics.map((d) => ({
    where: `${where}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
    severity: SEVERITY[d.severity] ?? String(d.severity),
    message: d.message,
  }));
}

const args = parseArgs(process.argv.slice(2));
const data = loadData(args.data);
const findings = [];

for (const query of data.queries) {
  const path = join(queriesDir, query.file);
  const names = query.parameters.map((p) => p.name);
  findings.push(...lint(relative(repo, path), readFileSync(path, 'utf8'), withParameters(data.schema, names)));
  const neo4jOverride = join(queriesDir, `${query.name}.neo4j.cypher`);
  if (existsSync(neo4jOverride)) {
    findings.push(...lint(relative(repo, neo4jOverride), readFileSync(neo4jOverride, 'utf8'),
      withParameters(data.schema, names)));
  }
}
// The generated statements are checked without graphSchema: inside NOT EXISTS { } the tool's
// label inference negates relationship types and then reports direction errors that are not
// there ("[:!PART_OF] has no incoming (:Chain)" for (n:Chain)-[:PART_OF]->()).
const { graphSchema, ...schemaForStatements } = data.schema;
for (const statement of data.statements) {
  findings.push(...lint(`neo4j_store[${statement.name}]`, statement.cypher,
    withParameters(schemaForStatements, statement.params, statement.row_keys)));
}

for (const f of findings) console.log(`${f.where}: ${f.severity}: ${f.message}`);
const failing = findings.filter((f) => f.severity === 'error' || (args.strict && f.severity === 'warning'));
console.log(`cypher-lint: ${data.queries.length} query files, ${data.statements.length} generated statements, ` +
  `${findings.length} diagnostics, ${failing.length} failing${args.strict ? ' (strict)' : ''}`);
process.exit(failing.length ? 1 : 0);
