// Languages and the shell's common messages. A page's own strings live in its module
// (messages: {en, zh}); ctx.t looks there first, then here, then falls back to English, then to
// the key itself. '{name}' in a message is replaced by vars.name.
export const languages = ['en', 'zh'];
const storageKey = 'credo.lang';

export function initialLanguage() {
  const stored = localStorage.getItem(storageKey);
  if (languages.includes(stored)) return stored;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function rememberLanguage(lang) {
  localStorage.setItem(storageKey, lang);
}

export function format(text, vars) {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

export function translator(lang, ...tables) {
  return (key, vars) => {
    for (const table of tables) {
      const text = table && table[lang] && table[lang][key];
      if (text !== undefined) return format(text, vars);
    }
    for (const table of tables) {
      const text = table && table.en && table.en[key];
      if (text !== undefined) return format(text, vars);
    }
    return key;
  };
}

export const common = {
  en: {
    'app.name': 'credo console',
    'app.language': '中文',
    'app.language.title': 'Switch to Chinese',
    'app.menu': 'Menu',
    'app.logout': 'Log out',
    'app.role': 'Role: {role}',
    'app.loading': 'Loading…',
    'login.title': 'Sign in',
    'login.intro': 'Bureau staff sign in with their password and the code of their authenticator app.',
    'login.user': 'User name',
    'login.password': 'Password',
    'login.totp': 'Authenticator code (6 digits)',
    'login.submit': 'Sign in',
    'login.working': 'Signing in…',
    'login.failed': 'Sign-in refused: {message}',
    'login.expired': 'Your session has expired or was ended. Please sign in again.',
    'login.logged_out': 'You are signed out.',
    'login.totp_format': 'The authenticator code is 6 digits.',
    'login.missing': 'Enter your user name, password and authenticator code.',
    'page.not_found': 'There is no page at {path}.',
    'page.forbidden.title': 'Not available to your role',
    'page.forbidden': 'Your role ({role}) may not open this page: it needs the permission “{permission}”.',
    'page.no_pages': 'No page of this console is open to your role ({role}).',
    'error.title': 'Something went wrong',
    'error.401': 'Your session has expired. Please sign in again.',
    'error.403': 'Your role may not do this.',
    'error.404': 'Not found.',
    'error.not_available': 'This part of the API is not available on this server yet.',
    'error.422': 'The request was refused as invalid.',
    'error.429': 'Too many requests: wait a moment and try again.',
    'error.5xx': 'The server failed to answer this request.',
    'error.network': 'The server could not be reached.',
    'error.code': 'Code',
    'error.request_id': 'Request id',
    'error.page': 'This page failed: {message}',
    'table.csv': 'CSV',
    'table.xlsx': 'Excel',
    'table.empty': 'Nothing to show.',
    'table.rows': '{count} rows',
    'table.export_failed': 'The Excel export failed.',
    'common.yes': 'yes',
    'common.no': 'no',
    'common.none': '—',
    'common.search': 'Search',
    'common.retry': 'Retry',
  },
  zh: {
    'app.name': 'credo 控制台',
    'app.language': 'English',
    'app.language.title': '切换到英文',
    'app.menu': '菜单',
    'app.logout': '退出登录',
    'app.role': '角色：{role}',
    'app.loading': '加载中…',
    'login.title': '登录',
    'login.intro': '征信机构工作人员使用密码和身份验证器动态码登录。',
    'login.user': '用户名',
    'login.password': '密码',
    'login.totp': '动态验证码（6 位）',
    'login.submit': '登录',
    'login.working': '正在登录…',
    'login.failed': '登录被拒绝：{message}',
    'login.expired': '会话已过期或已结束，请重新登录。',
    'login.logged_out': '您已退出登录。',
    'login.totp_format': '动态验证码为 6 位数字。',
    'login.missing': '请输入用户名、密码和动态验证码。',
    'page.not_found': '不存在页面 {path}。',
    'page.forbidden.title': '您的角色无权访问',
    'page.forbidden': '您的角色（{role}）无权打开此页面：需要权限“{permission}”。',
    'page.no_pages': '控制台中没有您的角色（{role}）可以打开的页面。',
    'error.title': '出现错误',
    'error.401': '会话已过期，请重新登录。',
    'error.403': '您的角色无权执行此操作。',
    'error.404': '未找到。',
    'error.not_available': '此服务器尚未提供这部分接口。',
    'error.422': '请求无效，已被拒绝。',
    'error.429': '请求过多，请稍后再试。',
    'error.5xx': '服务器未能处理此请求。',
    'error.network': '无法连接服务器。',
    'error.code': '错误码',
    'error.request_id': '请求编号',
    'error.page': '页面出错：{message}',
    'table.csv': 'CSV',
    'table.xlsx': 'Excel',
    'table.empty': '没有数据。',
    'table.rows': '共 {count} 行',
    'table.export_failed': 'Excel 导出失败。',
    'common.yes': '是',
    'common.no': '否',
    'common.none': '—',
    'common.search': '查询',
    'common.retry': '重试',
  },
};

export const roleNames = {
  en: {
    admin: 'administrator',
    data_operations: 'data operations',
    analyst: 'analyst',
    auditor: 'auditor',
    institution: 'institution',
    subject: 'subject',
  },
  zh: {
    admin: '管理员',
    data_operations: '数据运营',
    analyst: '分析师',
    auditor: '审计员',
    institution: '机构',
    subject: '信息主体',
  },
};
