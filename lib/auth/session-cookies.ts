/** Auth.js's database-session cookie: plain over http, `__Secure-` when APP_URL is https. */
export const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;
