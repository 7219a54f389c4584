// The console's only way to the server: JSON over the public API with the session's bearer
// token. Every failure is an ApiError {status, code, message, request_id}; a 401 also tells the
// shell (onUnauthorized) so it can send the user back to the login page with the reason.
export class ApiError extends Error {
  constructor({ status, code, message, request_id, field, path }) {
    super(message || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || 'error';
    this.request_id = request_id || '';
    this.field = field || '';
    this.path = path || '';
  }

  // True when the server has no such route at all (an API part not built on this server yet),
  // as opposed to a route that says the thing asked for does not exist.
  get notAvailable() {
    return (
      (this.status === 404 && /^no such route/i.test(this.message)) ||
      this.status === 405 ||
      this.status === 501
    );
  }
}

// Turns 'alerts' or '/alerts' or '/v1/alerts' into '/v1/alerts'.
export function apiPath(path) {
  const clean = path.startsWith('/') ? path : '/' + path;
  return clean.startsWith('/v1/') || clean === '/v1' ? clean : '/v1' + clean;
}

export function queryString(query) {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? '?' + text : '';
}

async function errorFrom(response, path) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = (body && body.error) || {};
  return new ApiError({
    status: response.status,
    code: error.code || `http_${response.status}`,
    message: error.message || `${response.status} ${response.statusText}`,
    request_id: error.request_id || response.headers.get('X-Request-Id') || '',
    field: error.field,
    path,
  });
}

// getToken(): the current token or ''; onUnauthorized(apiError): called on every 401.
export function createApi({ getToken, onUnauthorized }) {
  async function request(method, path, { query, body, accept = 'application/json' } = {}) {
    const url = apiPath(path) + queryString(query);
    const headers = { Accept: accept };
    const token = getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = { method, headers };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, init);
    } catch (cause) {
      throw new ApiError({
        status: 0,
        code: 'network',
        message: `the server did not answer (${cause.message})`,
        path: url,
      });
    }
    if (!response.ok) {
      const error = await errorFrom(response, url);
      if (response.status === 401 && onUnauthorized) onUnauthorized(error);
      throw error;
    }
    return response;
  }

  async function json(method, path, options) {
    const response = await request(method, path, options);
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  return {
    get: (path, query) => json('GET', path, { query }),
    post: (path, body = {}) => json('POST', path, { body }),
    put: (path, body = {}) => json('PUT', path, { body }),
    del: (path) => json('DELETE', path),
    // POSTs body (or GETs when body is null/undefined) and saves the answer as `filename`;
    // options.accept names the wanted format (e.g. 'application/pdf'), default any.
    async download(path, body, filename, { accept = '*/*' } = {}) {
      const response = await request(body === undefined || body === null ? 'GET' : 'POST', path, {
        body: body === undefined || body === null ? undefined : body,
        accept,
      });
      const blob = await response.blob();
      saveBlob(blob, filename);
      return blob;
    },
    raw: request,
  };
}

export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
