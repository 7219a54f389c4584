// credo console entry point. Every web/src/pages/<name>.js is a page (docs/console.md): found
// here at build time, so adding a page edits no shared file.
import './style.css';
import { startShell } from './shell/shell.js';

const modules = import.meta.glob('./pages/*.js', { eager: true });
startShell(
  document.getElementById('app'),
  Object.keys(modules)
    .sort()
    .map((file) => modules[file].default),
);
