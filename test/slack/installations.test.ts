import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/oauth';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SealedInstallationStore } from '../../src/slack/oauth/installations.js';
import { parseInstallationKey } from '../../src/slack/oauth/seal.js';
import { MemoryStore, RedisStore } from '../../src/store/index.js';
import { noRedis, RedisServer, redisClient } from '../helpers/redis.js';

const TOKEN = 'xoxb-team-secret-token-123';

const teamInstall = (team: string, token = TOKEN): Installation =>
  ({
    team: { id: team, name: 'Studio' },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { token, scopes: ['chat:write'], id: 'B1', userId: 'UBOT' },
    isEnterpriseInstall: false,
    tokenType: 'bot',
    authVersion: 'v2',
  }) as Installation;

describe('installations at rest', () => {
  let server: RedisServer | undefined;
  let raw: Redis | undefined;
  beforeAll(async () => {
    if (noRedis) return;
    server = await RedisServer.start();
    raw = redisClient(server.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await server?.stop();
  });

  it.skipIf(noRedis)('are kept in Redis sealed: no token, no team name in what Redis holds', async () => {
    const store = new RedisStore(server!.url);
    await store.waitReady();
    const key = randomBytes(32);
    const installs = new SealedInstallationStore(store, key);
    await installs.storeInstallation(teamInstall('T111'));
    const keys = await raw!.keys('msdk:install:*');
    expect(keys).toEqual(['msdk:install:team:{T111}']);
    const stored = (await raw!.get(keys[0]!))!;
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain('Studio');
    expect(
      (await installs.fetchInstallation({ teamId: 'T111', enterpriseId: undefined, isEnterpriseInstall: false })).bot
        ?.token,
    ).toBe(TOKEN);

    // Another key (a wrong SLACK_INSTALLATION_KEY) opens nothing; neither does a record copied to another team.
    const other = new SealedInstallationStore(store, randomBytes(32));
    await expect(
      other.fetchInstallation({ teamId: 'T111', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow(/no installation/);
    await raw!.set('msdk:install:team:{T222}', stored);
    await expect(
      installs.fetchInstallation({ teamId: 'T222', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow();
    await store.close();
  });

  it('an org-wide install answers for every workspace of its org; a workspace install only for itself', async () => {
    const installs = new SealedInstallationStore(new MemoryStore(), randomBytes(32));
    await installs.storeInstallation({
      ...teamInstall('unused', 'xoxb-org'),
      team: undefined,
      enterprise: { id: 'E1', name: 'Org' },
      isEnterpriseInstall: true,
    } as Installation);
    await installs.storeInstallation(teamInstall('T9', 'xoxb-t9'));
    const tokenFor = async (teamId: string, enterpriseId?: string) =>
      (await installs.find({ teamId, enterpriseId, isEnterpriseInstall: false }))?.bot?.token;
    expect(await tokenFor('T5', 'E1')).toBe('xoxb-org');
    expect(await tokenFor('T9')).toBe('xoxb-t9');
    expect(await tokenFor('T5')).toBeUndefined();
  });

  it('uninstalling leaves nothing to answer with', async () => {
    const installs = new SealedInstallationStore(new MemoryStore(), randomBytes(32));
    await installs.storeInstallation(teamInstall('T3'));
    await installs.deleteInstallation({ teamId: 'T3', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(await installs.find({ teamId: 'T3', enterpriseId: undefined, isEnterpriseInstall: false })).toBeUndefined();
  });

  it('SLACK_INSTALLATION_KEY must be 32 bytes (base64 or hex)', () => {
    expect(parseInstallationKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(parseInstallationKey('ab'.repeat(32))).toHaveLength(32);
    expect(() => parseInstallationKey('short')).toThrow(/32 random bytes/);
  });
});
