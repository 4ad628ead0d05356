export const SESSION_COOKIE = 'tf_session';
