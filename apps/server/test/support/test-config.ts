import { loadConfig, type ServerConfig } from '../../src/config.js';

/** A validated configuration for tests from environment-style values. */
export function testConfig(env: Record<string, string>): ServerConfig {
  return loadConfig({ NODE_ENV: 'test', ...env });
}
