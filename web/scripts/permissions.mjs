// Reads src/api/auth/permissions.toml, the one table the API's authorisation uses, so the console
// hides what a role may not open from the same source the server refuses it from. The table's
// shape is small and fixed ([permissions."name"] sections with description and roles); anything
// else in it is an error that names the line, so a change of shape fails the build instead of
// silently showing the wrong navigation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const permissionsTomlPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../src/api/auth/permissions.toml',
);

// Returns { "<permission>": ["role", ...] } in file order.
export function parsePermissionsToml(text, source = 'permissions.toml') {
  const table = {};
  let current = null;
  let pending = null; // a roles array spread over several lines
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const where = `${source}:${index + 1}`;
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (pending !== null) {
      pending.text += ' ' + line;
      if (line.includes(']')) finishRoles(pending.text, pending.where);
      return;
    }
    if (line === '' || line.startsWith('#')) return;
    const header = line.match(/^\[permissions\."([a-z0-9_.]+)"\]$/);
    if (header) {
      current = header[1];
      if (table[current]) throw new Error(`${where}: permission "${current}" is declared twice`);
      table[current] = [];
      return;
    }
    const field = line.match(/^([a-z_]+)\s*=\s*(.*)$/);
    if (!field || current === null) {
      throw new Error(`${where}: expected [permissions."name"] or a field, got: ${raw}`);
    }
    if (field[1] === 'roles') {
      if (field[2].includes(']')) finishRoles(field[2], where);
      else pending = { text: field[2], where };
    } else if (field[1] !== 'description') {
      throw new Error(`${where}: unknown field "${field[1]}" (description and roles are known)`);
    }
  });
  if (pending !== null) throw new Error(`${pending.where}: the roles array is never closed`);
  return table;

  function finishRoles(arrayText, where) {
    let roles;
    try {
      roles = JSON.parse(arrayText);
    } catch (error) {
      throw new Error(`${where}: roles must be an array of "quoted" names: ${error.message}`);
    }
    if (!Array.isArray(roles) || roles.some((role) => typeof role !== 'string')) {
      throw new Error(`${where}: roles must be an array of strings`);
    }
    table[current] = roles;
    pending = null;
  }
}

export function readPermissions(file = permissionsTomlPath) {
  return parsePermissionsToml(readFileSync(file, 'utf8'), file);
}

// Vite plugin: `import permissions from 'virtual:credo-permissions'` gives the parsed table.
export function permissionsPlugin() {
  const id = 'virtual:credo-permissions';
  const resolved = '\0' + id;
  return {
    name: 'credo-permissions',
    resolveId(source) {
      return source === id ? resolved : null;
    },
    load(source) {
      if (source !== resolved) return null;
      this.addWatchFile(permissionsTomlPath);
      return `export default ${JSON.stringify(readPermissions())};`;
    },
  };
}
