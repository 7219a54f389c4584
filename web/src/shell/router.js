// Hash routing: '#/subjects/12?tab=graph' -> {path: '/subjects/12', query: {tab: 'graph'}}.
// A page's route may have ':name' parameters ('/subjects/:id'); they arrive as ctx.params.
export function parseHash(hash) {
  const text = (hash || '').replace(/^#/, '');
  const [pathPart, queryPart = ''] = text.split('?');
  const path = '/' + pathPart.replace(/^\/+/, '').replace(/\/+$/, '');
  const query = Object.fromEntries(new URLSearchParams(queryPart));
  return { path, query };
}

export function compileRoute(route) {
  const names = [];
  const pattern = route
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        names.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const regex = new RegExp('^' + pattern + '/?$');
  return (path) => {
    const match = regex.exec(path);
    if (!match) return null;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  };
}
