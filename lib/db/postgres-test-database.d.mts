export function runOnServer(serverUrl: string, sql: string): Promise<void>;
export function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }>;
