// The operator session: {token, expires_at (unix seconds), user, role}, kept in sessionStorage
// (this tab only; closing the tab forgets it). The server decides expiry; the console only uses
// expires_at to send the user to the login page before a request would fail.
const key = 'credo.session';

export function loadSession() {
  try {
    const session = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (session && typeof session.token === 'string' && session.token) return session;
  } catch {
    // a damaged entry is no session
  }
  return null;
}

export function saveSession(session) {
  sessionStorage.setItem(key, JSON.stringify(session));
}

export function clearSession() {
  sessionStorage.removeItem(key);
}

export function sessionExpired(session, nowMs = Date.now()) {
  return !!(session && session.expires_at && session.expires_at * 1000 <= nowMs);
}
